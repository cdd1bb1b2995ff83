import { outboxChanges, type FieldDb, type LocalRecord, type MutationItem, type OutboxItem, type VisitItem } from './db';
import { uuidv7 } from './uuid';

/**
 * Every write made on the phone: applied to the local store at once and queued with its
 * own id in the same IndexedDB transaction, so a reload or a crash loses nothing.
 */

const newItem = (personId: string) => ({
  status: 'pending' as const,
  attempts: 0,
  nextAt: 0,
  error: null,
  sent: false,
  createdAt: Date.now(),
  personId,
});

const searchText = (data: Record<string, unknown>) =>
  [data.fullName, data.aliases].filter((v) => typeof v === 'string').join(' ').toLowerCase();

/** Recomputes what the phone shows for a record: the server's copy with the pending edits on top. */
export async function rebuild(db: FieldDb, type: string, id: string): Promise<void> {
  const rec = await db.records.get([type, id]);
  const pending = (await db.outbox.where('entityId').equals(id).sortBy('seq')).filter(
    (i): i is MutationItem => i.kind === 'mutation' && i.entityType === type && i.entityId === id,
  );
  const hasCreate = pending.some((m) => m.op === 'create');
  if (!rec?.server && !hasCreate) {
    if (rec) await db.records.delete([type, id]);
    return;
  }
  const data = { ...(rec?.server ?? {}) };
  for (const m of pending) Object.assign(data, m.data);
  const next: LocalRecord = {
    type,
    id,
    version: rec?.version ?? 0,
    villageCode: String(data.villageCode ?? rec?.villageCode ?? ''),
    server: rec?.server ?? null,
    data,
    search: searchText(data),
    touchedAt: Date.now(),
  };
  await db.records.put(next);
}

/** Registers a person on the phone; returns the id made here (UUIDv7). */
export async function registerPerson(db: FieldDb, data: Record<string, unknown>): Promise<string> {
  const id = uuidv7();
  await db.transaction('rw', db.records, db.outbox, async () => {
    const item: MutationItem = { ...newItem(id), kind: 'mutation', id: uuidv7(), entityType: 'person', entityId: id, op: 'create', data };
    await db.outbox.add(item);
    await rebuild(db, 'person', id);
  });
  return id;
}

/**
 * Creates a record of another synced kind on the phone (e.g. a `disaster_victim`, issue 9);
 * returns the id made here. Queued under its own id like a registration: one mutation,
 * shown at once from the local store, sent exactly once.
 */
export async function createRecord(db: FieldDb, type: string, data: Record<string, unknown>): Promise<string> {
  const id = uuidv7();
  await db.transaction('rw', db.records, db.outbox, async () => {
    const item: MutationItem = { ...newItem(id), kind: 'mutation', id: uuidv7(), entityType: type, entityId: id, op: 'create', data };
    await db.outbox.add(item);
    await rebuild(db, type, id);
  });
  return id;
}

/**
 * Edits a record. An edit the server has not seen yet is folded into the queued write
 * (one request, one version step); a refused write gets a new id, because the server
 * remembers its refusal under the old one.
 */
export async function editRecord(db: FieldDb, type: string, id: string, patch: Record<string, unknown>): Promise<void> {
  await db.transaction('rw', db.records, db.outbox, async () => {
    const rec = await db.records.get([type, id]);
    if (!rec) throw new Error('record not on this phone');
    const queued = (await db.outbox.where('entityId').equals(id).sortBy('seq'))
      .filter((i): i is MutationItem => i.kind === 'mutation' && i.entityType === type && i.entityId === id)
      .filter((m) => m.status === 'failed' || !m.sent)
      .at(-1);
    if (queued) {
      const refused = queued.status === 'failed';
      await db.outbox.update(
        queued.seq!,
        outboxChanges<MutationItem>({
          data: { ...queued.data, ...patch },
          ...(refused ? { id: uuidv7(), status: 'pending' as const, error: null, attempts: 0, nextAt: 0, sent: false } : {}),
        }),
      );
    } else {
      const item: MutationItem = {
        ...newItem(id),
        kind: 'mutation',
        id: uuidv7(),
        entityType: type,
        entityId: id,
        op: 'update',
        baseVersion: rec.version,
        data: patch,
      };
      await db.outbox.add(item);
    }
    await rebuild(db, type, id);
  });
}

/**
 * Opens a case for a person on the phone (UUIDv7 made here); it waits in the outbox
 * behind the person's own registration when that has not reached the server yet.
 */
export async function openCase(db: FieldDb, personId: string, data: { ppksCode: number; need: string }): Promise<string> {
  const id = uuidv7();
  await db.transaction('rw', db.records, db.outbox, async () => {
    const item: MutationItem = {
      ...newItem(personId),
      kind: 'mutation',
      id: uuidv7(),
      entityType: 'case',
      entityId: id,
      op: 'create',
      data: { personId, ppksCode: data.ppksCode, need: data.need },
    };
    await db.outbox.add(item);
    await rebuild(db, 'case', id);
  });
  return id;
}

/**
 * An assessment given on the phone under the exact form version it rendered; the server
 * checks the answers against that version. Queued behind the case and the person.
 */
export async function recordAssessment(
  db: FieldDb,
  c: { caseId: string; personId: string },
  a: { formCode: string; formVersion: number; answers: Record<string, unknown>; assessedOn: string },
): Promise<string> {
  const id = uuidv7();
  await db.transaction('rw', db.records, db.outbox, async () => {
    const item: MutationItem = {
      ...newItem(c.personId),
      kind: 'mutation',
      id: uuidv7(),
      entityType: 'assessment',
      entityId: id,
      op: 'create',
      data: { caseId: c.caseId, ...a },
    };
    await db.outbox.add(item);
    await rebuild(db, 'assessment', id);
  });
  return id;
}

/**
 * A PSM activity recorded on the phone (issue 7), with its photo (already compressed)
 * queued first: the activity waits for the upload, then goes once through /sync/push
 * with the stored file's id filled in. Both are grouped under the activity's own id.
 */
export async function recordActivity(db: FieldDb, data: Record<string, unknown>, photo: Blob | null): Promise<string> {
  const id = uuidv7();
  await db.transaction('rw', [db.records, db.outbox, db.blobs], async () => {
    const photoBlobKey = photo ? uuidv7() : undefined;
    if (photo && photoBlobKey) {
      await db.blobs.add({ key: photoBlobKey, blob: photo, personId: id, fileId: null, createdAt: Date.now() });
      await db.outbox.add({ ...newItem(id), kind: 'upload', id: photoBlobKey, blobKey: photoBlobKey, purpose: 'activity' });
    }
    const item: MutationItem = {
      ...newItem(id),
      kind: 'mutation',
      id: uuidv7(),
      entityType: 'activity',
      entityId: id,
      op: 'create',
      data,
      ...(photoBlobKey ? { photoBlobKey } : {}),
    };
    await db.outbox.add(item);
    await rebuild(db, 'activity', id);
  });
  return id;
}

/** A visit or note with optional photos (already compressed), queued after its person. */
export async function addVisit(
  db: FieldDb,
  personId: string,
  visit: { kind: 'kunjungan' | 'catatan'; note: string; occurredAt: string; lat?: number; lng?: number; accuracyM?: number },
  photos: Blob[],
): Promise<string> {
  const id = uuidv7();
  await db.transaction('rw', db.blobs, db.outbox, db.visits, async () => {
    const blobKeys: string[] = [];
    for (const blob of photos) {
      const key = uuidv7();
      blobKeys.push(key);
      await db.blobs.add({ key, blob, personId, fileId: null, createdAt: Date.now() });
      await db.outbox.add({ ...newItem(personId), kind: 'upload', id: key, blobKey: key, purpose: 'visit' });
    }
    await db.visits.add({ id, personId, kind: visit.kind, occurredAt: visit.occurredAt, note: visit.note, blobKeys, synced: false });
    await db.outbox.add({ ...newItem(personId), kind: 'visit', id, body: { id, ...visit }, blobKeys });
  });
  return id;
}

/** Tries a failed write again (a refused mutation gets a new id: the server keeps its refusal). */
export async function retryItem(db: FieldDb, seq: number): Promise<void> {
  const item = await db.outbox.get(seq);
  if (!item) return;
  const refused = item.kind === 'mutation' && item.error !== null && item.error.status < 500;
  await db.outbox.update(seq, { status: 'pending', error: null, nextAt: 0, ...(refused ? { id: uuidv7(), sent: false } : {}) });
}

/**
 * Drops a queued write and what depends on it (a discarded registration takes its
 * visits and photos with it; a discarded visit its photos), then shows the server's copy again.
 */
export async function discardItem(db: FieldDb, seq: number): Promise<void> {
  await db.transaction('rw', [db.records, db.outbox, db.blobs, db.visits], async () => {
    const item = await db.outbox.get(seq);
    if (!item) return;
    const drop: OutboxItem[] = [item];
    const all = await db.outbox.where('personId').equals(item.personId).toArray();
    if (item.kind === 'mutation' && item.op === 'create') drop.push(...all.filter((i) => i.seq !== seq));
    if (item.kind === 'visit') drop.push(...all.filter((i) => i.kind === 'upload' && item.blobKeys.includes(i.blobKey)));
    for (const d of drop) {
      await db.outbox.delete(d.seq!);
      if (d.kind === 'upload') await db.blobs.delete(d.blobKey);
      if (d.kind === 'visit') await db.visits.delete(d.id);
    }
    if (item.kind === 'upload') {
      for (const v of all) {
        if (v.kind === 'visit' && v.blobKeys.includes(item.blobKey)) {
          await db.outbox.update(v.seq!, outboxChanges<VisitItem>({ blobKeys: v.blobKeys.filter((k) => k !== item.blobKey) }));
        }
        // An activity whose photo was discarded goes without one.
        if (v.kind === 'mutation' && v.photoBlobKey === item.blobKey) {
          await db.outbox.update(v.seq!, outboxChanges<MutationItem>({ photoBlobKey: undefined }));
        }
      }
    }
    if (item.kind === 'mutation') await rebuild(db, item.entityType, item.entityId);
  });
}
