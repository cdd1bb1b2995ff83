import { deliveryWarnings, isWithin } from '@pilar/domain';
import type { ServiceDeliveryCreate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { requireVillage } from '../areas/areas.service';
import { loadCase, loadOpenCase } from './cases.access';
import { recordEvent } from './cases.service';
import type { CaseRow } from './cases.store';
import { localDate } from './dates';
import * as store from './plans.store';
import { shiftRollups } from './rollups';

const owned = (c: CaseRow, id: string | undefined) => ({
  regency_code: c.regencyCode,
  id: id ?? uuidv7(),
  case_id: c.id,
  person_id: c.personId,
  village_code: c.villageCode,
});
const key = (c: CaseRow) => ({ regencyCode: c.regencyCode, caseId: c.id });

function audit(ctx: Ctx, c: CaseRow, action: string, entityType: string, entityId: string, details: Record<string, unknown> = {}) {
  ctx.audit.record({ action, entityType, entityId, personId: c.personId, regencyCode: c.regencyCode, details: { caseId: c.id, ...details } });
}

/** The intervention plan of a case: goals, planned services, deliveries and follow-ups. */
export async function getPlan(ctx: Ctx, caseId: string) {
  const c = await loadCase(ctx, caseId);
  const k = key(c);
  return {
    goals: await store.goals(ctx.db, k),
    services: await store.servicePlans(ctx.db, k),
    deliveries: await store.deliveries(ctx.db, k),
    followUps: await store.followUps(ctx.db, k, localDate(ctx.clock.now(), c.villageCode)),
  };
}

export async function addGoal(ctx: Ctx, caseId: string, input: { id?: string; description: string; targetDate?: string }) {
  const c = await loadOpenCase(ctx, caseId);
  const row = { ...owned(c, input.id), description: input.description, target_date: input.targetDate ?? null, created_at: ctx.clock.now(), created_by: ctx.actor.userId };
  await store.insertRow(ctx.db, 'case_goal', row);
  audit(ctx, c, 'case.goal_added', 'case_goal', row.id);
  return (await store.goals(ctx.db, key(c))).find((g) => g.id === row.id)!;
}

export async function setGoalStatus(ctx: Ctx, caseId: string, goalId: string, status: string) {
  const c = await loadOpenCase(ctx, caseId);
  if (!(await store.setGoalStatus(ctx.db, { ...key(c), id: goalId }, status))) throw notFound({ id: 'Tujuan tidak ditemukan', en: 'Goal not found' });
  audit(ctx, c, 'case.goal_updated', 'case_goal', goalId, { status });
  return (await store.goals(ctx.db, key(c))).find((g) => g.id === goalId)!;
}

async function requireService(ctx: Ctx, code: string) {
  const s = await store.serviceKind(ctx.db, code);
  if (!s) throw badRequest([{ field: 'serviceCode', code: 'service.unknown', message: { id: 'Jenis layanan tidak dikenal', en: 'Unknown service' } }]);
  return s;
}

export async function planService(ctx: Ctx, caseId: string, input: { id?: string; serviceCode: string; plannedOn?: string; note?: string }) {
  const c = await loadOpenCase(ctx, caseId);
  await requireService(ctx, input.serviceCode);
  const row = { ...owned(c, input.id), service_code: input.serviceCode, planned_on: input.plannedOn ?? null, note: input.note ?? null, created_at: ctx.clock.now(), created_by: ctx.actor.userId };
  await store.insertRow(ctx.db, 'case_service_plan', row);
  audit(ctx, c, 'case.service_planned', 'case_service_plan', row.id, { serviceCode: input.serviceCode });
  return (await store.servicePlans(ctx.db, key(c))).find((s) => s.id === row.id)!;
}

/** A service delivered (what, when, who, how much). Counted in the service rollup where it was given. */
export async function recordDelivery(ctx: Ctx, caseId: string, input: ServiceDeliveryCreate) {
  const c = await loadOpenCase(ctx, caseId);
  const kind = await requireService(ctx, input.serviceCode);
  const where = input.villageCode ? (await requireVillage(ctx.db, input.villageCode, 'villageCode')).code : c.villageCode;
  const unit = input.unit ?? kind.unit;
  const now = ctx.clock.now();
  if (input.deliveredOn > localDate(now, c.villageCode)) {
    throw badRequest([{ field: 'deliveredOn', code: 'service.future', message: { id: 'Tanggal layanan tidak boleh di masa depan', en: 'The delivery date cannot be in the future' } }]);
  }
  if (input.planId && !(await store.markPlanDelivered(ctx.db, { ...key(c), id: input.planId }))) {
    throw badRequest([{ field: 'planId', code: 'service.plan_unknown', message: { id: 'Rencana layanan tidak ditemukan atau sudah diberikan', en: 'Planned service not found or already delivered' } }]);
  }
  const row = {
    ...owned(c, input.id), delivered_village_code: where, service_code: input.serviceCode, plan_id: input.planId ?? null,
    delivered_on: input.deliveredOn, delivered_by: ctx.actor.userId, deliverer_label: ctx.actor.username, provider: input.provider ?? null,
    quantity: input.quantity, unit, note: input.note ?? null, created_at: now,
  };
  await store.insertRow(ctx.db, 'service_delivery', row);
  await shiftRollups(ctx.db, { regencyCode: c.regencyCode, ids: [row.id] }, 1, ['service']);
  await recordEvent(ctx, c, { kind: 'service.delivered', details: { deliveryId: row.id, serviceCode: input.serviceCode, quantity: input.quantity, unit } });
  audit(ctx, c, 'case.service_delivered', 'service_delivery', row.id, { serviceCode: input.serviceCode });
  const [d] = await store.deliveries(ctx.db, { ...key(c), id: row.id });
  return { ...d, warnings: deliveryWarnings(input.serviceCode, input.quantity, unit) };
}

export async function scheduleFollowUp(ctx: Ctx, caseId: string, input: { id?: string; dueOn: string; purpose: string; assignedTo?: string | null }) {
  const c = await loadOpenCase(ctx, caseId);
  const row = {
    ...owned(c, input.id), due_on: input.dueOn, purpose: input.purpose,
    assigned_to: input.assignedTo === undefined ? (c.assignedTo ?? ctx.actor.userId) : input.assignedTo,
    created_at: ctx.clock.now(), created_by: ctx.actor.userId,
  };
  await store.insertRow(ctx.db, 'follow_up', row);
  audit(ctx, c, 'case.follow_up_scheduled', 'follow_up', row.id, { dueOn: input.dueOn });
  return (await store.followUps(ctx.db, key(c), localDate(ctx.clock.now(), c.villageCode))).find((f) => f.id === row.id)!;
}

export async function completeFollowUp(ctx: Ctx, caseId: string, followUpId: string, outcome: string) {
  const c = await loadCase(ctx, caseId, 'case.transition');
  if (!(await store.completeFollowUp(ctx.db, { ...key(c), id: followUpId }, outcome, ctx.clock.now(), ctx.actor.userId))) {
    throw new AppError(409, 'follow_up_not_open', { id: 'Tindak lanjut tidak ditemukan atau sudah selesai', en: 'Follow-up not found or already done' });
  }
  audit(ctx, c, 'case.follow_up_done', 'follow_up', followUpId);
  return (await store.followUps(ctx.db, key(c), localDate(ctx.clock.now(), c.villageCode))).find((f) => f.id === followUpId)!;
}

/** Overdue follow-ups: one PSM's own (`assignedTo`), or everyone's in an area of the caller's scope. */
export async function overdueFollowUps(ctx: Ctx, q: { area?: string; assignedTo?: string; page: number; pageSize: number }) {
  requireAccess(ctx.actor, 'case.read');
  const scopes = scopeOf(ctx.actor, 'case.read');
  const anchor = q.area ?? scopes[0] ?? '31';
  if (q.area && !scopes.some((s) => isWithin(q.area!, s) || isWithin(s, q.area!))) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
  const assignedTo = q.assignedTo === 'me' ? (ctx.actor.userId ?? undefined) : q.assignedTo;
  const { rows, total } = await store.overdue(ctx.db, scopes, {
    today: localDate(ctx.clock.now(), anchor === 'ID' ? '31' : anchor),
    ...(q.area ? { area: q.area } : {}),
    ...(assignedTo ? { assignedTo } : {}),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows, page: q.page, pageSize: q.pageSize, total };
}

export async function listServiceKinds(ctx: Ctx) {
  requireAccess(ctx.actor, 'case.read');
  return { items: await store.listServiceKinds(ctx.db) };
}
