import { can } from '@pilar/domain';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { requireVillage } from '../areas/areas.service';
import { loadInScope } from '../people/people.service';
import { moveToRegency, recordsThatStay } from '../people/relocate.store';
import * as store from './transfers.store';

const transferNotFound = () => notFound({ id: 'Permintaan pindah tidak ditemukan', en: 'Transfer not found' });

function present(ctx: Ctx, t: store.TransferRow) {
  const actions: string[] = [];
  if (t.status === 'requested') {
    if (can(ctx.actor, 'case.transfer', { areaCode: t.toVillageCode })) actions.push('accept', 'reject');
    if (can(ctx.actor, 'case.transfer', { areaCode: t.fromVillageCode })) actions.push('cancel');
  }
  const { fromRegencyCode: _f, toRegencyCode: _t, ...rest } = t;
  return { ...rest, actions };
}

/** The sending Dinsos asks the receiving regency to take a person who moved there. */
export async function requestTransfer(ctx: Ctx, personId: string, input: { toVillageCode: string; reason: string }) {
  const p = await loadInScope(ctx, personId, 'case.transfer');
  const to = await requireVillage(ctx.db, input.toVillageCode, 'toVillageCode');
  if (to.code.slice(0, 5) === p.regencyCode) {
    throw badRequest([{ field: 'toVillageCode', code: 'transfer.same_regency', message: { id: 'Desa tujuan di kabupaten/kota yang sama: ubah alamat saja', en: 'The destination is in the same regency: edit the address instead' } }]);
  }
  const id = uuidv7();
  await ctx.db.query('SAVEPOINT transfer_insert');
  try {
    await store.insert(ctx.db, { id, personId, fromRegency: p.regencyCode, fromVillage: p.villageCode, toRegency: to.code.slice(0, 5), toVillage: to.code, reason: input.reason, now: ctx.clock.now(), by: ctx.actor.userId });
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT transfer_insert');
    if ((err as { constraint?: string }).constraint === 'person_transfer_open') {
      throw new AppError(409, 'transfer_pending', { id: 'Sudah ada permintaan pindah yang menunggu untuk orang ini', en: 'A transfer for this person is already pending' });
    }
    throw err;
  }
  ctx.audit.record({ action: 'transfer.requested', entityType: 'person_transfer', entityId: id, personId, regencyCode: p.regencyCode, purpose: input.reason, details: { to: to.code.slice(0, 5) } });
  return present(ctx, (await store.find(ctx.db, id, 'from', ['ID']))!);
}

export async function listTransfers(ctx: Ctx, q: { direction: 'incoming' | 'outgoing'; status?: string }) {
  requireAccess(ctx.actor, 'case.transfer');
  return { items: (await store.list(ctx.db, q.direction, scopeOf(ctx.actor, 'case.transfer'), q.status)).map((t) => present(ctx, t)) };
}

export async function getTransfer(ctx: Ctx, id: string) {
  requireAccess(ctx.actor, 'case.transfer');
  const t = await store.find(ctx.db, id, 'either', scopeOf(ctx.actor, 'case.transfer'));
  if (!t) throw transferNotFound();
  return present(ctx, t);
}

/**
 * Runs `fn` with the sending village added to the transaction's row-level scope: the
 * move must delete the person's rows at the sending end, which the receiving Dinsos
 * cannot otherwise see. Only this narrowly checked step widens the scope, and it is
 * restored before anything else runs.
 */
async function withSendingEnd<T>(ctx: Ctx, village: string, fn: () => Promise<T>): Promise<T> {
  const { rows } = await ctx.db.query(`SELECT current_setting('pilar.scope', true) AS s`);
  const before = (rows[0].s as string | null) ?? '';
  await ctx.db.query(`SELECT set_config('pilar.scope', $1, true)`, [[before, village].filter(Boolean).join(',')]);
  // On failure the transaction is rolled back as a whole, scope setting included.
  const result = await fn();
  await ctx.db.query(`SELECT set_config('pilar.scope', $1, true)`, [before]);
  return result;
}

/**
 * The receiving Dinsos accepts: the person and everything they own (categories,
 * consents, cases and their history, services, visits, referrals) move to the new
 * regency and village, keeping their ids. The transfer record keeps the history.
 */
export async function acceptTransfer(ctx: Ctx, id: string, note?: string) {
  requireAccess(ctx.actor, 'case.transfer');
  const t = await store.find(ctx.db, id, 'to', scopeOf(ctx.actor, 'case.transfer'));
  if (!t) throw transferNotFound();
  if (t.status !== 'requested') throw new AppError(409, 'transfer_decided', { id: 'Permintaan ini sudah diputuskan', en: 'This transfer was already decided' });
  const now = ctx.clock.now();
  const moved = await withSendingEnd(ctx, t.fromVillageCode, async () => {
    const { rows } = await ctx.db.query(`SELECT village_code FROM person WHERE regency_code = $1 AND id = $2 AND status IN ('active', 'restricted')`, [t.fromRegencyCode, t.personId]);
    if (!rows.length) throw new AppError(409, 'transfer_stale', { id: 'Data orang sudah berubah di daerah asal', en: 'The person’s record changed at the sending end' });
    // Programme, proposal, distribution, complaint and disaster records belong to the sending
    // regency's work: they must be closed there first, never silently dragged along or orphaned.
    const staying = await recordsThatStay(ctx.db, { regencyCode: t.fromRegencyCode, personId: t.personId });
    if (Object.keys(staying).length) {
      const list = Object.entries(staying).map(([k, n]) => `${k} (${n})`).join(', ');
      throw new AppError(409, 'transfer_blocked', {
        id: `Orang ini masih memiliki data di daerah asal yang harus diselesaikan dulu: ${list}`,
        en: `This person still has records at the sending end that must be settled first: ${list}`,
      });
    }
    return moveToRegency(ctx.db, { personId: t.personId, fromRegency: t.fromRegencyCode, toRegency: t.toRegencyCode, toVillage: t.toVillageCode });
  });
  await store.decide(ctx.db, id, 'accepted', note ?? null, moved, now, ctx.actor.userId);
  for (const regencyCode of [t.fromRegencyCode, t.toRegencyCode]) {
    ctx.audit.record({ action: 'transfer.accepted', entityType: 'person_transfer', entityId: id, personId: t.personId, regencyCode, details: { from: t.fromRegencyCode, to: t.toRegencyCode, moved } });
  }
  return present(ctx, (await store.find(ctx.db, id, 'to', ['ID']))!);
}

/** The receiving side declines (reject), or the sending side withdraws (cancel). */
export async function closeTransfer(ctx: Ctx, id: string, how: 'reject' | 'cancel', note?: string) {
  requireAccess(ctx.actor, 'case.transfer');
  const t = await store.find(ctx.db, id, how === 'reject' ? 'to' : 'from', scopeOf(ctx.actor, 'case.transfer'));
  if (!t) throw transferNotFound();
  if (how === 'reject' && !note?.trim()) throw badRequest([{ field: 'note', code: 'transfer.reason', message: { id: 'Tuliskan alasan penolakan', en: 'Give the reason for rejecting' } }]);
  if (!(await store.decide(ctx.db, id, how === 'reject' ? 'rejected' : 'cancelled', note ?? null, {}, ctx.clock.now(), ctx.actor.userId))) {
    throw new AppError(409, 'transfer_decided', { id: 'Permintaan ini sudah diputuskan', en: 'This transfer was already decided' });
  }
  ctx.audit.record({ action: how === 'reject' ? 'transfer.rejected' : 'transfer.cancelled', entityType: 'person_transfer', entityId: id, personId: t.personId, regencyCode: how === 'reject' ? t.toRegencyCode : t.fromRegencyCode });
  return present(ctx, (await store.find(ctx.db, id, 'either', ['ID']))!);
}

