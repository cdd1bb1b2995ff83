import { ApiError, apiFetch, setCsrfToken, type Problem } from '../api/client';
import { fetchMe } from '../session/session.api';
import type { Me } from '../session/session.types';
import {
  getMeta,
  outboxChanges,
  setMeta,
  type FieldDb,
  type LocalConflict,
  type MutationItem,
  type OutboxItem,
  type UploadItem,
  type VisitItem,
} from './db';
import { saveMe } from './meCache';
import { rebuild } from './outbox';
import { haltOf, type SyncError } from './halt';
import { pruneHistory, pull } from './pull';
import { refreshReference } from './reference';

export type { SyncError } from './halt';
export { DEFAULT_HISTORY_MONTHS, eventDate } from './pull';

/**
 * The sync client (ARCHITECTURE.md decision 7): push the outbox in order, then pull
 * pages until the server has nothing more, keeping the cursor after every page so an
 * interrupted sync resumes where it stopped. Nothing is overwritten silently: a
 * same-field clash comes back as a conflict a person decides.
 */

export const PUSH_BATCH = 50;
/** Records per pull page: few round trips on a high-latency line, each page small once compressed. */
export const PULL_LIMIT = 500;


export interface SyncOutcome {
  ok: boolean;
  pushed: number;
  pulled: number;
  error?: SyncError;
}

type PushResult = {
  mutationId: string;
  status: 'applied' | 'merged' | 'rejected';
  entityId: string;
  version?: number;
  conflicts?: { field: string; conflictId: string }[];
  error?: Problem;
};

/** Exponential backoff with jitter for automatic retries: 2 s, 4 s, … up to 5 minutes. */
export function backoffMs(failures: number): number {
  const base = Math.min(300_000, 2_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

const listeners = new Set<() => void>();
let running: Promise<SyncOutcome> | null = null;
let onMe: ((me: Me) => void) | null = null;

/** Whether a sync is running now (for the UI). */
export const isSyncing = () => running !== null;
export function subscribeSyncing(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
/** Lets the session hear of the fresh /me each sync fetches (new CSRF token, changed grants). */
export function onFreshMe(fn: ((me: Me) => void) | null): void {
  onMe = fn;
}

/** Runs one sync; a second call while one runs joins it. Other tabs wait for the lock. */
export function syncNow(db: FieldDb, options: { pullLimit?: number } = {}): Promise<SyncOutcome> {
  if (running) return running;
  const run = async () => {
    const go = () => syncOnce(db, options.pullLimit ?? PULL_LIMIT);
    return navigator.locks ? navigator.locks.request(`pilar-sync-${db.name}`, go) : go();
  };
  running = run().finally(() => {
    running = null;
    listeners.forEach((l) => l());
  });
  listeners.forEach((l) => l());
  return running;
}

async function syncOnce(db: FieldDb, pullLimit: number): Promise<SyncOutcome> {
  await setMeta(db, 'lastAttemptAt', Date.now());
  let pushed = 0;
  let pulled = 0;
  try {
    // A fresh /me: the CSRF token for the writes, and proof the session still lives.
    const me = await fetchMe().catch((e: unknown) => {
      throw haltOf(e);
    });
    setCsrfToken(me.csrfToken);
    void saveMe(me);
    onMe?.(me);
    pushed = await push(db);
    pulled = await pull(db, pullLimit);
    await refreshReference(db).catch((e: unknown) => {
      throw haltOf(e);
    });
    await refreshConflicts(db);
    await pruneHistory(db);
    await db.transaction('rw', db.meta, async () => {
      await setMeta(db, 'lastSyncAt', Date.now());
      await setMeta(db, 'lastError', null);
      await setMeta(db, 'failures', 0);
    });
    return { ok: true, pushed, pulled };
  } catch (e) {
    const { reason } = haltOf(e);
    const failures = ((await getMeta<number>(db, 'failures')) ?? 0) + 1;
    await setMeta(db, 'lastError', reason);
    await setMeta(db, 'failures', failures);
    return { ok: false, pushed, pulled, error: reason };
  }
}

// ── Push ─────────────────────────────────────────────────────────────────────

async function push(db: FieldDb): Promise<number> {
  let done = 0;
  // Records whose creation has not reached the server yet: what depends on them waits.
  const waiting = new Set<string>();
  const items = await db.outbox.orderBy('seq').toArray();
  const now = Date.now();
  let i = 0;
  while (i < items.length) {
    const item = items[i]!;
    if (item.status === 'failed' || item.nextAt > now || waiting.has(item.personId)) {
      if (item.kind !== 'mutation' || item.op === 'create' || item.status === 'failed') waiting.add(item.personId);
      i += 1;
      continue;
    }
    if (item.kind === 'mutation') {
      const batch: MutationItem[] = [];
      while (i < items.length && batch.length < PUSH_BATCH) {
        const next = items[i]!;
        if (next.kind !== 'mutation') break;
        if (next.status === 'failed' || next.nextAt > now || waiting.has(next.personId)) {
          waiting.add(next.personId);
        } else if (next.photoBlobKey) {
          // Its photo's file id goes in with it; without one (not uploaded yet) it waits.
          const fileId = (await db.blobs.get(next.photoBlobKey))?.fileId;
          if (fileId) batch.push({ ...next, data: { ...next.data, photoFileId: fileId } });
          else waiting.add(next.personId);
        } else batch.push(next);
        i += 1;
      }
      done += await pushMutations(db, batch, waiting);
      continue;
    }
    i += 1;
    if (item.kind === 'upload') done += await upload(db, item, waiting);
    else done += await sendVisit(db, item, waiting);
  }
  return done;
}

/** A server failure (5xx) delays the item with backoff and stops this run, keeping the order. */
async function delay(db: FieldDb, items: OutboxItem[], error: unknown): Promise<never> {
  const halt = haltOf(error);
  if (halt.reason.kind === 'server' && halt.reason.status >= 500) {
    for (const it of items) {
      const attempts = it.attempts + 1;
      await db.outbox.update(it.seq!, { attempts, nextAt: Date.now() + backoffMs(attempts) });
    }
  }
  throw halt;
}

/** A refusal the PSM must act on (edit and retry, or discard). */
async function refuse(db: FieldDb, item: OutboxItem, status: number, problem: unknown, waiting: Set<string>) {
  await db.outbox.update(item.seq!, { status: 'failed', error: { status, problem } });
  waiting.add(item.personId);
}

async function pushMutations(db: FieldDb, batch: MutationItem[], waiting: Set<string>): Promise<number> {
  if (!batch.length) return 0;
  // Marked before sending: from now on an edit makes a new mutation instead of changing this one.
  await db.outbox.bulkUpdate(batch.map((m) => ({ key: m.seq!, changes: { sent: true } })));
  let results: PushResult[];
  try {
    const body = {
      mutations: batch.map((m) => ({
        id: m.id,
        entityType: m.entityType,
        entityId: m.entityId,
        op: m.op,
        ...(m.baseVersion ? { baseVersion: m.baseVersion } : {}),
        data: m.data,
      })),
    };
    results = (await apiFetch<{ results: PushResult[] }>('/api/v1/sync/push', { method: 'POST', json: body })).results;
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'http' && e.status >= 400 && e.status < 500 && e.status !== 401) {
      for (const m of batch) await refuse(db, m, e.status, e.problem, waiting);
      return 0;
    }
    return delay(db, batch, e);
  }
  const byId = new Map(results.map((r) => [r.mutationId, r]));
  let applied = 0;
  for (const m of batch) {
    const r = byId.get(m.id);
    if (!r) continue;
    if (r.status === 'rejected') {
      await refuse(db, m, (r.error?.status as number | undefined) ?? 400, r.error ?? null, waiting);
      continue;
    }
    applied += 1;
    await db.transaction('rw', [db.records, db.outbox, db.blobs], async () => {
      await db.outbox.delete(m.seq!);
      // The photo lives on the server now.
      if (m.photoBlobKey) await db.blobs.delete(m.photoBlobKey);
      const rec = await db.records.get([m.entityType, m.entityId]);
      const clashed = new Set((r.conflicts ?? []).map((c) => c.field));
      // The server's copy now holds what it accepted (the NIK is never kept in clear here).
      const accepted = Object.fromEntries(Object.entries(m.data).filter(([f]) => !clashed.has(f) && f !== 'nik'));
      if (rec) await db.records.put({ ...rec, version: r.version ?? rec.version, server: { ...(rec.server ?? {}), ...accepted } });
      if (r.status === 'applied' && r.version) {
        // Later edits of this record made on this phone build on what was just accepted.
        const later = (await db.outbox.where('entityId').equals(m.entityId).toArray()).filter(
          (x): x is MutationItem => x.kind === 'mutation' && x.entityId === m.entityId && x.op === 'update' && !x.sent,
        );
        for (const x of later) await db.outbox.update(x.seq!, outboxChanges<MutationItem>({ baseVersion: r.version }));
      }
      await rebuild(db, m.entityType, m.entityId);
    });
  }
  return applied;
}

/** Where a photo goes: under the id made on this phone, so a retry after a lost answer gets the same file back. */
function uploadPath(item: UploadItem): string {
  const qs = new URLSearchParams({ ...(item.purpose === 'activity' ? {} : { personId: item.personId }), purpose: item.purpose });
  return `/api/v1/sync/uploads/${item.blobKey}?${qs.toString()}`;
}

async function upload(db: FieldDb, item: UploadItem, waiting: Set<string>): Promise<number> {
  const blob = await db.blobs.get(item.blobKey);
  if (!blob) {
    await db.outbox.delete(item.seq!);
    return 0;
  }
  if (!blob.fileId) {
    const form = new FormData();
    form.append('file', blob.blob, `${item.blobKey}.jpg`);
    await db.outbox.update(item.seq!, { sent: true });
    try {
      const res = await apiFetch<{ id: string }>(uploadPath(item), { method: 'POST', body: form });
      await db.blobs.update(item.blobKey, { fileId: res.id });
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'http' && e.status >= 400 && e.status < 500 && e.status !== 401) {
        await refuse(db, item, e.status, e.problem, waiting);
        return 0;
      }
      return delay(db, [item], e);
    }
  }
  await db.outbox.delete(item.seq!);
  return 1;
}

async function sendVisit(db: FieldDb, item: VisitItem, waiting: Set<string>): Promise<number> {
  const blobs = await db.blobs.bulkGet(item.blobKeys);
  if (blobs.some((b) => !b?.fileId)) {
    waiting.add(item.personId); // its photos are not uploaded yet
    return 0;
  }
  const path = `/api/v1/persons/${item.personId}/visits`;
  try {
    // Creating a visit is not idempotent on the server: if an earlier attempt went out,
    // ask whether it landed (the id was made here) before sending it again.
    let landed = false;
    if (item.sent) {
      const list = await apiFetch<{ items: { id: string }[] }>(path);
      landed = list.items.some((v) => v.id === item.body.id);
    }
    if (!landed) {
      await db.outbox.update(item.seq!, { sent: true });
      const fileIds = blobs.map((b) => b!.fileId!);
      await apiFetch(path, { method: 'POST', json: { ...item.body, ...(fileIds.length ? { fileIds } : {}) } });
    }
  } catch (e) {
    const duplicate = e instanceof ApiError && e.status === 409;
    if (!duplicate) {
      if (e instanceof ApiError && e.kind === 'http' && e.status >= 400 && e.status < 500 && e.status !== 401) {
        await refuse(db, item, e.status, e.problem, waiting);
        return 0;
      }
      return delay(db, [item], e);
    }
  }
  await db.transaction('rw', db.outbox, db.visits, db.blobs, async () => {
    await db.outbox.delete(item.seq!);
    await db.visits.update(item.body.id, { synced: true });
    // Uploaded photos live on the server now; the phone keeps only what it still has to send.
    await db.blobs.bulkDelete(item.blobKeys);
  });
  return 1;
}

// ── Conflicts ────────────────────────────────────────────────────────────────

async function refreshConflicts(db: FieldDb): Promise<void> {
  let list: { items: (LocalConflict & { resolvedAt: string | null })[] };
  try {
    list = await apiFetch('/api/v1/sync/conflicts');
  } catch (e) {
    throw haltOf(e);
  }
  await db.transaction('rw', db.conflicts, async () => {
    await db.conflicts.clear();
    await db.conflicts.bulkPut(
      list.items
        .filter((c) => !c.resolvedAt)
        .map((c) => ({
          id: c.id,
          entityType: c.entityType,
          entityId: c.entityId,
          villageCode: c.villageCode,
          field: c.field,
          baseVersion: c.baseVersion,
          serverValue: c.serverValue,
          serverBy: c.serverBy,
          clientValue: c.clientValue,
          clientBy: c.clientBy,
          createdAt: c.createdAt,
        })),
    );
  });
}

/** A person decides a conflict on the server (audited there); then the phone pulls the result. */
export async function resolveConflict(db: FieldDb, id: string, resolution: 'server' | 'client' | 'other', value?: unknown): Promise<void> {
  await apiFetch(`/api/v1/sync/conflicts/${id}/resolve`, { method: 'POST', json: { resolution, ...(resolution === 'other' ? { value } : {}) } });
  await db.conflicts.delete(id);
  await syncNow(db);
}
