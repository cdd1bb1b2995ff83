import { runAs } from '../../platform/access/unit-of-work';
import { AppError } from '../../platform/errors';
import { JobCancelled, type JobKind } from '../../platform/jobs/jobs';
import { renderCsv, renderXlsx } from './exports.render';
import { EXPORT_JOB } from './exports.service';
import { SOURCES, type Cell } from './exports.sources';
import * as store from './exports.store';

/**
 * Renders an export in one transaction as the user who asked for it (their scope at
 * the time of the run applies), stores the file, and records `export.created` with
 * the purpose, the row count and every exported id — all or nothing.
 */
export const exportJob: JobKind<{ exportId: string }, { rows: number }> = {
  name: EXPORT_JOB,
  retryLimit: 2,
  async run(job) {
    const pool = job.services.db.pool;
    const run = await store.find(pool, job.params.exportId, { userId: null, all: true });
    if (!run) throw new AppError(404, 'not_found', { id: 'Ekspor tidak ditemukan', en: 'Export not found' });
    if (run.status === 'succeeded') return { rows: run.rowCount ?? 0 };
    await store.setStatus(pool, run.id, 'running');
    try {
      return await runAs(job.services, job.actor, null, async (ctx) => {
        const source = SOURCES[run.source];
        const filters = run.filters as { area: string; ppks?: number; status?: string };
        const rows: Record<string, Cell>[] = [];
        const ids: string[] = [];
        for await (const page of source.pages(ctx, filters)) {
          rows.push(...page.rows);
          ids.push(...page.ids);
          await job.progress(rows.length, page.total);
        }
        const now = ctx.clock.now();
        const mark = {
          exportId: run.id,
          by: ctx.actor.username,
          at: now.toISOString(),
          purpose: run.purpose,
          purposeCode: run.purposeCode,
          source: run.source,
          filters: run.filters,
        };
        const bytes = run.format === 'csv' ? renderCsv(mark, source.columns, rows) : await renderXlsx(mark, source.columns, rows);
        await store.saveFile(ctx.db, run.id, bytes, rows.length, now);
        ctx.audit.record({
          action: 'export.created',
          entityType: 'export',
          entityId: run.id,
          purpose: run.purpose,
          details: {
            source: run.source,
            format: run.format,
            rows: rows.length,
            purposeCode: run.purposeCode,
            filters: run.filters,
            ...(source.idKind ? { [source.idKind]: ids } : {}),
          },
        });
        return { rows: rows.length };
      });
    } catch (err) {
      if (err instanceof JobCancelled) await store.setStatus(pool, run.id, 'cancelled');
      else if (err instanceof AppError) await store.setStatus(pool, run.id, 'failed');
      throw err;
    }
  },
};
