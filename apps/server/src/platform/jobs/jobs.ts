import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import { uuidv7 } from 'uuidv7';
import { SYSTEM, type Actor } from '../access/actor';
import type { Ctx, Services } from '../access/unit-of-work';
import { AppError } from '../errors';

/**
 * Long work runs as a job (ARCHITECTURE.md decision 9): a pg-boss queue entry
 * plus a `job_run` row the user can see (progress, result, cancel). A job
 * resumes from its last checkpoint after a crash: whoever holds the run's lease
 * works on it; a run whose lease lapsed (its worker died) is sent again.
 */
export interface JobContext<P> {
  runId: string;
  params: P;
  actor: Actor;
  /** What the last attempt saved, to continue from there. */
  checkpoint: unknown;
  services: Services;
  /** Records progress and extends the lease; throws when cancellation was requested. */
  progress(done: number, total?: number | null, checkpoint?: unknown): Promise<void>;
}

export interface JobKind<P = unknown, R = unknown> {
  name: string;
  /** Attempts after the first failure before the run is marked failed. */
  retryLimit?: number;
  run(job: JobContext<P>): Promise<R>;
}

interface JobRunRow {
  id: string;
  kind: string;
  params: unknown;
  checkpoint: unknown;
  cancel_requested: boolean;
  created_by: string | null;
  attempts: number;
}

export class JobCancelled extends Error {
  constructor() {
    super('job cancelled');
  }
}

export interface JobRunnerOptions {
  ownerUrl: string;
  resolveActor: (userId: string) => Promise<Actor | null>;
  leaseMs?: number;
  sweepMs?: number;
}

export class JobRunner {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- kinds of every parameter type share one registry
  private readonly kinds = new Map<string, JobKind<any, any>>();
  private boss: PgBoss | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly owner = `${hostname()}:${process.pid}:${uuidv7().slice(-8)}`;
  private readonly leaseMs: number;
  private readonly sweepMs: number;

  constructor(
    private readonly services: Services,
    private readonly opts: JobRunnerOptions,
  ) {
    this.leaseMs = opts.leaseMs ?? 20_000;
    this.sweepMs = opts.sweepMs ?? 5_000;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see `kinds`
  register(kind: JobKind<any, any>): this {
    this.kinds.set(kind.name, kind);
    return this;
  }

  private readonly schedules: { kind: string; cron: string; params: () => unknown }[] = [];

  /**
   * Runs `kind` on a cron schedule (time zone Asia/Jakarta), as the system, through
   * the same job_run record as any other run. pg-boss keeps one schedule per name
   * across all instances, so several servers do not run it twice.
   */
  schedule(kind: string, cron: string, params: () => unknown = () => ({})): this {
    this.schedules.push({ kind, cron, params });
    return this;
  }

  /** The schedules this runner will install at start. */
  get scheduled(): readonly { kind: string; cron: string }[] {
    return this.schedules.map(({ kind, cron }) => ({ kind, cron }));
  }

  async start(): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.opts.ownerUrl,
      schema: 'pgboss',
      migrate: true,
      schedule: this.schedules.length > 0,
      max: 4,
    });
    boss.on('error', () => {});
    await boss.start();
    this.boss = boss;
    for (const kind of this.kinds.values()) {
      await boss.createQueue(kind.name).catch(() => {});
      await boss.work(kind.name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
        if (job) await this.execute((job.data as { runId: string }).runId);
      });
    }
    for (const sch of this.schedules) {
      const queue = `${sch.kind}.cron`;
      await boss.createQueue(queue).catch(() => {});
      await boss.schedule(queue, sch.cron, {}, { tz: 'Asia/Jakarta' });
      await boss.work(queue, { pollingIntervalSeconds: 5, batchSize: 1 }, async () => {
        await this.enqueueSystem(sch.kind, sch.params());
      });
    }
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep().catch(() => {}), this.sweepMs);
    this.sweeper.unref();
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.boss?.stop({ graceful: true, wait: true, timeout: 5000 });
    this.boss = null;
  }

  /** Queues `kind` in the caller's transaction: the run exists exactly when the caller's change commits. */
  async enqueue<P>(ctx: Ctx, kindName: string, params: P, meta: { purpose?: string; areaCode?: string } = {}): Promise<string> {
    if (!this.kinds.has(kindName)) throw new Error(`unknown job kind ${kindName}`);
    const id = uuidv7();
    const now = ctx.clock.now();
    await ctx.db.query(
      `INSERT INTO job_run (id, kind, status, params, purpose, area_code, created_by, created_at, updated_at)
       VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7, $7)`,
      [id, kindName, JSON.stringify(params ?? {}), meta.purpose ?? null, meta.areaCode ?? null, ctx.actor.userId, now],
    );
    await this.send(kindName, id, { executeSql: (text: string, values?: unknown[]) => ctx.db.query(text, values as unknown[]) });
    ctx.audit.record({ action: 'job.queued', entityType: 'job', entityId: id, purpose: meta.purpose ?? null, details: { kind: kindName } });
    return id;
  }

  /** A run started by the system itself (schedules): visible to administrators in /jobs. */
  async enqueueSystem(kindName: string, params: unknown): Promise<string> {
    const id = uuidv7();
    await this.services.db.pool.query(
      `INSERT INTO job_run (id, kind, status, params, purpose, created_at, updated_at) VALUES ($1, $2, 'queued', $3, 'jadwal otomatis', now(), now())`,
      [id, kindName, JSON.stringify(params ?? {})],
    );
    await this.send(kindName, id);
    return id;
  }

  private async send(kindName: string, runId: string, db?: { executeSql(text: string, values?: unknown[]): Promise<unknown> }) {
    const boss = this.boss;
    if (!boss) throw new AppError(503, 'jobs_unavailable', { id: 'Antrean tugas belum berjalan', en: 'The job queue is not running' });
    await boss.send(kindName, { runId }, { retryLimit: 0, expireInSeconds: 3600, ...(db ? { db: db as never } : {}) });
  }

  /** Runs whose worker died (lease lapsed) or whose queue entry was lost are sent again. */
  async sweep(): Promise<void> {
    if (!this.boss) return;
    const { rows } = await this.services.db.pool.query(
      `SELECT id, kind FROM job_run
       WHERE (status = 'running' AND lease_until < now())
          OR (status = 'queued' AND updated_at < now() - interval '1 minute')
       LIMIT 50`,
    );
    for (const r of rows) {
      if (!this.kinds.has(r.kind)) continue;
      await this.services.db.pool.query(`UPDATE job_run SET updated_at = now() WHERE id = $1`, [r.id]);
      await this.send(r.kind, r.id);
    }
  }

  private async acquire(runId: string): Promise<JobRunRow | null> {
    const { rows } = await this.services.db.pool.query(
      `UPDATE job_run SET status = 'running', lease_owner = $2, lease_until = now() + $3 * interval '1 millisecond',
              started_at = COALESCE(started_at, now()), attempts = attempts + 1, updated_at = now()
       WHERE id = $1 AND status IN ('queued', 'running')
         AND (lease_until IS NULL OR lease_until < now() OR lease_owner = $2)
       RETURNING *`,
      [runId, this.owner, this.leaseMs],
    );
    return rows[0] ?? null;
  }

  private async finish(runId: string, status: 'succeeded' | 'failed' | 'cancelled', fields: { result?: unknown; error?: unknown }) {
    await this.services.db.pool.query(
      `UPDATE job_run SET status = $2, result = $3, error = $4, finished_at = now(), updated_at = now(), lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND lease_owner = $5`,
      [runId, status, fields.result === undefined ? null : JSON.stringify(fields.result), fields.error === undefined ? null : JSON.stringify(fields.error), this.owner],
    );
  }

  /** Runs one job run to its end (or until this worker loses it). */
  async execute(runId: string): Promise<void> {
    const run = await this.acquire(runId);
    if (!run) return; // finished, or another worker holds it
    const kind = this.kinds.get(run.kind);
    if (!kind) return;
    if (run.cancel_requested) return this.finish(runId, 'cancelled', {});
    const actor = run.created_by ? await this.opts.resolveActor(run.created_by) : SYSTEM;
    if (!actor) {
      return this.finish(runId, 'failed', { error: { code: 'actor_gone', message: { id: 'Pengguna pembuat tugas tidak aktif lagi', en: 'The user who started the job is no longer active' } } });
    }
    const job: JobContext<unknown> = {
      runId,
      params: run.params,
      actor,
      checkpoint: run.checkpoint,
      services: this.services,
      progress: async (done, total, checkpoint) => {
        const { rows } = await this.services.db.pool.query(
          `UPDATE job_run SET progress_done = $2, progress_total = COALESCE($3, progress_total),
                  checkpoint = COALESCE($4, checkpoint), lease_until = now() + $6 * interval '1 millisecond', updated_at = now()
           WHERE id = $1 AND lease_owner = $5 RETURNING cancel_requested`,
          [runId, done, total ?? null, checkpoint === undefined ? null : JSON.stringify(checkpoint), this.owner, this.leaseMs],
        );
        if (!rows[0]) throw new JobCancelled(); // lost the lease: stop quietly
        if (rows[0].cancel_requested) throw new JobCancelled();
      },
    };
    try {
      const result = await kind.run(job);
      await this.finish(runId, 'succeeded', { result });
    } catch (err) {
      if (err instanceof JobCancelled) return this.finish(runId, 'cancelled', {});
      const e = err as AppError & { message: string };
      const retryable = !(err instanceof AppError) && run.attempts <= (kind.retryLimit ?? 2);
      if (retryable) {
        // Release the lease; the sweeper sends it again and the next attempt resumes from the checkpoint.
        await this.services.db.pool.query(`UPDATE job_run SET lease_until = now() - interval '1 second', updated_at = now() - interval '2 minutes' WHERE id = $1`, [runId]);
        return;
      }
      await this.finish(runId, 'failed', {
        error: err instanceof AppError ? { code: e.code, message: e.msg } : { code: 'internal', message: { id: 'Tugas gagal', en: 'The job failed' } },
      });
    }
  }
}
