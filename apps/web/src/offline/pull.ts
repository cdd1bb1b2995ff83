import { apiFetch } from '../api/client';
import { getMeta, setMeta, type FieldDb, type LocalRecord, type MutationItem } from './db';
import { haltOf } from './halt';
import { rebuild } from './outbox';

/**
 * The pull half of the sync client: pages of records since the stored cursor, the
 * history window (DOMAIN.md §9) applied as they arrive and again after each sync.
 */

/** Default history window: records of events older than this are not kept on the phone. */
export const DEFAULT_HISTORY_MONTHS = 12;

type PullItem = {
  type: string;
  id: string;
  op: 'upsert' | 'remove';
  record?: { id: string; version: number; villageCode: string; data: Record<string, unknown> };
};

type Page = { items: PullItem[]; cursor: string; more: boolean };

function fetchPage(cursor: string | undefined, limit: number): Promise<Page> {
  const qs = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
  const page = apiFetch<Page>(`/api/v1/sync/pull?${qs.toString()}`);
  // Awaited later; a failure must not count as unhandled meanwhile.
  page.catch(() => undefined);
  return page;
}

/**
 * Pulls pages until the server has nothing more. The next page is asked for while the
 * current one is written to IndexedDB (a slow phone's CPU and a slow line overlap); the
 * cursor is stored only with the page it belongs to, so a stop resumes exactly there.
 */
export async function pull(db: FieldDb, limit: number): Promise<number> {
  let count = 0;
  let next = fetchPage(await getMeta<string>(db, 'cursor'), limit);
  for (;;) {
    let page: Page;
    try {
      page = await next;
    } catch (e) {
      throw haltOf(e);
    }
    if (page.more) next = fetchPage(page.cursor, limit);
    await applyPage(db, page.items, page.cursor);
    count += page.items.length;
    if (!page.more) return count;
  }
}

async function historyCutoff(db: FieldDb): Promise<string> {
  const months = (await getMeta<number>(db, 'historyMonths')) ?? DEFAULT_HISTORY_MONTHS;
  const d = new Date();
  d.setMonth(d.getMonth() - months);
  return d.toISOString();
}

/** Applies one page and stores its cursor in the same transaction: a crash redoes at most this page. */
async function applyPage(db: FieldDb, items: PullItem[], cursor: string): Promise<void> {
  const cutoff = await historyCutoff(db);
  await db.transaction('rw', db.records, db.outbox, db.meta, async () => {
    const ids = [...new Set(items.map((i) => i.id))];
    const queued = ids.length ? await db.outbox.where('entityId').anyOf(ids).toArray() : [];
    const local = new Set(queued.filter((q): q is MutationItem => q.kind === 'mutation').map((q) => q.entityId));
    const puts: LocalRecord[] = [];
    const removes: [string, string][] = [];
    for (const it of items) {
      const rec = it.record;
      const occurred = rec ? eventDate(it.type, rec.data) : null;
      // Bounded history (DOMAIN.md §9): old events stay on the server, not on the phone.
      if (it.op === 'remove' || !rec || (occurred !== null && occurred < cutoff)) {
        removes.push([it.type, it.id]);
        continue;
      }
      const server = { ...rec.data };
      puts.push({
        type: it.type,
        id: it.id,
        version: rec.version,
        villageCode: rec.villageCode,
        server,
        data: server,
        search: searchOf(server),
        touchedAt: Date.now(),
      });
    }
    if (puts.length) await db.records.bulkPut(puts);
    for (const [type, id] of removes) {
      const rec = await db.records.get([type, id]);
      if (rec) await db.records.put({ ...rec, server: null });
    }
    // Records with edits still queued here show those edits on top of the fresh copy.
    for (const [type, id] of [...puts.map((p) => [p.type, p.id] as const), ...removes]) {
      if (local.has(id) || removes.some(([t, i]) => t === type && i === id)) await rebuild(db, type, id);
    }
    await setMeta(db, 'cursor', cursor);
  });
}

/**
 * When a record happened, for the history window: an event's date, an assessment's day,
 * a closed case's closing day. Persons and open cases have none: they always stay.
 */
export function eventDate(type: string, data: Record<string, unknown>): string | null {
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  if (type === 'person') return null;
  if (type === 'case') return data.status === 'closed' ? text(data.closedOn) : null;
  if (type === 'assessment') return text(data.assessedOn);
  return text(data.occurredAt);
}

const searchOf = (data: Record<string, unknown>) =>
  [data.fullName, data.aliases]
    .filter((v) => typeof v === 'string')
    .join(' ')
    .toLowerCase();
export async function pruneHistory(db: FieldDb): Promise<void> {
  const cutoff = await historyCutoff(db);
  await db.visits
    .where('occurredAt')
    .below(cutoff)
    .and((v) => v.synced)
    .delete();
  // Pulled events that aged out of the window while on the phone (nothing of them still queued).
  const queued = new Set((await db.outbox.toArray()).flatMap((i) => (i.kind === 'mutation' ? [i.entityId] : [])));
  const old = await db.records
    .where('type')
    .anyOf(['case', 'assessment', 'activity'])
    .filter((r) => !queued.has(r.id) && (eventDate(r.type, r.data) ?? cutoff) < cutoff)
    .primaryKeys();
  await db.records.bulkDelete(old);
}
