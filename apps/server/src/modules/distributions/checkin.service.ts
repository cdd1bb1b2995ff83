import type { CheckinCreate, CheckinUpdate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { withProgrammeRollup } from '../programmes/rollups';
import { loadEvent } from './distributions.service';
import * as store from './distributions.store';

const notInList = () => notFound({ id: 'Penerima tidak ada dalam daftar penyaluran ini', en: 'Recipient not on this distribution’s list' });

function representativeErrors(outcome: string, name: string | null | undefined) {
  if (outcome === 'represented' && !name) return [{ field: 'representativeName', code: 'checkin.representative', message: { id: 'Isi nama yang mewakili', en: 'Give the name of the representative' } }];
  if (outcome !== 'represented' && name) return [{ field: 'representativeName', code: 'checkin.representative', message: { id: 'Nama wakil hanya untuk status diwakilkan', en: 'A representative only for outcome represented' } }];
  return [];
}

async function requireProof(ctx: Ctx, fileId: string, villageCode: string) {
  const { rows } = await ctx.db.query(`SELECT area_code FROM stored_file WHERE id = $1`, [fileId]);
  if (rows[0]?.area_code !== villageCode) {
    throw badRequest([{ field: 'proofFileId', code: 'file.unknown', message: { id: 'Foto bukti tidak ditemukan; unggah ulang', en: 'Proof photo not found; upload it again' } }]);
  }
}

/**
 * Checks a recipient in at a distribution: found by list row, QR token or NIK (keyed
 * hash, never stored or logged in clear); received, represented (by whom) or absent.
 * One check-in per recipient; offline ones arrive through sync with their own id.
 */
export async function checkIn(ctx: Ctx, input: CheckinCreate) {
  requireAccess(ctx.actor, 'distribution.checkin');
  const ways = [input.recipientId, input.qrToken, input.nik].filter((x) => x !== undefined).length;
  if (ways !== 1) throw badRequest([{ field: 'recipientId', code: 'checkin.lookup', message: { id: 'Isi salah satu: recipientId, qrToken atau nik', en: 'Give exactly one of recipientId, qrToken or nik' } }]);
  const errors = representativeErrors(input.outcome, input.representativeName);
  if (errors.length) throw badRequest(errors);
  const e = await loadEvent(ctx, input.eventId, 'distribution.checkin');
  if (e.status !== 'open') throw new AppError(409, 'distribution_closed', { id: 'Penyaluran sudah ditutup', en: 'The distribution is closed' }, [{ field: 'eventId', code: 'distribution.closed', message: { id: 'Sudah ditutup', en: 'Closed' } }]);
  const r = await store.findRecipient(
    ctx.db,
    e,
    input.recipientId ? { recipientId: input.recipientId } : input.qrToken ? { qrToken: input.qrToken } : { nikHash: ctx.ids.hash('nik', input.nik!) },
    scopeOf(ctx.actor, 'distribution.checkin'),
  );
  if (!r) throw notInList();
  requireAccess(ctx.actor, 'distribution.checkin', { areaCode: r.villageCode });
  if (r.checkinId) {
    throw new AppError(409, 'already_checked_in', { id: 'Penerima ini sudah dicatat; ubah catatan yang ada bila perlu', en: 'This recipient was already checked in; edit that record if needed' }, [
      { field: 'recipientId', code: 'checkin.duplicate', message: { id: `Sudah tercatat (${r.checkinId})`, en: `Already recorded (${r.checkinId})` } },
    ]);
  }
  if (input.proofFileId) await requireProof(ctx, input.proofFileId, r.villageCode);
  const id = input.id ?? uuidv7();
  const method = input.recipientId ? 'list' : input.qrToken ? 'qr' : 'nik';
  await ctx.db.query('SAVEPOINT checkin_insert');
  try {
    await withProgrammeRollup(ctx.db, 'distribution', { regencyCode: e.regencyCode, ids: [e.id] }, () =>
      store.insertCheckin(ctx.db, {
        id, regencyCode: e.regencyCode, eventId: e.id, recipientId: r.id, personId: r.personId, villageCode: r.villageCode, outcome: input.outcome, method,
        representativeName: input.representativeName ?? null, representativeRelation: input.representativeRelation ?? null, proofFileId: input.proofFileId ?? null,
        note: input.note ?? null, checkedAt: input.checkedAt ? new Date(input.checkedAt) : ctx.clock.now(), at: ctx.clock.now(), by: ctx.actor.userId,
      }),
    );
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT checkin_insert');
    const c = err as { code?: string; constraint?: string };
    if (c.code === '23505' && c.constraint === 'distribution_checkin_pkey') throw new AppError(409, 'duplicate_id', { id: 'ID data sudah dipakai', en: 'This id is already used' }, [{ field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } }]);
    if (c.code === '23505') throw new AppError(409, 'already_checked_in', { id: 'Penerima ini sudah dicatat', en: 'This recipient was already checked in' }, [{ field: 'recipientId', code: 'checkin.duplicate', message: { id: 'Sudah tercatat', en: 'Already recorded' } }]);
    throw err;
  }
  ctx.audit.record({ action: 'distribution.checked_in', entityType: 'distribution_checkin', entityId: id, personId: r.personId, regencyCode: e.regencyCode, details: { eventId: e.id, outcome: input.outcome, method } });
  return (await store.checkins(ctx.db, [id], ['ID']))[0]!;
}

const COLUMNS: Record<string, string> = { outcome: 'outcome', representativeName: 'representative_name', representativeRelation: 'representative_relation', proofFileId: 'proof_file_id', note: 'note' };

/** Corrects a check-in (optimistic version). */
export async function updateCheckin(ctx: Ctx, id: string, patch: CheckinUpdate) {
  requireAccess(ctx.actor, 'distribution.checkin');
  const c = (await store.checkins(ctx.db, [id], scopeOf(ctx.actor, 'distribution.checkin')))[0];
  if (!c) throw notFound();
  const e = await loadEvent(ctx, c.eventId, 'distribution.checkin');
  if (e.status !== 'open') throw new AppError(409, 'distribution_closed', { id: 'Penyaluran sudah ditutup', en: 'The distribution is closed' });
  const outcome = patch.outcome ?? c.outcome;
  const rep = patch.representativeName !== undefined ? patch.representativeName : outcome === 'represented' ? c.representativeName : null;
  const errors = representativeErrors(outcome, rep);
  if (errors.length) throw badRequest(errors);
  if (patch.proofFileId) await requireProof(ctx, patch.proofFileId, c.villageCode);
  const set: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(COLUMNS)) {
    const v = (patch as Record<string, unknown>)[k];
    if (v !== undefined) set[col] = v;
  }
  if (outcome !== 'represented') Object.assign(set, { representative_name: null, representative_relation: null });
  const ok = await withProgrammeRollup(ctx.db, 'distribution', { regencyCode: c.regencyCode, ids: [c.eventId] }, () =>
    store.updateCheckin(ctx.db, { regencyCode: c.regencyCode, id, version: patch.version }, set, ctx.actor.userId, ctx.clock.now()),
  );
  if (!ok) throw new AppError(409, 'version_conflict', { id: `Catatan sudah diubah (versi ${c.version})`, en: `The check-in changed (version ${c.version})` }, [{ field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } }]);
  ctx.audit.record({ action: 'distribution.checkin_updated', entityType: 'distribution_checkin', entityId: id, personId: c.personId, regencyCode: c.regencyCode, details: { fields: Object.keys(patch).filter((k) => k !== 'version').sort() } });
  return (await store.checkins(ctx.db, [id], ['ID']))[0]!;
}

/** A proof photo for a recipient (stored in the recipient's village); attach its id to the check-in. */
export async function uploadProof(ctx: Ctx, eventId: string, recipientId: string, bytes: Buffer) {
  const e = await loadEvent(ctx, eventId, 'distribution.checkin');
  const r = await store.findRecipient(ctx.db, e, { recipientId }, scopeOf(ctx.actor, 'distribution.checkin'));
  if (!r) throw notInList();
  const stored = await ctx.files.save(ctx, { bytes, areaCode: r.villageCode, readPermission: 'distribution.read', purpose: 'distribution.proof', allowed: ['image/jpeg', 'image/png', 'image/webp'] });
  ctx.audit.record({ action: 'distribution.proof_uploaded', entityType: 'stored_file', entityId: stored.id, personId: r.personId, regencyCode: e.regencyCode, details: { eventId } });
  return stored;
}
