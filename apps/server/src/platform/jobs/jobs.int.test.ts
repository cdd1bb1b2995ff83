import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs } from '../access/unit-of-work';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';
import { JobRunner, type JobKind } from './jobs';

/** A job that counts to `n`, saving a checkpoint after every step, and can be told to crash once. */
const seen: Record<string, number[]> = {};
const counter: JobKind<{ n: number; crashAt?: number; slowMs?: number }, { counted: number }> = {
  name: 'test.count',
  retryLimit: 2,
  async run(job) {
    const start = (job.checkpoint as { next: number } | null)?.next ?? 0;
    for (let i = start; i < job.params.n; i++) {
      (seen[job.runId] ??= []).push(i);
      if (job.params.crashAt === i && (seen[job.runId]!.filter((x) => x === i).length === 1)) throw new Error('worker crashed');
      if (job.params.slowMs) await new Promise((r) => setTimeout(r, job.params.slowMs));
      await job.progress(i + 1, job.params.n, { next: i + 1 });
    }
    return { counted: job.params.n };
  },
};

let t: TestApp;
let headers: Record<string, string>;
let userId: string;
beforeAll(async () => {
  t = await createTestApp();
  // A fresh runner with short leases so a crashed attempt is picked up quickly.
  const runner = new JobRunner(t.app.pilar, {
    ownerUrl: t.database.ownerUrl,
    resolveActor: async (id) => ({ kind: 'user', userId: id, username: 'tester', grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] }),
    leaseMs: 1000,
    sweepMs: 300,
  }).register(counter);
  t.app.pilar.jobs = runner;
  await runner.start();
  const user = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] });
  userId = user.id;
  headers = (await signIn(t.app, user)).headers;
});
afterAll(async () => {
  await t?.app.pilar.jobs.stop();
  await t?.close();
});

const enqueue = (params: { n: number; crashAt?: number; slowMs?: number }) =>
  runAs(t.app.pilar, { kind: 'user', userId, username: 'tester', grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] }, null, (ctx) =>
    t.app.pilar.jobs.enqueue(ctx, 'test.count', params, { purpose: 'uji antrean' }),
  );

async function until(id: string, status: string[], timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers });
    const body = res.json();
    if (status.includes(body.status)) return body;
    if (Date.now() > end) throw new Error(`job ${id} stayed ${body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('jobs', () => {
  it('runs a queued job to the end and reports progress and result', async () => {
    const id = await enqueue({ n: 5 });
    const done = await until(id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'succeeded', progress: { done: 5, total: 5 }, result: { counted: 5 }, purpose: 'uji antrean' });
    expect(seen[id]).toEqual([0, 1, 2, 3, 4]);
  });

  it('resumes from the checkpoint after a crashed attempt, redoing nothing that was saved', async () => {
    const id = await enqueue({ n: 6, crashAt: 3 });
    const done = await until(id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    // 0,1,2 done once; 3 crashed and was redone once; 4,5 once.
    expect(seen[id]).toEqual([0, 1, 2, 3, 3, 4, 5]);
  });

  it('stops a running job on request', async () => {
    const id = await enqueue({ n: 200, slowMs: 20 });
    await until(id, ['running']);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/cancel`, headers });
    expect(res.statusCode).toBe(200);
    const done = await until(id, ['cancelled', 'succeeded']);
    expect(done.status).toBe('cancelled');
    expect(seen[id]!.length).toBeLessThan(200);
  });

  it('shows a job only to the user who started it', async () => {
    const id = await enqueue({ n: 1 });
    const other = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1002' }] });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers: (await signIn(t.app, other)).headers });
    expect(res.statusCode).toBe(404);
  });

  it('commits the run with the transaction that queued it, or not at all', async () => {
    const before = (await t.database.ownerQuery(`SELECT count(*)::int AS n FROM job_run`)).rows[0].n;
    await expect(
      runAs(t.app.pilar, { kind: 'user', userId, username: 'tester', grants: [] }, null, async (ctx) => {
        await t.app.pilar.jobs.enqueue(ctx, 'test.count', { n: 1 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await t.database.ownerQuery(`SELECT count(*)::int AS n FROM job_run`)).rows[0].n).toBe(before);
    expect((await t.database.ownerQuery(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'test.count' AND data->>'runId' NOT IN (SELECT id::text FROM job_run)`)).rows[0].n).toBe(0);
  });
});

describe('schedules', () => {
  it('installs the daily and frequent duties once, whatever the number of servers', async () => {
    const { registerJobKinds } = await import('../../modules/jobs');
    const a = registerJobKinds(new JobRunner(t.app.pilar, { ownerUrl: t.database.ownerUrl, resolveActor: async () => null }));
    const b = registerJobKinds(new JobRunner(t.app.pilar, { ownerUrl: t.database.ownerUrl, resolveActor: async () => null }));
    expect(a.scheduled.map((s) => s.kind).sort()).toEqual(['disasters.sitrep_daily', 'privacy.deadlines', 'privacy.retention']);
    await a.start();
    await b.start();
    try {
      const { rows } = await t.database.ownerQuery(`SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name`);
      expect(rows).toEqual([
        { name: 'disasters.sitrep_daily.cron', cron: '0 6 * * *', timezone: 'Asia/Jakarta' },
        { name: 'privacy.deadlines.cron', cron: '*/15 * * * *', timezone: 'Asia/Jakarta' },
        { name: 'privacy.retention.cron', cron: '30 1 * * *', timezone: 'Asia/Jakarta' },
      ]);
      // A scheduled firing becomes an ordinary, visible run of the system.
      const id = await a.enqueueSystem('privacy.deadlines', {});
      const end = Date.now() + 20_000;
      let status = 'queued';
      while (Date.now() < end && !['succeeded', 'failed'].includes(status)) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await t.database.ownerQuery(`SELECT status FROM job_run WHERE id = $1`, [id])).rows[0].status;
      }
      expect(status).toBe('succeeded');
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);
});
