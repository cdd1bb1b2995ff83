import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '@pilar/domain';
import { ProblemSchema } from '@pilar/domain/contracts';
import { unauthenticated } from '../access/actor';
import type { Ctx } from '../access/unit-of-work';
import { AppError, notFound } from '../errors';

export const JobRunSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    cancelRequested: z.boolean(),
    purpose: z.string().nullable(),
    progress: z.object({ done: z.number(), total: z.number().nullable() }),
    result: z.unknown(),
    error: z.unknown(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'JobRun' });

const COLUMNS = `id, kind, status, cancel_requested, purpose, progress_done, progress_total, result, error, created_at, started_at, finished_at`;
const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);
function present(r: Record<string, unknown>) {
  return {
    id: r.id as string,
    kind: r.kind as string,
    status: r.status as 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled',
    cancelRequested: r.cancel_requested as boolean,
    purpose: r.purpose as string | null,
    progress: { done: Number(r.progress_done), total: r.progress_total === null ? null : Number(r.progress_total) },
    result: r.result,
    error: r.error,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

/** A job run is visible to the user who started it, and to administrators. */
async function findVisible(ctx: Ctx, id: string) {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
  const admin = can(ctx.actor, 'audit.read') && ctx.actor.grants.some((g) => g.areaCode === 'ID');
  const { rows } = await ctx.db.query(`SELECT ${COLUMNS} FROM job_run WHERE id = $1 AND (created_by = $2 OR $3)`, [id, ctx.actor.userId, admin]);
  if (!rows[0]) throw notFound();
  return rows[0];
}

/** Long tasks: list, progress, cancel. */
export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['jobs'];
  app.get(
    '/jobs',
    { schema: { tags, summary: 'My recent jobs (imports, exports, reports)', response: { 200: z.object({ items: z.array(JobRunSchema) }), 401: ProblemSchema } } },
    async (req) =>
      req.run(async (ctx) => {
        if (ctx.actor.kind === 'anonymous') throw unauthenticated();
        const { rows } = await ctx.db.query(`SELECT ${COLUMNS} FROM job_run WHERE created_by = $1 ORDER BY created_at DESC LIMIT 50`, [ctx.actor.userId]);
        return { items: rows.map(present) };
      }),
  );
  app.get(
    '/jobs/:id',
    { schema: { tags, summary: 'One job with its progress', params: z.object({ id: z.uuid() }), response: { 200: JobRunSchema, 401: ProblemSchema, 404: ProblemSchema } } },
    async (req) => req.run(async (ctx) => present(await findVisible(ctx, req.params.id))),
  );
  app.post(
    '/jobs/:id/cancel',
    { schema: { tags, summary: 'Ask a running job to stop', params: z.object({ id: z.uuid() }), response: { 200: JobRunSchema, 401: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } } },
    async (req) =>
      req.run(async (ctx) => {
        const run = await findVisible(ctx, req.params.id);
        if (!['queued', 'running'].includes(run.status)) {
          throw new AppError(409, 'job_finished', { id: 'Tugas sudah selesai', en: 'The job has already finished' });
        }
        const { rows } = await ctx.db.query(
          `UPDATE job_run SET cancel_requested = true, status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
                  finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END, updated_at = now()
           WHERE id = $1 RETURNING ${COLUMNS}`,
          [run.id],
        );
        ctx.audit.record({ action: 'job.cancel_requested', entityType: 'job', entityId: run.id });
        return present(rows[0]);
      }),
  );
};
