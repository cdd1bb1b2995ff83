import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { localDate } from '../cases/dates';
import { ALL_ROLLUPS, withRollups } from '../cases/rollups';
import * as mergeStore from './merge.store';
import * as store from './people.store';
import { currentOwners, repointForMerge, undoRepoint, type MergeItem } from './relocate.store';

function counts(items: MergeItem[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[`${i.t}.${i.op}`] = (out[`${i.t}.${i.op}`] ?? 0) + 1;
  return out;
}

function present(m: mergeStore.MergeRow) {
  return { id: m.id, survivorId: m.survivorId, mergedId: m.mergedId, reason: m.reason, moved: counts(m.items), mergedAt: m.mergedAt, undoneAt: m.undoneAt };
}

/**
 * Merges `duplicateId` into `survivorId` (issue 5 §2): the duplicate's categories,
 * consents, cases, visits, referrals… are re-pointed to the survivor, the duplicate is
 * kept with status 'merged', and every re-pointed row is recorded so it can be undone.
 */
export async function mergePersons(ctx: Ctx, survivorId: string, input: { duplicateId: string; reason: string }) {
  requireAccess(ctx.actor, 'person.merge');
  const scopes = scopeOf(ctx.actor, 'person.merge');
  if (survivorId === input.duplicateId) {
    throw badRequest([{ field: 'duplicateId', code: 'merge.same', message: { id: 'Tidak dapat menggabungkan data dengan dirinya sendiri', en: 'A record cannot be merged with itself' } }]);
  }
  const survivor = await store.findPerson(ctx.db, survivorId, scopes);
  const dup = await store.findPerson(ctx.db, input.duplicateId, scopes);
  if (!survivor || !dup) throw notFound({ id: 'Data orang tidak ditemukan', en: 'Person not found' });
  if (survivor.regencyCode !== dup.regencyCode) {
    throw badRequest([{ field: 'duplicateId', code: 'merge.other_regency', message: { id: 'Data berada di kabupaten/kota lain; pindahkan (transfer) dahulu', en: 'The record is in another regency; transfer it first' } }]);
  }
  const now = ctx.clock.now();
  const regencyCode = survivor.regencyCode;
  const items = await withRollups(ctx.db, { regencyCode, personIds: [survivorId, dup.id] }, ALL_ROLLUPS, async () => {
    const moved = await repointForMerge(ctx.db, { regencyCode, fromId: dup.id, toId: survivorId, toVillage: survivor.villageCode, today: localDate(now, survivor.villageCode) });
    await store.setPersonStatus(ctx.db, { regencyCode, id: dup.id }, 'merged', survivorId, ctx.actor.userId, now);
    return moved;
  });
  const id = uuidv7();
  await mergeStore.insert(ctx.db, { id, regencyCode, survivorId, mergedId: dup.id, villageCode: survivor.villageCode, reason: input.reason, items, at: now, by: ctx.actor.userId });
  for (const personId of [survivorId, dup.id]) {
    ctx.audit.record({ action: 'person.merged', entityType: 'person_merge', entityId: id, personId, regencyCode, purpose: input.reason, details: { survivorId, mergedId: dup.id, moved: counts(items) } });
  }
  return present((await mergeStore.find(ctx.db, id, ['ID']))!);
}

/** Undoes a merge: the re-pointed rows return to the duplicate, which becomes active again. */
export async function unmerge(ctx: Ctx, mergeId: string, reason: string) {
  requireAccess(ctx.actor, 'person.merge');
  const m = await mergeStore.find(ctx.db, mergeId, scopeOf(ctx.actor, 'person.merge'));
  if (!m) throw notFound({ id: 'Penggabungan tidak ditemukan', en: 'Merge not found' });
  if (m.undoneAt) throw new AppError(409, 'merge_already_undone', { id: 'Penggabungan ini sudah dibatalkan', en: 'This merge was already undone' });
  const dup = await store.findPersonAnyStatus(ctx.db, m.mergedId, ['ID']);
  if (!dup || dup.status !== 'merged' || dup.regencyCode !== m.regencyCode) {
    throw new AppError(409, 'merge_not_reversible', { id: 'Data sudah berubah (mis. dipindahkan); penggabungan tidak dapat dibatalkan', en: 'The records changed since (e.g. transferred); the merge cannot be undone' });
  }
  const now = ctx.clock.now();
  const owners = await currentOwners(ctx.db, m.regencyCode, m.items);
  const sel = { regencyCode: m.regencyCode, personIds: [...new Set([m.survivorId, m.mergedId, ...owners])] };
  await ctx.db.query('SAVEPOINT unmerge');
  try {
    await withRollups(ctx.db, sel, ALL_ROLLUPS, async () => {
      await undoRepoint(ctx.db, { regencyCode: m.regencyCode, backTo: m.mergedId, village: dup.villageCode, items: m.items });
      await store.setPersonStatus(ctx.db, { regencyCode: m.regencyCode, id: m.mergedId }, 'active', null, ctx.actor.userId, now);
    });
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT unmerge');
    if ((err as { constraint?: string }).constraint === 'person_nik_unique') {
      throw new AppError(409, 'duplicate_nik', { id: 'NIK data ini sudah dipakai data lain; perbaiki dahulu', en: 'This record’s NIK is now used by another record; fix that first' });
    }
    throw err;
  }
  await mergeStore.markUndone(ctx.db, { regencyCode: m.regencyCode, id: mergeId }, now, ctx.actor.userId);
  for (const personId of [m.survivorId, m.mergedId]) {
    ctx.audit.record({ action: 'person.unmerged', entityType: 'person_merge', entityId: mergeId, personId, regencyCode: m.regencyCode, purpose: reason });
  }
  return present((await mergeStore.find(ctx.db, mergeId, ['ID']))!);
}
