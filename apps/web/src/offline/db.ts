import Dexie, { type EntityTable, type Table, type UpdateSpec } from 'dexie';

/**
 * The phone's own copy of its user's scope (ARCHITECTURE.md decision 7): records pulled
 * from /sync/pull, the outbox of writes not yet accepted by the server, photos waiting
 * for upload, visits made on this phone, the open conflicts and the sync state.
 * One database per account, so two people sharing a phone never see each other's data.
 */

/** A synced record: `server` as last pulled (null until the server has it), `data` with this phone's pending edits on top. */
export interface LocalRecord {
  type: string;
  id: string;
  version: number;
  villageCode: string;
  server: Record<string, unknown> | null;
  data: Record<string, unknown>;
  /** Lower-case name for the local search. */
  search: string;
  /** When it was last pulled or edited here (ms), for the history window. */
  touchedAt: number;
}

export type OutboxStatus = 'pending' | 'failed';

interface OutboxBase {
  seq?: number;
  /** Unique per attempt-able write: the mutation id, the visit id, the photo key. */
  id: string;
  status: OutboxStatus;
  attempts: number;
  /** Earliest time (ms) for the next automatic attempt after a transient failure. */
  nextAt: number;
  /** The server's explanation (problem+json) when it refused the write. */
  error: { status: number; problem: unknown } | null;
  /** Set once a request went out: a retry must then check whether it landed. */
  sent: boolean;
  createdAt: number;
  /** The person this write belongs to: it waits for that person's creation. */
  personId: string;
}

export interface MutationItem extends OutboxBase {
  kind: 'mutation';
  entityType: string;
  entityId: string;
  op: 'create' | 'update';
  baseVersion?: number;
  data: Record<string, unknown>;
  /** A photo (key in `blobs`) whose stored file id goes into `data.photoFileId` once uploaded (an activity's photo). */
  photoBlobKey?: string;
}

export interface UploadItem extends OutboxBase {
  kind: 'upload';
  /** Key of the photo in `blobs`. */
  blobKey: string;
  /** `activity`: a PSM activity's photo, uploaded to /activities/photos before the activity itself. */
  purpose: 'photo' | 'visit' | 'activity';
}

export interface VisitItem extends OutboxBase {
  kind: 'visit';
  /** POST /persons/:personId/visits with `body`; `fileIds` filled from `blobKeys` once uploaded. */
  body: { id: string; kind: 'kunjungan' | 'catatan'; occurredAt: string; note: string; lat?: number; lng?: number; accuracyM?: number };
  blobKeys: string[];
}

export type OutboxItem = MutationItem | UploadItem | VisitItem;

export interface LocalBlob {
  key: string;
  blob: Blob;
  personId: string;
  /** The stored file id once uploaded. */
  fileId: string | null;
  createdAt: number;
}

export interface LocalVisit {
  id: string;
  personId: string;
  kind: 'kunjungan' | 'catatan';
  occurredAt: string;
  note: string;
  blobKeys: string[];
  synced: boolean;
}

export interface LocalConflict {
  id: string;
  entityType: string;
  entityId: string;
  villageCode: string;
  field: string;
  baseVersion: number;
  serverValue: unknown;
  serverBy: string | null;
  clientValue: unknown;
  clientBy: string;
  createdAt: string;
}

/** The latest version of an assessment form, as the phone renders it offline. */
export interface LocalForm {
  formCode: string;
  title: { id: string; en: string };
  ppksCodes: number[];
  version: number;
  schema: { fields: unknown[] };
}

/** An area of the user's scope (and the areas above it), for names and pickers offline. */
export interface LocalArea {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export interface LocalPpks {
  code: number;
  name: string;
  nameEn: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export type FieldDb = Dexie & {
  records: Table<LocalRecord, [string, string]>;
  outbox: Table<OutboxItem, number, OutboxItem>;
  blobs: EntityTable<LocalBlob, 'key'>;
  visits: EntityTable<LocalVisit, 'id'>;
  conflicts: EntityTable<LocalConflict, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  forms: EntityTable<LocalForm, 'formCode'>;
  areas: EntityTable<LocalArea, 'code'>;
  ppks: EntityTable<LocalPpks, 'code'>;
};

let current: { userId: string; db: FieldDb } | null = null;

/** The field database of the signed-in account (opened once per account). */
export function fieldDb(userId: string): FieldDb {
  if (current?.userId === userId) return current.db;
  current?.db.close();
  const db = new Dexie(`pilar-field-${userId}`) as FieldDb;
  db.version(1).stores({
    records: '[type+id], type, [type+search], touchedAt',
    outbox: '++seq, &id, status, personId',
    blobs: 'key, personId',
    visits: 'id, personId, occurredAt',
    conflicts: 'id, entityId',
    meta: 'key',
  });
  // Reference data for offline work; queued writes found by the record they change.
  db.version(2).stores({
    outbox: '++seq, &id, status, personId, entityId',
    forms: 'formCode',
    areas: 'code, parentCode',
    ppks: 'code',
  });
  current = { userId, db };
  return db;
}

/** Forgets the account's phone database entirely (sign-out): records, outbox, photos and reference data. */
export async function deleteFieldDb(userId: string): Promise<void> {
  if (current?.userId === userId) {
    current.db.close();
    current = null;
  }
  await Dexie.delete(`pilar-field-${userId}`);
}

export async function getMeta<T>(db: FieldDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(db: FieldDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/** Changes to one kind of outbox item (the union's own fields are not visible to Dexie's typing). */
export const outboxChanges = <T extends OutboxItem>(changes: Partial<T>) => changes as UpdateSpec<OutboxItem>;
