import { abilities, isWithin, type Permission } from '@pilar/domain';
import { discrepancy, type DistributionCreate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { requireProgramme } from '../programmes/recipients';
import { withProgrammeRollup } from '../programmes/rollups';
import * as store from './distributions.store';
import { invitationCode } from './invitationCode';

function can(ctx: Ctx, p: Permission, area: string): boolean {
  return abilities(ctx.actor, { areaCode: area }, [p]).length > 0;
}

function present(ctx: Ctx, e: store.EventRow) {
  // A PSM checks in the recipients of their own village at a district-wide event.
  const checkin = scopeOf(ctx.actor, 'distribution.checkin').some((s) => isWithin(s, e.areaCode) || isWithin(e.areaCode, s));
  const actions: Permission[] = [...(can(ctx, 'distribution.manage', e.areaCode) ? ['distribution.manage' as const] : []), ...(checkin && e.status === 'open' ? ['distribution.checkin' as const] : [])];
  return { ...e, actions };
}

export async function loadEvent(ctx: Ctx, id: string, permission: Permission): Promise<store.EventRow> {
  requireAccess(ctx.actor, permission);
  const e = await store.findEvent(ctx.db, id, scopeOf(ctx.actor, permission));
  if (!e) throw notFound({ id: 'Penyaluran tidak ditemukan', en: 'Distribution not found' });
  return e;
}

/**
 * A distribution (penyaluran): programme, place, date, and a frozen snapshot of the
 * expected recipients — the active members living in the area on that day, each with a
 * random QR code for the invitation (invitationCode.ts; DOMAIN.md §9: a payment cycle needs a frozen list).
 */
export async function createEvent(ctx: Ctx, input: DistributionCreate) {
  requireAccess(ctx.actor, 'distribution.manage', { areaCode: input.areaCode });
  const { rows } = await ctx.db.query(`SELECT level FROM area WHERE code = $1`, [input.areaCode]);
  if (!rows[0]) throw badRequest([{ field: 'areaCode', code: 'area.unknown', message: { id: 'Kode wilayah tidak dikenal', en: 'Unknown area code' } }]);
  await requireProgramme(ctx, input.programmeCode, input.areaCode);
  const id = input.id ?? uuidv7();
  const regencyCode = input.areaCode.slice(0, 5);
  const members = await store.eligibleMembers(ctx.db, { regencyCode, programmeCode: input.programmeCode, areaCode: input.areaCode, heldOn: input.heldOn });
  if (members.length === 0) {
    throw new AppError(409, 'distribution_empty', { id: 'Tidak ada peserta aktif program ini di wilayah tersebut', en: 'No active members of this programme in the area' }, [
      { field: 'areaCode', code: 'distribution.empty', message: { id: 'Tidak ada penerima', en: 'No recipients' } },
    ]);
  }
  await ctx.db.query('SAVEPOINT distribution_insert');
  try {
    await store.insertEvent(ctx.db, { id, regencyCode, programmeCode: input.programmeCode, areaCode: input.areaCode, place: input.place, heldOn: input.heldOn, periodLabel: input.periodLabel ?? null, at: ctx.clock.now(), by: ctx.actor.userId });
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT distribution_insert');
    if ((err as { code?: string }).code === '23505') throw new AppError(409, 'duplicate_id', { id: 'ID data sudah dipakai', en: 'This id is already used' }, [{ field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } }]);
    throw err;
  }
  await withProgrammeRollup(ctx.db, 'distribution', { regencyCode, ids: [id] }, async () => {
    await store.insertRecipients(ctx.db, regencyCode, id, members.map((m) => ({ ...m, id: uuidv7(), qrToken: invitationCode() })));
    await store.setEventStatus(ctx.db, { regencyCode, id }, { expectedCount: members.length });
  });
  ctx.audit.record({ action: 'distribution.created', entityType: 'distribution_event', entityId: id, regencyCode, details: { programme: input.programmeCode, areaCode: input.areaCode, expected: members.length } });
  return present(ctx, (await store.findEvent(ctx.db, id, ['ID']))!);
}

export async function getEvent(ctx: Ctx, id: string) {
  return present(ctx, await loadEvent(ctx, id, 'distribution.read'));
}

export async function listEvents(ctx: Ctx, f: { area?: string; programme?: string }) {
  requireAccess(ctx.actor, 'distribution.read');
  return { items: (await store.listEvents(ctx.db, scopeOf(ctx.actor, 'distribution.read'), f)).map((e) => present(ctx, e)) };
}

/** The expected list with each one's check-in (masked NIK); QR tokens only for those who manage the event. */
export async function listRecipients(ctx: Ctx, id: string) {
  const e = await loadEvent(ctx, id, 'distribution.read');
  const rows = await store.recipients(ctx.db, e, scopeOf(ctx.actor, 'distribution.read'));
  const manages = can(ctx, 'distribution.manage', e.areaCode);
  if (rows.length) ctx.audit.record({ action: 'distribution.recipients_listed', entityType: 'distribution_event', entityId: id, regencyCode: e.regencyCode, details: { count: rows.length, qrTokens: manages } });
  return {
    items: rows.map((r) => ({
      id: r.id, villageCode: r.villageCode, displayName: r.displayName, nikMasked: r.nikMasked, personId: r.personId, householdId: r.householdId,
      qrToken: manages ? r.qrToken : null,
      checkin: r.checkinId ? { id: r.checkinId, outcome: r.outcome!, method: r.method!, representativeName: r.representativeName, checkedAt: r.checkedAt!, version: r.checkinVersion! } : null,
    })),
  };
}

export async function closeEvent(ctx: Ctx, id: string) {
  const e = await loadEvent(ctx, id, 'distribution.manage');
  requireAccess(ctx.actor, 'distribution.manage', { areaCode: e.areaCode });
  if (e.status === 'closed') throw new AppError(409, 'distribution_closed', { id: 'Penyaluran sudah ditutup', en: 'The distribution is already closed' });
  await store.setEventStatus(ctx.db, e, { status: 'closed', closedAt: ctx.clock.now(), closedBy: ctx.actor.userId });
  ctx.audit.record({ action: 'distribution.closed', entityType: 'distribution_event', entityId: id, regencyCode: e.regencyCode });
  return present(ctx, (await store.findEvent(ctx.db, id, ['ID']))!);
}

/** Expected vs received for one event: totals, per village, and who did not get the aid (masked). */
export async function eventReport(ctx: Ctx, id: string) {
  const e = await loadEvent(ctx, id, 'distribution.read');
  const rows = await store.recipients(ctx.db, e, scopeOf(ctx.actor, 'distribution.read'));
  const villages = new Map<string, { name: string; outcomes: (typeof rows)[number]['outcome'][] }>();
  for (const r of rows) {
    const v = villages.get(r.villageCode) ?? { name: r.villageName, outcomes: [] };
    v.outcomes.push(r.outcome);
    villages.set(r.villageCode, v);
  }
  ctx.audit.record({ action: 'distribution.report_read', entityType: 'distribution_event', entityId: id, regencyCode: e.regencyCode });
  return {
    eventId: id,
    totals: discrepancy(rows.map((r) => r.outcome)),
    byVillage: [...villages.entries()].map(([villageCode, v]) => ({ villageCode, villageName: v.name, ...discrepancy(v.outcomes) })),
    missing: rows.filter((r) => r.outcome !== 'received' && r.outcome !== 'represented').map((r) => ({ recipientId: r.id, villageCode: r.villageCode, displayName: r.displayName, nikMasked: r.nikMasked, outcome: r.outcome })),
  };
}

/** Expected vs received over all events in an area (per recipient village), from the rollup. */
export async function areaReport(ctx: Ctx, f: { area: string; programme?: string; from?: string; to?: string }) {
  requireAccess(ctx.actor, 'distribution.read', { areaCode: f.area });
  const rows = await store.areaFigures(ctx.db, f);
  const sum = (k: 'expected' | 'received' | 'represented' | 'absent') => rows.reduce((s, r) => s + r[k], 0);
  const totals = { expected: sum('expected'), received: sum('received'), represented: sum('represented'), absent: sum('absent') };
  ctx.audit.record({ action: 'distribution.area_report_read', entityType: 'report', details: { ...f } });
  return {
    area: f.area,
    totals: { ...totals, gap: totals.expected - totals.received - totals.represented },
    byVillage: rows.map((r) => ({ ...r, gap: r.expected - r.received - r.represented })),
  };
}
