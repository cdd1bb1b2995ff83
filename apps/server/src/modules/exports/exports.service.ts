import { can, isWithin } from '@pilar/domain';
import type { ExportCreate, ExportView } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf, unauthenticated } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { badRequest, notFound } from '../../platform/errors';
import { SOURCES } from './exports.sources';
import * as store from './exports.store';

/**
 * Exports: a list to XLSX or CSV, run as a job, with a declared purpose (UU PDP
 * checklist point 5), watermarked and audited. The file is served to whoever asked
 * for it (or a national administrator) as long as they may still export that area.
 */
export const EXPORT_JOB = 'exports.render';

function viewer(ctx: Ctx) {
  if (!ctx.actor.userId) throw unauthenticated();
  return { userId: ctx.actor.userId, all: can(ctx.actor, 'audit.read') && ctx.actor.grants.some((g) => g.areaCode === 'ID') };
}

export function present(r: store.ExportRun, jobStatus?: string): ExportView {
  const status =
    (r.status === 'queued' || r.status === 'running') && (jobStatus === 'failed' || jobStatus === 'cancelled')
      ? jobStatus
      : r.status;
  return {
    id: r.id,
    source: r.source,
    format: r.format,
    status,
    purpose: r.purpose,
    purposeCode: r.purposeCode,
    filters: r.filters,
    rowCount: r.rowCount,
    sizeBytes: r.sizeBytes,
    jobId: r.jobId,
    fileUrl: status === 'succeeded' ? `/api/v1/exports/${r.id}/file` : null,
    createdAt: new Date(r.createdAt).toISOString(),
    finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
  };
}

async function jobStatus(ctx: Ctx, r: store.ExportRun): Promise<string | undefined> {
  if (!r.jobId) return undefined;
  return (await ctx.db.query(`SELECT status FROM job_run WHERE id = $1`, [r.jobId])).rows[0]?.status;
}

/** The area to export: the one asked for, or the caller's only area; it must lie in the scope of both permissions. */
function exportArea(ctx: Ctx, source: (typeof SOURCES)[keyof typeof SOURCES], area: string | undefined): string {
  const scopes = scopeOf(ctx.actor, 'report.export').filter((s) =>
    scopeOf(ctx.actor, source.permission).some((p) => isWithin(s, p) || isWithin(p, s)),
  );
  const chosen = area ?? (scopes.length === 1 ? scopes[0] : undefined);
  if (!chosen) {
    throw badRequest([
      {
        field: 'filters.area',
        code: 'export.area_required',
        message: { id: 'Pilih wilayah yang diekspor', en: 'Choose the area to export' },
      },
    ]);
  }
  requireAccess(ctx.actor, 'report.export', { areaCode: chosen });
  requireAccess(ctx.actor, source.permission, { areaCode: chosen });
  return chosen;
}

export async function createExport(ctx: Ctx, input: ExportCreate): Promise<ExportView> {
  const { userId } = viewer(ctx);
  requireAccess(ctx.actor, 'report.export');
  const source = SOURCES[input.source];
  requireAccess(ctx.actor, source.permission);
  const area = exportArea(ctx, source, input.filters.area);
  const id = uuidv7();
  const filters = { ...input.filters, area };
  await store.insert(ctx.db, {
    id,
    source: input.source,
    format: input.format,
    purpose: input.purpose,
    purposeCode: input.purposeCode ?? null,
    filters,
    areaCode: area,
    createdBy: userId,
    createdAt: ctx.clock.now(),
  });
  const jobId = await ctx.jobs.enqueue(ctx, EXPORT_JOB, { exportId: id }, { purpose: input.purpose, areaCode: area });
  await store.setJob(ctx.db, id, jobId);
  ctx.audit.record({
    action: 'export.requested',
    entityType: 'export',
    entityId: id,
    purpose: input.purpose,
    details: { source: input.source, format: input.format, filters, purposeCode: input.purposeCode ?? null },
  });
  return present((await store.find(ctx.db, id, { userId, all: false }))!);
}

async function load(ctx: Ctx, id: string): Promise<store.ExportRun> {
  const r = await store.find(ctx.db, id, viewer(ctx));
  if (!r) throw notFound({ id: 'Ekspor tidak ditemukan', en: 'Export not found' });
  return r;
}

export async function getExport(ctx: Ctx, id: string): Promise<ExportView> {
  const r = await load(ctx, id);
  return present(r, await jobStatus(ctx, r));
}

export async function listExports(ctx: Ctx) {
  const runs = await store.list(ctx.db, viewer(ctx).userId);
  return { items: await Promise.all(runs.map(async (r) => present(r, await jobStatus(ctx, r)))) };
}

/** The file, under the same rules as the export itself; every download is audited. */
export async function exportFile(ctx: Ctx, id: string) {
  const r = await load(ctx, id);
  requireAccess(ctx.actor, 'report.export', { areaCode: r.areaCode });
  const bytes = await store.readFile(ctx.db, id);
  if (!bytes) throw notFound({ id: 'Berkas ekspor belum siap', en: 'The export file is not ready' });
  ctx.audit.record({
    action: 'export.downloaded',
    entityType: 'export',
    entityId: id,
    purpose: r.purpose,
    details: { source: r.source, rows: r.rowCount },
  });
  const xlsx = r.format === 'xlsx';
  return {
    bytes,
    filename: `pilar-${r.source}-${r.id}.${r.format}`,
    contentType: xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
  };
}
