import { createHash } from 'node:crypto';
import { can } from '@pilar/domain';
import type { ImportMapping, ImportPreview, ImportTarget, ImportView } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf, unauthenticated } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AuditLog } from '../../platform/audit/audit';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { autoMap, fieldsOf, knownHeaders, mappingProblems } from './fields';
import { IMPORT_JOB } from './imports.job';
import * as store from './imports.store';
import { readRows, pickHeader, sniffFormat, type SourceRow } from './source';
import { engineFor, TARGET_PERMISSION } from './targets';

/**
 * Imports: upload (the file is checked, its header found, its rows counted and a
 * preview judged), mapping and commit as a job, progress, cancel, per-row outcomes.
 * A run is visible to whoever uploaded it and to national administrators.
 */
const MAX_ROWS = 1_000_000;

function viewer(ctx: Ctx) {
  if (!ctx.actor.userId) throw unauthenticated();
  return { userId: ctx.actor.userId, all: can(ctx.actor, 'audit.read') && ctx.actor.grants.some((g) => g.areaCode === 'ID') };
}

export async function loadRun(ctx: Ctx, id: string): Promise<store.ImportRun> {
  const run = await store.findRun(ctx.db, id, viewer(ctx));
  if (!run) throw notFound({ id: 'Impor tidak ditemukan', en: 'Import not found' });
  return run;
}

export async function present(ctx: Ctx, run: store.ImportRun): Promise<ImportView> {
  let status = run.status;
  if (run.jobId && (status === 'queued' || status === 'running')) {
    const job = (await ctx.db.query(`SELECT status FROM job_run WHERE id = $1`, [run.jobId])).rows[0];
    if (job && (job.status === 'failed' || job.status === 'cancelled')) status = job.status;
  }
  const elapsed = run.startedAt ? (ctx.clock.now().getTime() - new Date(run.startedAt).getTime()) / 1000 : null;
  const eta =
    status === 'running' && elapsed !== null && run.doneRows > 0
      ? Math.max(0, Math.round((elapsed / run.doneRows) * (run.totalRows - run.doneRows)))
      : null;
  return {
    id: run.id,
    target: run.target,
    format: run.format,
    status,
    sizeBytes: run.sizeBytes,
    headerRow: run.headerRow,
    headers: run.headers,
    totalRows: run.totalRows,
    mapping: run.mapping,
    jobId: run.jobId,
    progress: { done: run.doneRows, total: run.totalRows, etaSeconds: eta },
    counts: { accepted: run.accepted, unchanged: run.unchanged, rejected: run.rejected },
    createdAt: new Date(run.createdAt).toISOString(),
    finishedAt: run.finishedAt ? new Date(run.finishedAt).toISOString() : null,
  };
}

async function dataRows(bytes: Buffer, run: { format: 'csv' | 'xlsx'; headerRow: number }, limit: number): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const r of readRows(bytes, run.format)) {
    if (r.row <= run.headerRow) continue;
    out.push(r);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * The first rows judged exactly as the commit would judge them — written inside a
 * savepoint and rolled back — so the preview also shows duplicates in the database.
 */
async function previewRows(
  ctx: Ctx,
  run: { id: string; target: ImportTarget; format: 'csv' | 'xlsx'; headerRow: number; headers: string[] },
  bytes: Buffer,
  mapping: ImportMapping,
  limit: number,
): Promise<ImportPreview> {
  const { errors, missing } = mappingProblems(run.target, mapping, run.headers.length);
  if (errors.length) throw badRequest(errors);
  const rows = await dataRows(bytes, run, limit);
  if (missing.length) return { mapping, missing, rows: [] };
  const engine = await engineFor(ctx, run.target, mapping);
  const checks = rows.map((r) => engine.check(r));
  const scratch: Ctx = { ...ctx, audit: new AuditLog(ctx.audit.actor, ctx.audit.requestId, () => ctx.clock.now()) };
  await ctx.db.query('SAVEPOINT import_preview');
  let results;
  try {
    results = await engine.write(scratch, run.id, checks, { audit: false });
  } finally {
    await ctx.db.query('ROLLBACK TO SAVEPOINT import_preview');
  }
  const byRow = new Map(results.map((r) => [r.row, r]));
  return {
    mapping,
    missing,
    rows: rows.map((r) => {
      const res = byRow.get(r.row)!;
      return { row: r.row, status: res.status, values: engine.preview(r), reasons: res.reasons, warnings: res.warnings };
    }),
  };
}

export async function uploadImport(ctx: Ctx, target: ImportTarget, bytes: Buffer) {
  requireAccess(ctx.actor, TARGET_PERMISSION[target]);
  const { userId } = viewer(ctx);
  const format = sniffFormat(bytes);
  const first: SourceRow[] = [];
  let count = 0;
  for await (const r of readRows(bytes, format)) {
    if (first.length < 10) first.push(r);
    count += 1;
    if (count > MAX_ROWS + 10) break;
  }
  const header = pickHeader(first, knownHeaders(target));
  if (!header)
    throw badRequest([
      { field: 'file', code: 'file.no_rows', message: { id: 'Berkas tidak berisi baris', en: 'The file has no rows' } },
    ]);
  const totalRows = count - first.indexOf(header) - 1;
  if (totalRows <= 0)
    throw badRequest([
      {
        field: 'file',
        code: 'file.no_data',
        message: { id: 'Berkas hanya berisi judul kolom', en: 'The file holds only the header row' },
      },
    ]);
  if (totalRows > MAX_ROWS)
    throw new AppError(
      413,
      'too_many_rows',
      { id: `Maksimal ${MAX_ROWS} baris per impor`, en: `At most ${MAX_ROWS} rows per import` },
      [
        {
          field: 'file',
          code: 'file.too_many_rows',
          message: { id: `Maksimal ${MAX_ROWS} baris`, en: `At most ${MAX_ROWS} rows` },
        },
      ],
    );
  const headers = header.cells.map((c) => (c ?? '').trim().slice(0, 200));
  while (headers.length && headers.at(-1) === '') headers.pop();
  const id = uuidv7();
  const sha256 = createHash('sha256').update(bytes).digest();
  await store.purgeStaleUploads(ctx.db, ctx.clock.now());
  await store.insertRun(
    ctx.db,
    {
      id,
      target,
      format,
      sha256,
      sizeBytes: bytes.length,
      headerRow: header.row,
      headers,
      totalRows,
      createdBy: userId,
      now: ctx.clock.now(),
    },
    bytes,
  );
  ctx.audit.record({
    action: 'import.uploaded',
    entityType: 'import',
    entityId: id,
    details: { target, format, rows: totalRows, sizeBytes: bytes.length },
  });
  const suggestedMapping = autoMap(target, headers);
  const run = (await store.findRun(ctx.db, id, { userId, all: false }))!;
  return {
    ...(await present(ctx, run)),
    fields: fieldsOf(target),
    suggestedMapping,
    unmappedColumns: headers.filter((_, i) => !Object.values(suggestedMapping).includes(i)),
    previousImports: await store.sameFile(ctx.db, sha256, target, userId, id),
    preview: await previewRows(ctx, run, bytes, suggestedMapping, 20),
  };
}

export async function previewImport(ctx: Ctx, id: string, mapping: ImportMapping, limit: number): Promise<ImportPreview> {
  const run = await loadRun(ctx, id);
  requireAccess(ctx.actor, TARGET_PERMISSION[run.target]);
  if (run.status !== 'uploaded') throw alreadyCommitted();
  return previewRows(ctx, run, await store.readBytes(ctx.db, id), mapping, limit);
}

const alreadyCommitted = () =>
  new AppError(409, 'import_committed', { id: 'Impor ini sudah dijalankan', en: 'This import has already been committed' });

export async function commitImport(
  ctx: Ctx,
  id: string,
  body: { mapping: ImportMapping; saveTemplate?: { name: string; shareWithArea?: string | undefined } | undefined },
) {
  await loadRun(ctx, id);
  const run = (await store.lockRun(ctx.db, id))!;
  requireAccess(ctx.actor, TARGET_PERMISSION[run.target]);
  if (run.status !== 'uploaded') throw alreadyCommitted();
  const { errors, missing } = mappingProblems(run.target, body.mapping, run.headers.length);
  for (const f of missing)
    errors.push({
      field: `mapping.${f}`,
      code: 'mapping.required',
      message: { id: `Kolom ${f} wajib dipetakan`, en: `Field ${f} must be mapped` },
    });
  if (errors.length) throw badRequest(errors);
  if (body.saveTemplate) {
    const area = body.saveTemplate.shareWithArea;
    if (
      area &&
      !scopeOf(ctx.actor, TARGET_PERMISSION[run.target]).some((s) => s === 'ID' || area === s || area.startsWith(`${s}.`))
    ) {
      throw badRequest([
        {
          field: 'saveTemplate.shareWithArea',
          code: 'template.outside_scope',
          message: { id: 'Wilayah di luar kewenangan Anda', en: 'The area is outside your scope' },
        },
      ]);
    }
    const named = Object.fromEntries(Object.entries(body.mapping).map(([k, col]) => [k, run.headers[col]!]));
    await store.upsertTemplate(ctx.db, {
      id: uuidv7(),
      target: run.target,
      name: body.saveTemplate.name,
      ownerId: ctx.actor.userId!,
      areaCode: area ?? null,
      mapping: named,
      now: ctx.clock.now(),
    });
  }
  const jobId = await ctx.jobs.enqueue(ctx, IMPORT_JOB, { importId: id }, { purpose: `Impor data (${run.target})` });
  await store.markQueued(ctx.db, id, body.mapping, jobId);
  ctx.audit.record({
    action: 'import.committed',
    entityType: 'import',
    entityId: id,
    details: { target: run.target, rows: run.totalRows, jobId },
  });
  return present(ctx, (await store.findRun(ctx.db, id, viewer(ctx)))!);
}

export async function getImport(ctx: Ctx, id: string) {
  return present(ctx, await loadRun(ctx, id));
}

export async function listImports(ctx: Ctx) {
  const runs = await store.listRuns(ctx.db, viewer(ctx).userId);
  return { items: await Promise.all(runs.map((r) => present(ctx, r))) };
}

export async function importRows(ctx: Ctx, id: string, q: { status?: string | undefined; page: number; pageSize: number }) {
  await loadRun(ctx, id);
  const { rows, total } = await store.listRows(ctx.db, id, {
    ...(q.status ? { status: q.status } : {}),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows, page: q.page, pageSize: q.pageSize, total };
}

/** Discards an upload not yet committed, or asks the running job to stop (rows already committed stay). */
export async function cancelImport(ctx: Ctx, id: string) {
  await loadRun(ctx, id);
  const run = (await store.lockRun(ctx.db, id))!;
  if (run.status === 'uploaded') await store.finish(ctx.db, id, 'cancelled', true);
  else if ((run.status === 'queued' || run.status === 'running') && run.jobId) {
    const { rows } = await ctx.db.query(
      `UPDATE job_run SET cancel_requested = true, status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
              finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END, updated_at = now()
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING status`,
      [run.jobId],
    );
    // A job that never started ends here; a running one stops at its next batch.
    if (rows[0]?.status === 'cancelled') await store.finish(ctx.db, id, 'cancelled', true);
  } else throw new AppError(409, 'import_finished', { id: 'Impor sudah selesai', en: 'The import has already finished' });
  ctx.audit.record({ action: 'import.cancel_requested', entityType: 'import', entityId: id });
  return present(ctx, (await store.findRun(ctx.db, id, viewer(ctx)))!);
}
