import { can, DUTY_LABEL, localDateIn, PSM_DUTIES } from '@pilar/domain';
import type { DisputeAnswer, MonthlyReportListQuery, MonthlyReportReview } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf, unauthenticated } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { ownEntriesOfMonth, villageFor } from '../activities/activities.service';
import * as store from './monthly.store';
import type { ReportRow } from './monthly.store';

/**
 * Monthly PSM reports (issue 7 §2): made from the activity log, submitted to the IPSM
 * coordinator (report.review in the village), reviewed with feedback. The PSM sees
 * their own figures and may dispute any entry with a comment; the reviewer must answer
 * every dispute before the report can be finalised — monitoring that is fair to volunteers.
 */
export const reportNotFound = () => notFound({ id: 'Laporan bulanan tidak ditemukan', en: 'Monthly report not found' });
const visibility = (ctx: Ctx) => ({ userId: ctx.actor.userId, readScopes: [...new Set([...scopeOf(ctx.actor, 'activity.read'), ...scopeOf(ctx.actor, 'report.review')])] });
const conflict = (code: string, id: string, en: string, field = 'status') => new AppError(409, code, { id, en }, [{ field, code: `report.${code}`, message: { id, en } }]);
const stale = () => conflict('version_conflict', 'Laporan sudah berubah; muat ulang', 'The report changed; reload', 'version');

const isOwner = (ctx: Ctx, r: ReportRow) => r.userId === ctx.actor.userId;
const isReviewer = (ctx: Ctx, r: ReportRow) => !isOwner(ctx, r) && can(ctx.actor, 'report.review', { areaCode: r.villageCode });

async function load(ctx: Ctx, id: string): Promise<ReportRow> {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
  const r = await store.find(ctx.db, id, visibility(ctx));
  if (!r) throw reportNotFound();
  return r;
}

export async function present(ctx: Ctx, r: ReportRow) {
  const entries = await store.entries(ctx.db, r.id);
  const disputes = await store.disputes(ctx.db, r.id);
  const open = disputes.filter((d) => !d.answeredAt).length;
  const byDuty = PSM_DUTIES.map((duty) => {
    const mine = entries.filter((e) => e.duty === duty);
    return { duty, label: DUTY_LABEL[duty], total: mine.length, counted: mine.filter((e) => e.counted).length };
  });
  const actions: string[] = ['export'];
  if (isOwner(ctx, r) && r.status === 'draft') actions.push('regenerate', 'submit');
  if (isOwner(ctx, r) && (r.status === 'submitted' || r.status === 'reviewed')) actions.push('dispute');
  if (isReviewer(ctx, r)) {
    if (r.status === 'submitted' || r.status === 'reviewed') actions.push('review');
    if (open > 0) actions.push('answer');
    if (r.status === 'reviewed' && open === 0) actions.push('finalise');
  }
  const { regencyCode: _r, reviewerId: _v, ...rest } = r;
  return {
    ...rest,
    figures: { total: entries.length, counted: entries.filter((e) => e.counted).length, byDuty },
    entries: entries.map((e) => ({ ...e, duty: e.duty as (typeof PSM_DUTIES)[number], source: e.source as 'manual' })),
    disputes,
    openDisputes: open,
    actions,
  };
}

/** Makes (or, while a draft, remakes) the caller's report for a month from their activity log. */
export async function generateReport(ctx: Ctx, input: { month: string; summary?: string | undefined }) {
  requireAccess(ctx.actor, 'activity.record');
  if (!ctx.actor.userId) throw unauthenticated();
  const village = await villageFor(ctx, undefined);
  if (`${input.month}-01` > localDateIn(ctx.clock.now(), village)) {
    throw badRequest([{ field: 'month', code: 'report.future', message: { id: 'Bulan laporan belum dimulai', en: 'The report month has not started' } }]);
  }
  let r = await store.findForUserMonth(ctx.db, village.slice(0, 5), ctx.actor.userId, input.month);
  if (r && r.status !== 'draft') throw conflict('not_draft', 'Laporan sudah diajukan; tidak dapat dibuat ulang', 'The report was already submitted; it cannot be remade');
  if (!r) {
    const id = uuidv7();
    await store.insert(ctx.db, { id, regencyCode: village.slice(0, 5), villageCode: village, userId: ctx.actor.userId, month: input.month, summary: input.summary ?? null, now: ctx.clock.now() });
    r = (await store.find(ctx.db, id, visibility(ctx)))!;
  } else if (input.summary !== undefined) {
    await store.update(ctx.db, { id: r.id, version: r.version, from: ['draft'] }, { summary: input.summary }, ctx.clock.now());
  }
  const rows = await ownEntriesOfMonth(ctx, input.month);
  await store.replaceEntries(ctx.db, { regencyCode: r.regencyCode, reportId: r.id }, rows.map((a) => ({ activityId: a.id, duty: a.duty, source: a.source, title: a.title, occurredOn: a.occurredOn })));
  ctx.audit.record({ action: 'report.generated', entityType: 'monthly_report', entityId: r.id, regencyCode: r.regencyCode, details: { month: input.month, entries: rows.length } });
  return present(ctx, (await store.find(ctx.db, r.id, visibility(ctx)))!);
}

export async function getReport(ctx: Ctx, id: string) {
  return present(ctx, await load(ctx, id));
}

export async function listReports(ctx: Ctx, q: MonthlyReportListQuery) {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
  const v = visibility(ctx);
  const onlyMine = q.mine === 'true' || v.readScopes.length === 0;
  const { rows, total } = await store.list(ctx.db, v, {
    ...(onlyMine && ctx.actor.userId ? { mine: ctx.actor.userId } : {}),
    ...(q.area ? { area: q.area } : {}),
    ...(q.month ? { month: q.month } : {}),
    ...(q.status ? { status: q.status } : {}),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    items: rows.map((r) => ({ id: r.id, psmLabel: r.psmLabel, villageCode: r.villageCode, villageName: r.villageName, month: r.month, status: r.status, openDisputes: r.openDisputes, version: r.version })),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}

export async function submitReport(ctx: Ctx, id: string, version: number) {
  const r = await load(ctx, id);
  if (!isOwner(ctx, r)) throw reportNotFound();
  requireAccess(ctx.actor, 'activity.record', { areaCode: r.villageCode });
  if (r.status !== 'draft') throw conflict('not_draft', 'Hanya draf yang dapat diajukan', 'Only a draft can be submitted');
  if (!(await store.update(ctx.db, { id, version, from: ['draft'] }, { status: 'submitted', submitted_at: ctx.clock.now() }, ctx.clock.now()))) throw stale();
  ctx.audit.record({ action: 'report.submitted', entityType: 'monthly_report', entityId: id, regencyCode: r.regencyCode });
  return present(ctx, (await store.find(ctx.db, id, visibility(ctx)))!);
}

async function loadForReview(ctx: Ctx, id: string): Promise<ReportRow> {
  const r = await load(ctx, id);
  requireAccess(ctx.actor, 'report.review', { areaCode: r.villageCode });
  if (isOwner(ctx, r)) throw conflict('own_report', 'Laporan sendiri tidak dapat ditinjau sendiri', 'One cannot review one’s own report', 'id');
  return r;
}

export async function reviewReport(ctx: Ctx, id: string, input: MonthlyReportReview) {
  const r = await loadForReview(ctx, id);
  if (r.status !== 'submitted' && r.status !== 'reviewed') throw conflict('not_submitted', 'Laporan belum diajukan atau sudah final', 'The report is not submitted, or already final');
  for (const [i, e] of (input.entries ?? []).entries()) {
    if (!(await store.setEntry(ctx.db, id, e.activityId, { counted: e.counted, note: e.note }))) {
      throw badRequest([{ field: `entries.${i}.activityId`, code: 'report.entry_unknown', message: { id: 'Kegiatan tidak ada dalam laporan ini', en: 'The activity is not in this report' } }]);
    }
  }
  const set = { status: 'reviewed', feedback: input.feedback, reviewer_id: ctx.actor.userId, reviewer_label: ctx.actor.username, reviewed_at: ctx.clock.now() };
  if (!(await store.update(ctx.db, { id, version: input.version, from: ['submitted', 'reviewed'] }, set, ctx.clock.now()))) throw stale();
  ctx.audit.record({ action: 'report.reviewed', entityType: 'monthly_report', entityId: id, regencyCode: r.regencyCode, details: { notCounted: (input.entries ?? []).filter((e) => !e.counted).length } });
  return present(ctx, (await store.find(ctx.db, id, visibility(ctx)))!);
}

/** The PSM disputes an entry of their submitted report; the reviewer must answer it. */
export async function disputeEntry(ctx: Ctx, id: string, input: { activityId: string; comment: string }) {
  const r = await load(ctx, id);
  if (!isOwner(ctx, r)) throw reportNotFound();
  requireAccess(ctx.actor, 'activity.record', { areaCode: r.villageCode });
  if (r.status !== 'submitted' && r.status !== 'reviewed') throw conflict('not_disputable', 'Keberatan hanya untuk laporan yang diajukan dan belum final', 'Disputes are for submitted reports that are not final');
  if (!(await store.entries(ctx.db, id)).some((e) => e.activityId === input.activityId)) {
    throw badRequest([{ field: 'activityId', code: 'report.entry_unknown', message: { id: 'Kegiatan tidak ada dalam laporan ini', en: 'The activity is not in this report' } }]);
  }
  const disputeId = uuidv7();
  await ctx.db.query('SAVEPOINT dispute_insert');
  try {
    await store.insertDispute(ctx.db, { regencyCode: r.regencyCode, id: disputeId, reportId: id, activityId: input.activityId, comment: input.comment, by: ctx.actor.userId!, now: ctx.clock.now() });
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT dispute_insert');
    if ((err as { code?: string }).code === '23505') throw conflict('dispute_open', 'Keberatan atas kegiatan ini masih menunggu jawaban', 'A dispute on this activity is still waiting for an answer', 'activityId');
    throw err;
  }
  ctx.audit.record({ action: 'report.disputed', entityType: 'monthly_report', entityId: id, regencyCode: r.regencyCode, details: { disputeId, activityId: input.activityId } });
  return present(ctx, (await store.find(ctx.db, id, visibility(ctx)))!);
}

export async function answerDispute(ctx: Ctx, id: string, disputeId: string, input: DisputeAnswer) {
  const r = await loadForReview(ctx, id);
  if (r.status === 'final') throw conflict('final', 'Laporan sudah final', 'The report is final');
  const activityId = await store.answerDispute(ctx.db, { id: disputeId, reportId: id, answer: input.answer, outcome: input.outcome, by: ctx.actor.userId, now: ctx.clock.now() });
  if (!activityId) throw conflict('dispute_not_open', 'Keberatan tidak ditemukan atau sudah dijawab', 'Dispute not found or already answered', 'disputeId');
  if (input.outcome === 'accepted') await store.setEntry(ctx.db, id, activityId, { counted: true, note: input.answer, ...(input.duty ? { duty: input.duty } : {}) });
  await store.update(ctx.db, { id, version: r.version, from: ['submitted', 'reviewed'] }, {}, ctx.clock.now());
  ctx.audit.record({ action: 'report.dispute_answered', entityType: 'monthly_report', entityId: id, regencyCode: r.regencyCode, details: { disputeId, outcome: input.outcome } });
  return present(ctx, (await store.find(ctx.db, id, visibility(ctx)))!);
}

/** Final once reviewed and every dispute is answered. */
export async function finaliseReport(ctx: Ctx, id: string, version: number) {
  const r = await loadForReview(ctx, id);
  if (r.status !== 'reviewed') throw conflict('not_reviewed', 'Laporan harus ditinjau sebelum final', 'The report must be reviewed before it is final');
  const open = (await store.disputes(ctx.db, id)).filter((d) => !d.answeredAt).length;
  if (open > 0) throw conflict('disputes_open', `${open} keberatan PSM belum dijawab`, `${open} PSM dispute(s) are not answered yet`, 'disputes');
  if (!(await store.update(ctx.db, { id, version, from: ['reviewed'] }, { status: 'final', finalised_at: ctx.clock.now() }, ctx.clock.now()))) throw stale();
  ctx.audit.record({ action: 'report.finalised', entityType: 'monthly_report', entityId: id, regencyCode: r.regencyCode });
  return present(ctx, (await store.find(ctx.db, id, visibility(ctx)))!);
}

export { load as loadReport };
