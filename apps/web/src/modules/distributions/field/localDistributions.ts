import { apiFetch } from '../../../api/client';
import type { FieldDb, LocalRecord, MutationItem } from '../../../offline/db';
import { rebuild } from '../../../offline/outbox';
import { uuidv7 } from '../../../offline/uuid';
import { qrHash } from './qrCode';

/**
 * The distributions as the phone holds them: the frozen recipient lists (pulled as
 * `distribution_recipient`) and the check-ins (`distribution_checkin`, pulled and queued).
 * A check-in is queued in the outbox like any other offline write and reaches the server
 * once through /sync/push; its proof photo waits here and goes up after the check-in landed.
 */

export const RECIPIENT = 'distribution_recipient';
export const CHECKIN = 'distribution_checkin';

export type Outcome = 'received' | 'represented' | 'absent';

export interface LocalRecipient {
  id: string;
  eventId: string;
  villageName: string;
  displayName: string;
  nikMasked: string | null;
  /** Hash of the invitation's QR token (the token itself stays on the server); see qrCode.ts. */
  qrHash: string | null;
}

export interface LocalEvent {
  id: string;
  programmeName: string;
  place: string;
  heldOn: string;
  periodLabel: string | null;
  expected: number;
  checkedIn: number;
}

export interface LocalCheckin {
  id: string;
  recipientId: string | null;
  outcome: Outcome;
  representativeName: string | null;
  pending: boolean;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const recipientOf = (r: LocalRecord): LocalRecipient => ({
  id: r.id,
  eventId: str(r.data.eventId),
  villageName: str(r.data.villageName),
  displayName: str(r.data.displayName),
  nikMasked: typeof r.data.nikMasked === 'string' ? r.data.nikMasked : null,
  qrHash: typeof r.data.qrHash === 'string' ? r.data.qrHash : null,
});

/** Where the phone remembers which list row a check-in made by NIK or QR belongs to (the server decides by those). */
const hintKey = (checkinId: string) => `checkin-recipient:${checkinId}`;

/** The check-ins on this phone (server copies and queued ones), keyed by recipient. */
export async function checkinsByRecipient(db: FieldDb): Promise<Map<string, LocalCheckin>> {
  const rows = await db.records.where('type').equals(CHECKIN).toArray();
  const hints = new Map(
    (await db.meta.where('key').startsWith('checkin-recipient:').toArray()).map((m) => [
      m.key.slice('checkin-recipient:'.length),
      String(m.value),
    ]),
  );
  const out = new Map<string, LocalCheckin>();
  for (const r of rows) {
    const recipientId = typeof r.data.recipientId === 'string' ? r.data.recipientId : (hints.get(r.id) ?? null);
    if (!recipientId) continue;
    out.set(recipientId, {
      id: r.id,
      recipientId,
      outcome: r.data.outcome as Outcome,
      representativeName: typeof r.data.representativeName === 'string' ? r.data.representativeName : null,
      pending: !r.server,
    });
  }
  return out;
}

/** Open distributions with at least one expected recipient on this phone. */
export async function localEvents(db: FieldDb): Promise<LocalEvent[]> {
  const rows = await db.records.where('type').equals(RECIPIENT).toArray();
  const done = await checkinsByRecipient(db);
  const events = new Map<string, LocalEvent>();
  for (const r of rows) {
    if (r.data.eventStatus === 'closed') continue;
    const id = str(r.data.eventId);
    const e = events.get(id) ?? {
      id,
      programmeName: str(r.data.programmeName),
      place: str(r.data.place),
      heldOn: str(r.data.heldOn),
      periodLabel: typeof r.data.periodLabel === 'string' ? r.data.periodLabel : null,
      expected: 0,
      checkedIn: 0,
    };
    e.expected += 1;
    if (done.has(r.id)) e.checkedIn += 1;
    events.set(id, e);
  }
  return [...events.values()].sort((a, b) => b.heldOn.localeCompare(a.heldOn) || a.place.localeCompare(b.place));
}

export async function eventRecipients(
  db: FieldDb,
  eventId: string,
): Promise<{ event: LocalEvent | null; recipients: LocalRecipient[] }> {
  const rows = (await db.records.where('type').equals(RECIPIENT).toArray()).filter((r) => r.data.eventId === eventId);
  const recipients = rows.map(recipientOf).sort((a, b) => a.displayName.localeCompare(b.displayName));
  const event = (await localEvents(db)).find((e) => e.id === eventId) ?? null;
  return { event, recipients };
}

/** Whether a 16-digit NIK fits a masked one (e.g. 3372********0001): the shown digits must agree. */
export function nikFits(nik: string, masked: string | null): boolean {
  if (!masked || masked.length !== nik.length) return false;
  return [...masked].every((c, i) => !/\d/.test(c) || c === nik[i]);
}

/** The list rows a typed NIK may belong to (the server checks the full NIK when the check-in arrives). */
export const recipientsForNik = (nik: string, recipients: LocalRecipient[]) =>
  recipients.filter((r) => nikFits(nik, r.nikMasked));

/**
 * The list row a scanned or typed QR code belongs to, with the code as the server knows it.
 * Printed codes are lower case; one typed in capitals is tried in lower case as well.
 */
export async function recipientForCode(eventId: string, code: string, recipients: LocalRecipient[]) {
  for (const candidate of new Set([code, code.toLowerCase()])) {
    const hash = await qrHash(eventId, candidate);
    const recipient = recipients.find((r) => r.qrHash === hash);
    if (recipient) return { recipient, code: candidate };
  }
  return null;
}

export interface CheckinInput {
  eventId: string;
  recipientId: string;
  /** Given when the PSM typed the NIK: the server matches it instead of the list row. */
  nik?: string;
  /** Given when the invitation's QR code was scanned or typed: the server verifies it. */
  qrToken?: string;
  outcome: Outcome;
  representativeName?: string;
  representativeRelation?: string;
  note?: string;
  proof?: Blob;
}

/** Queues a check-in (and keeps its proof photo) in one IndexedDB transaction; returns its id (UUIDv7 made here). */
export async function queueCheckin(db: FieldDb, input: CheckinInput): Promise<string> {
  const id = uuidv7();
  const data: Record<string, unknown> = {
    eventId: input.eventId,
    ...(input.nik ? { nik: input.nik } : input.qrToken ? { qrToken: input.qrToken } : { recipientId: input.recipientId }),
    outcome: input.outcome,
    ...(input.outcome === 'represented' && input.representativeName ? { representativeName: input.representativeName } : {}),
    ...(input.outcome === 'represented' && input.representativeRelation
      ? { representativeRelation: input.representativeRelation }
      : {}),
    ...(input.note ? { note: input.note } : {}),
    checkedAt: new Date().toISOString(),
  };
  await db.transaction('rw', [db.records, db.outbox, db.meta, db.blobs], async () => {
    const item: MutationItem = {
      kind: 'mutation',
      id: uuidv7(),
      status: 'pending',
      attempts: 0,
      nextAt: 0,
      error: null,
      sent: false,
      createdAt: Date.now(),
      // The outbox groups writes by the record they belong to.
      personId: id,
      entityType: CHECKIN,
      entityId: id,
      op: 'create',
      data,
    };
    await db.outbox.add(item);
    await db.meta.put({ key: hintKey(id), value: input.recipientId });
    if (input.proof)
      await db.blobs.add({ key: `proof:${id}`, blob: input.proof, personId: id, fileId: null, createdAt: Date.now() });
    await rebuild(db, CHECKIN, id);
  });
  return id;
}

/** Proof photos still on the phone (their check-in not yet on the server, or the upload not done). */
export const pendingProofs = (db: FieldDb) => db.blobs.where('key').startsWith('proof:').count();

/**
 * Sends the proof photos whose check-in the server already holds: upload for the list row,
 * then attach to the check-in (with its version). Runs after a sync; stops at the first
 * network failure and tries again after the next one.
 */
export async function uploadProofs(db: FieldDb): Promise<number> {
  const blobs = await db.blobs.where('key').startsWith('proof:').toArray();
  let sent = 0;
  for (const b of blobs) {
    const checkinId = b.key.slice('proof:'.length);
    const rec = await db.records.get([CHECKIN, checkinId]);
    if (!rec?.server) continue; // the check-in itself has not landed yet
    const recipientId =
      typeof rec.server.recipientId === 'string'
        ? rec.server.recipientId
        : String((await db.meta.get(hintKey(checkinId)))?.value ?? '');
    const eventId = str(rec.server.eventId);
    if (!recipientId || !eventId) continue;
    try {
      let fileId = b.fileId;
      if (!fileId) {
        const form = new FormData();
        form.append('file', b.blob, `${b.key.replace(':', '-')}.jpg`);
        fileId = (
          await apiFetch<{ id: string }>(`/api/v1/distributions/${eventId}/recipients/${recipientId}/proof`, {
            method: 'POST',
            body: form,
          })
        ).id;
        await db.blobs.update(b.key, { fileId });
      }
      const updated = await apiFetch<{ version: number; proofFileId: string | null }>(
        `/api/v1/distribution-checkins/${checkinId}`,
        {
          method: 'PATCH',
          json: { version: rec.version, proofFileId: fileId },
        },
      );
      await db.transaction('rw', db.records, db.blobs, async () => {
        await db.records.put({
          ...rec,
          version: updated.version,
          server: { ...rec.server, proofFileId: updated.proofFileId },
          data: { ...rec.data, proofFileId: updated.proofFileId },
        });
        await db.blobs.delete(b.key);
      });
      sent += 1;
    } catch {
      break; // no signal or refused: kept for the next round
    }
  }
  return sent;
}
