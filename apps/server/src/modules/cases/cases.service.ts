import { can, formatCaseNumber, isWithin, planTransition, ppksAgeWarnings, type CaseAction, type Issue } from '@pilar/domain';
import type { CaseCreate, CaseListQuery, CaseUpdate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { forbidden, requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import * as households from '../people/households.store';
import { loadInScope } from '../people/people.service';
import { caseNotFound, loadCase, presentCase, staleVersion } from './cases.access';
import * as store from './cases.store';
import { ageOn, localDate } from './dates';
import { shiftRollups, withRollups } from './rollups';

export type CaseView = ReturnType<typeof presentCase>;

async function requireCategory(ctx: Ctx, code: number, field = 'ppksCode'): Promise<void> {
  const { rows } = await ctx.db.query(`SELECT 1 FROM ppks_category WHERE code = $1 AND active`, [code]);
  if (!rows.length) throw badRequest([{ field, code: 'ppks.unknown', message: { id: 'Kategori PPKS tidak dikenal', en: 'Unknown PPKS category' } }]);
}

export async function recordEvent(ctx: Ctx, c: { regencyCode: string; id: string; personId: string | null; villageCode: string }, e: Partial<store.EventInput> & { kind: string }) {
  await store.insertEvent(ctx.db, {
    ...e,
    regencyCode: c.regencyCode,
    id: uuidv7(),
    caseId: c.id,
    personId: c.personId,
    villageCode: c.villageCode,
    at: ctx.clock.now(),
    actorId: ctx.actor.userId,
    actorLabel: ctx.actor.username,
  });
}

/**
 * Opens a case for a person (or a household) and a need. The id may come from the
 * device (offline creation, ARCHITECTURE.md decision 6): sending the same case again
 * returns it unchanged. The case number is given here, on first arrival.
 */
export async function createCase(ctx: Ctx, input: CaseCreate): Promise<CaseView & { warnings: Issue[] }> {
  requireAccess(ctx.actor, 'case.create');
  if ((input.personId === undefined) === (input.householdId === undefined)) {
    throw badRequest([{ field: 'personId', code: 'case.subject', message: { id: 'Pilih satu: orang atau keluarga', en: 'Choose one: a person or a household' } }]);
  }
  if (input.id) {
    const existing = await store.find(ctx.db, input.id, scopeOf(ctx.actor, 'case.read'));
    if (existing && existing.personId === (input.personId ?? null) && existing.householdId === (input.householdId ?? null) && existing.ppksCode === input.ppksCode) {
      return { ...presentCase(ctx, existing), warnings: [] };
    }
  }
  await requireCategory(ctx, input.ppksCode);
  let subject: { regencyCode: string; villageCode: string; birthDate: string | null };
  if (input.personId) {
    subject = await loadInScope(ctx, input.personId, 'case.create');
  } else {
    const h = await households.find(ctx.db, input.householdId!, scopeOf(ctx.actor, 'case.create'));
    if (!h) throw notFound({ id: 'Keluarga tidak ditemukan', en: 'Household not found' });
    subject = { ...h, birthDate: null };
  }
  const now = ctx.clock.now();
  const today = localDate(now, subject.villageCode);
  const openedOn = input.openedOn ?? today;
  if (openedOn > today) {
    throw badRequest([{ field: 'openedOn', code: 'case.opened_future', message: { id: 'Tanggal pendataan tidak boleh di masa depan', en: 'The registration date cannot be in the future' } }]);
  }
  const year = Number(today.slice(0, 4));
  const caseNumber = formatCaseNumber(subject.regencyCode, year, await store.nextSerial(ctx.db, subject.regencyCode, year));
  const id = input.id ?? uuidv7();
  const verification = (await store.verificationRequired(ctx.db, subject.regencyCode)) ? 'draft' : 'not_required';
  await ctx.db.query('SAVEPOINT case_insert');
  try {
    await store.insert(ctx.db, {
      regencyCode: subject.regencyCode, id, caseNumber, personId: input.personId ?? null, householdId: input.householdId ?? null,
      villageCode: subject.villageCode, ppksCode: input.ppksCode, need: input.need, verification,
      assignedTo: input.assignedTo === undefined ? ctx.actor.userId : input.assignedTo, openedOn, now, actorId: ctx.actor.userId,
    });
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT case_insert');
    if ((err as { code?: string }).code === '23505') {
      throw new AppError(409, 'duplicate_id', { id: 'ID kasus sudah dipakai', en: 'This case id is already used' }, [
        { field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } },
      ]);
    }
    throw err;
  }
  const c = { regencyCode: subject.regencyCode, id, personId: input.personId ?? null, villageCode: subject.villageCode };
  await shiftRollups(ctx.db, { regencyCode: c.regencyCode, ids: [id] }, 1, ['case']);
  await recordEvent(ctx, c, { kind: 'case.opened', toStatus: 'identified', details: { caseNumber, ppksCode: input.ppksCode } });
  ctx.audit.record({ action: 'case.created', entityType: 'case', entityId: id, personId: c.personId, regencyCode: c.regencyCode, details: { caseNumber, ppksCode: input.ppksCode } });
  const warnings = subject.birthDate ? ppksAgeWarnings([input.ppksCode], ageOn(subject.birthDate, openedOn)) : [];
  return { ...presentCase(ctx, (await store.find(ctx.db, id, ['ID']))!), warnings };
}

export async function getCase(ctx: Ctx, id: string): Promise<CaseView> {
  const c = await loadCase(ctx, id);
  ctx.audit.record({ action: 'case.read', entityType: 'case', entityId: id, personId: c.personId, regencyCode: c.regencyCode });
  return presentCase(ctx, c);
}

export async function listCases(ctx: Ctx, q: CaseListQuery) {
  requireAccess(ctx.actor, 'case.read');
  const assignedTo = q.assignedTo === 'me' ? (ctx.actor.userId ?? undefined) : q.assignedTo;
  const { rows, total } = await store.list(ctx.db, scopeOf(ctx.actor, 'case.read'), {
    ...(q.area ? { area: q.area } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.ppks !== undefined ? { ppks: q.ppks } : {}),
    ...(q.verification ? { verification: q.verification } : {}),
    ...(q.personId ? { personId: q.personId } : {}),
    ...(assignedTo ? { assignedTo } : {}),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  if (rows.length) ctx.audit.record({ action: 'case.listed', entityType: 'case', details: { ids: rows.map((r) => r.id), page: q.page } });
  return { items: rows.map((r) => presentCase(ctx, r)), page: q.page, pageSize: q.pageSize, total };
}

/** Edits the need, the PPKS category (re-categorisation moves the rollup count) or the assignee. */
export async function updateCase(ctx: Ctx, id: string, patch: CaseUpdate): Promise<CaseView & { warnings: Issue[] }> {
  const c = await loadCase(ctx, id, 'case.transition');
  if (patch.ppksCode !== undefined) await requireCategory(ctx, patch.ppksCode);
  const set: Record<string, unknown> = {};
  if (patch.need !== undefined) set.need = patch.need;
  if (patch.ppksCode !== undefined) set.ppks_code = patch.ppksCode;
  if (patch.assignedTo !== undefined) set.assigned_to = patch.assignedTo;
  const ok = await withRollups(ctx.db, { regencyCode: c.regencyCode, ids: [id] }, ['case'], () =>
    store.update(ctx.db, { regencyCode: c.regencyCode, id, version: patch.version }, set, ctx.clock.now(), ctx.actor.userId),
  );
  if (!ok) throw staleVersion(c.version);
  if (patch.ppksCode !== undefined && patch.ppksCode !== c.ppksCode) {
    await recordEvent(ctx, c, { kind: 'case.recategorised', details: { from: c.ppksCode, to: patch.ppksCode } });
  }
  ctx.audit.record({ action: 'case.updated', entityType: 'case', entityId: id, personId: c.personId, regencyCode: c.regencyCode, details: { fields: Object.keys(set) } });
  const after = (await store.find(ctx.db, id, ['ID']))!;
  const p = patch.ppksCode !== undefined && c.personId ? await loadInScope(ctx, c.personId, 'person.read').catch(() => null) : null;
  const warnings = p?.birthDate ? ppksAgeWarnings([patch.ppksCode!], ageOn(p.birthDate, localDate(ctx.clock.now(), c.villageCode))) : [];
  return { ...presentCase(ctx, after), warnings };
}

/** Moves the case through its lifecycle (packages/domain cases/lifecycle: the rules and permission per action). */
export async function transitionCase(ctx: Ctx, id: string, input: { action: CaseAction; version: number; closureReason?: string; note?: string }): Promise<CaseView> {
  const c = await loadCase(ctx, id);
  const facts = await store.facts(ctx.db, c);
  const plan = planTransition({ status: c.status, closedFrom: c.closedFrom, ...facts }, input.action, { closureReason: input.closureReason ?? null, note: input.note ?? null });
  if (!can(ctx.actor, plan.permission, { areaCode: c.villageCode })) throw forbidden(plan.permission);
  if (!plan.ok) {
    const stateError = plan.errors.some((e) => ['case.transition.from', 'case.assessment_required', 'case.plan_required'].includes(e.code));
    throw stateError ? new AppError(409, 'transition_not_allowed', plan.errors[0]!.message, plan.errors) : badRequest(plan.errors);
  }
  const now = ctx.clock.now();
  const set: Record<string, unknown> = { status: plan.to };
  if (plan.to === 'closed') Object.assign(set, { closed_from: c.status, closure_reason: input.closureReason, closed_on: localDate(now, c.villageCode) });
  if (input.action === 'reopen') Object.assign(set, { closed_from: null, closure_reason: null, closed_on: null });
  const ok = await withRollups(ctx.db, { regencyCode: c.regencyCode, ids: [id] }, ['case'], () =>
    store.update(ctx.db, { regencyCode: c.regencyCode, id, version: input.version }, set, now, ctx.actor.userId),
  );
  if (!ok) throw staleVersion(c.version);
  await recordEvent(ctx, c, { kind: `case.${input.action}`, fromStatus: plan.from, toStatus: plan.to, reason: input.closureReason ?? null, note: input.note ?? null });
  ctx.audit.record({ action: `case.${input.action}`, entityType: 'case', entityId: id, personId: c.personId, regencyCode: c.regencyCode, details: { from: plan.from, to: plan.to } });
  return presentCase(ctx, (await store.find(ctx.db, id, ['ID']))!);
}

export async function listEvents(ctx: Ctx, id: string) {
  const c = await loadCase(ctx, id);
  return { items: await store.events(ctx.db, c) };
}

/** Counts from the rollup for an area inside the caller's report scope. */
export async function caseStats(ctx: Ctx, area?: string) {
  requireAccess(ctx.actor, 'report.read');
  const scopes = scopeOf(ctx.actor, 'report.read');
  const target = area ?? (scopes.length === 1 ? scopes[0]! : 'ID');
  if (!scopes.some((s) => isWithin(target, s))) throw notFound({ id: 'Wilayah di luar kewenangan Anda', en: 'Area outside your scope' });
  return { area: target, ...(await store.stats(ctx.db, target)) };
}

export async function getCaseSettings(ctx: Ctx, regencyCode: string) {
  requireAccess(ctx.actor, 'case.read', { areaCode: regencyCode });
  return { regencyCode, verificationRequired: await store.verificationRequired(ctx.db, regencyCode) };
}

/** Whether the regency requires the verification chain. Applies to cases opened from now on. */
export async function setCaseSettings(ctx: Ctx, regencyCode: string, verificationRequired: boolean) {
  requireAccess(ctx.actor, 'case.configure', { areaCode: regencyCode });
  const { rows } = await ctx.db.query(`SELECT 1 FROM area WHERE code = $1 AND level = 'regency'`, [regencyCode]);
  if (!rows.length) throw caseNotFound();
  await store.setVerificationRequired(ctx.db, regencyCode, verificationRequired, ctx.clock.now(), ctx.actor.userId);
  ctx.audit.record({ action: 'case.settings_changed', entityType: 'case_setting', entityId: regencyCode, regencyCode, details: { verificationRequired } });
  return { regencyCode, verificationRequired };
}

