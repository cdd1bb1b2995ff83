import { getMeta, type FieldDb } from './db';
import { backoffMs, syncNow } from './sync';

/**
 * Syncs by itself when it can: on start, when the signal comes back, every few minutes
 * while online, and after a failure again with exponential backoff. The PSM's sync button
 * calls syncNow directly.
 */
const EVERY_MS = 5 * 60_000;
let started: { db: FieldDb; stop: () => void } | null = null;

export function startAutoSync(db: FieldDb): void {
  if (started?.db === db) return;
  started?.stop();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void tick(), ms);
  };
  const tick = async () => {
    if (stopped) return;
    if (!navigator.onLine) return schedule(EVERY_MS);
    const outcome = await syncNow(db);
    if (outcome.ok) return schedule(EVERY_MS);
    // A session that ended needs the PSM to sign in; do not hammer the server meanwhile.
    if (outcome.error?.kind === 'session') return schedule(EVERY_MS);
    schedule(backoffMs((await getMeta<number>(db, 'failures')) ?? 1));
  };
  const online = () => schedule(500);
  window.addEventListener('online', online);
  schedule(1_000);
  started = {
    db,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', online);
    },
  };
}

export function stopAutoSync(): void {
  started?.stop();
  started = null;
}
