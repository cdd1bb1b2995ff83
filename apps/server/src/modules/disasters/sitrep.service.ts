import { buildSitrepText } from '@pilar/domain';
import { uuidv7 } from 'uuidv7';
import { requireAccess } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { notFound } from '../../platform/errors';
import { loadIncident, requireManage } from './disasters.access';
import { localDateTime, sitrepFigures } from './sitrep.figures';
import { sitrepPdf } from './sitrep.pdf';
import * as store from './sitrep.store';

/** Situation reports (issue 9 §6): on demand and daily, text + PDF, aggregates only. */
export const SITREP_DAILY_JOB = 'disasters.sitrep_daily';

const sitrepNotFound = () => notFound({ id: 'Laporan situasi tidak ditemukan', en: 'Situation report not found' });

/**
 * Generates the next sitrep of an incident. A daily one is made at most once per local
 * day (a rerun of the job returns null for incidents already done).
 */
export async function generateSitrep(ctx: Ctx, incidentId: string, trigger: 'on_demand' | 'daily' = 'on_demand', date?: string) {
  const acc = await loadIncident(ctx, incidentId);
  requireManage(acc);
  const now = ctx.clock.now();
  const reportDate = date ?? localDateTime(now, acc.incident.leadOfficeCode).date;
  const number = await store.nextNumber(ctx.db, incidentId);
  if (trigger === 'daily' && (await store.dailyExists(ctx.db, incidentId, reportDate))) return null;
  const figures = await sitrepFigures(ctx.db, acc.incident, number, now);
  const text = buildSitrepText(figures);
  const pdf = await sitrepPdf(figures);
  const id = uuidv7();
  await store.insert(ctx.db, { id, incidentId, number, trigger, reportDate, at: now, by: ctx.actor.userId, figures, text, pdf });
  ctx.audit.record({ action: 'incident.sitrep_generated', entityType: 'incident_sitrep', entityId: id, details: { incidentId, number, trigger } });
  return (await store.find(ctx.db, id))!;
}

export async function listSitreps(ctx: Ctx, incidentId: string) {
  await loadIncident(ctx, incidentId);
  return { items: await store.list(ctx.db, incidentId) };
}

export async function getSitrep(ctx: Ctx, incidentId: string, id: string) {
  await loadIncident(ctx, incidentId);
  const s = await store.find(ctx.db, id);
  if (!s || s.incidentId !== incidentId) throw sitrepNotFound();
  return s;
}

export async function getSitrepPdf(ctx: Ctx, incidentId: string, id: string) {
  await loadIncident(ctx, incidentId);
  const s = await store.pdf(ctx.db, id);
  if (!s || s.incidentId !== incidentId) throw sitrepNotFound();
  ctx.audit.record({ action: 'incident.sitrep_downloaded', entityType: 'incident_sitrep', entityId: id, details: { incidentId, number: s.number } });
  return s;
}

/** Queues the daily sitreps of the incidents the caller leads (the job kind below). */
export async function queueDailySitreps(ctx: Ctx, date: string) {
  requireAccess(ctx.actor, 'incident.manage');
  const jobId = await ctx.jobs.enqueue(ctx, SITREP_DAILY_JOB, { date }, { purpose: `Sitrep harian ${date}` });
  return { jobId };
}
