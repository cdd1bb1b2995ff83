import { runAs } from '../../platform/access/unit-of-work';
import { AppError } from '../../platform/errors';
import { JobCancelled, type JobContext, type JobKind } from '../../platform/jobs/jobs';
import * as store from './imports.store';
import { countResults, writeRowResults } from './rows';
import { readRows, type SourceRow } from './source';
import { engineFor, type TargetEngine } from './targets';
import { timed } from './timing';

/**
 * The commit of an import, as a job (ARCHITECTURE.md decision 9). Rows go in
 * batches; each batch — its records, its per-row outcomes and the run's resume point
 * (`import_run.last_row`) — commits in one transaction, so after a crash the next
 * attempt continues exactly after the last committed row: nothing lost, nothing
 * written twice. The run row is locked per batch, so two workers can never both
 * write the same rows.
 */
export const IMPORT_JOB = 'imports.commit';
export interface ImportJobParams {
  importId: string;
  /** Rows per transaction (default 10,000 for persons, 1,000 for PSM members). */
  batchSize?: number;
  /** `service`: every row through the people services (slow; for comparison). */
  path?: 'bulk' | 'service';
}

/** Another worker advanced the run: this attempt stops without touching it. */
class Superseded extends Error {}

export const importJob: JobKind<ImportJobParams, { accepted: number; unchanged: number; rejected: number }> = {
  name: IMPORT_JOB,
  retryLimit: 3,
  async run(job) {
    const pool = job.services.db.pool;
    const run = await store.findRun(pool, job.params.importId, { userId: null, all: true });
    if (!run) throw new AppError(404, 'not_found', { id: 'Impor tidak ditemukan', en: 'Import not found' });
    if (['succeeded', 'failed', 'cancelled'].includes(run.status)) return counts(run);
    if (!run.mapping)
      throw new AppError(409, 'import_not_committed', { id: 'Impor belum dipetakan', en: 'The import has no mapping yet' });
    await store.markStarted(pool, run.id);
    try {
      await commitAll(job, run);
    } catch (err) {
      if (err instanceof Superseded) throw new JobCancelled();
      if (err instanceof JobCancelled) {
        // Also thrown when this worker lost its lease: only a requested cancel ends the import.
        const { rows } = await pool.query(`SELECT cancel_requested FROM job_run WHERE id = $1`, [job.runId]);
        if (rows[0]?.cancel_requested) await store.finish(pool, run.id, 'cancelled', true);
      } else if (err instanceof AppError) await store.finish(pool, run.id, 'failed', true);
      throw err;
    }
    await store.finish(pool, run.id, 'succeeded', true);
    return counts((await store.findRun(pool, run.id, { userId: null, all: true }))!);
  },
};

const counts = (r: store.ImportRun) => ({ accepted: r.accepted, unchanged: r.unchanged, rejected: r.rejected });

async function commitAll(job: JobContext<ImportJobParams>, run: store.ImportRun): Promise<void> {
  const services = job.services;
  const bytes = await timed('read upload', () => store.readBytes(services.db.pool, run.id));
  const size = job.params.batchSize ?? (run.target === 'persons' ? 10_000 : 1000);
  // Lookups (areas, villages) load once; the checks themselves run outside the write transactions.
  const engine = await runAs(services, job.actor, null, (ctx) =>
    engineFor(ctx, run.target, run.mapping!, job.params.path ?? 'bulk'),
  );
  let last = run.lastRow;
  let done = run.doneRows;
  await job.progress(done, run.totalRows, { lastRow: last });
  // Pipelined: while batch N commits in PostgreSQL, Node parses and checks batch N + 1
  // (in slices, so the transaction's statements are sent without delay).
  let inFlight: Promise<number> | null = null;
  const settle = async () => {
    if (!inFlight) return;
    done += await inFlight;
    inFlight = null;
    await job.progress(done, run.totalRows, { lastRow: last });
  };
  let batch: SourceRow[] = [];
  const flush = async () => {
    const rows = batch;
    batch = [];
    const checks = await timed('check rows (validate, NIK hash, encrypt)', () => checkInSlices(engine, rows));
    await settle();
    inFlight = commitBatch(job, run.id, engine, rows, checks, last);
    inFlight.catch(() => {});
    last = rows.at(-1)!.row;
  };
  for await (const row of readRows(bytes, run.format)) {
    if (row.row <= run.headerRow) continue;
    if (row.row <= last) {
      engine.note(row);
      continue;
    }
    batch.push(row);
    if (batch.length >= size) await flush();
  }
  if (batch.length) await flush();
  await settle();
}

async function checkInSlices(engine: TargetEngine, rows: SourceRow[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let i = 0; i < rows.length; i++) {
    out.push(engine.check(rows[i]!));
    if (i % 250 === 249) await new Promise((r) => setImmediate(r));
  }
  return out;
}

async function commitBatch(
  job: JobContext<ImportJobParams>,
  importId: string,
  engine: TargetEngine,
  rows: SourceRow[],
  checks: unknown[],
  expectedLast: number,
): Promise<number> {
  return timed('batch transaction', () =>
    runAs(job.services, job.actor, null, async (ctx) => {
      const locked = await store.lockRun(ctx.db, importId);
      if (!locked || locked.lastRow !== expectedLast) throw new Superseded();
      const results = await engine.write(ctx, importId, checks, { audit: true });
      await timed('row outcomes', async () => {
        await writeRowResults(ctx.db, importId, results);
        await store.advance(ctx.db, importId, rows.at(-1)!.row, { done: results.length, ...countResults(results) });
      });
      return results.length;
    }),
  );
}
