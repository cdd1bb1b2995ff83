import { hash } from '@node-rs/argon2';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { loadConfig } from '../apps/server/src/platform/config';
import { createAppDb, runMigrations } from '../apps/server/src/platform/db/database';
import { buildApp } from '../apps/server/src/platform/http/app';
import { IdentifierProtector } from '../apps/server/src/platform/security/identifiers';
import { casesWorkload, personsWorkload, probe, type Workload } from './b4-workloads';
import type { Bench, BenchResult } from './run';

/**
 * B4 — many field users at once: 200 concurrent connections of signed-in PSM working
 * their cases through the full stack (session, CSRF, scope, RLS, audit and rollups in
 * the same transaction): open the case page, its plan, history and the person's
 * timeline; move the case (monitor ↔ resume), add a note, record a service. Against a
 * bare Fastify + pg endpoint doing one primary-key SELECT or one INSERT per request in
 * the same read/write mix, measured the same way in the same run. Loopback only;
 * bounded in time. BENCH_B4_MODE=persons runs the earlier person read/register mix.
 */
const CONNECTIONS = Number(process.env.BENCH_B4_CONNECTIONS ?? 200);
const SECONDS = Number(process.env.BENCH_B4_SECONDS ?? 8);
const MODE = process.env.BENCH_B4_MODE === 'persons' ? 'persons' : 'cases';
const USERS = 40;

function villagesOfSolo(client: pg.Client): Promise<string[]> {
  return client
    .query(`SELECT code FROM area WHERE code LIKE '33.72.%' AND level = 'village' ORDER BY code LIMIT $1`, [USERS])
    .then((r) => r.rows.map((x) => x.code));
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

function fire(url: string, requests: autocannon.Request[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests, pipelining: 1 }, (err, r) => {
      if (err) return reject(err);
      resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx });
    });
  });
}

export const bench: Bench = {
  name: 'b4-load',
  description: `${CONNECTIONS} concurrent field users (${MODE === 'cases' ? 'case reads + writes' : 'read + register persons'}) vs bare Fastify + pg`,
  async run(ctx) {
    const url = await ctx.createDatabase('b4');
    ctx.log('B4: migrating');
    await runMigrations(url);
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();

    // Users: PSM in Solo kelurahan, each with persons (and cases) of their own; sessions made by signing in.
    const villages = await villagesOfSolo(owner);
    const cheap = await hash('bench-password-1', { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const users: { username: string; village: string }[] = [];
    for (const v of villages) {
      const id = uuidv7();
      const username = `psm-${v.replace(/\./g, '')}`;
      await owner.query(`INSERT INTO app_user (id, username, display_name, password_hash) VALUES ($1,$2,$2,$3)`, [
        id,
        username,
        cheap,
      ]);
      await owner.query(`INSERT INTO user_grant (user_id, role, area_code) VALUES ($1, 'psm', $2)`, [id, v]);
      users.push({ username, village: v });
    }
    ctx.log(`B4: seeding the ${MODE} workload`);
    const workload: Workload =
      MODE === 'cases' ? await casesWorkload(owner, users, CONNECTIONS) : await personsWorkload(owner, users);
    await owner.query(
      `CREATE TABLE bench_rows (id uuid PRIMARY KEY, village_code text NOT NULL, full_name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    );
    await owner.query(`INSERT INTO bench_rows (id, village_code, full_name) SELECT id, village_code, full_name FROM person`);
    await owner.query(`GRANT ALL ON bench_rows TO pilar_app`);

    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: url,
      PILAR_LOG_LEVEL: 'silent',
      PILAR_DEMO: 'false',
      PILAR_LOGIN_RATE_PER_MINUTE: '0',
      PILAR_SECURE_COOKIES: 'false',
      PILAR_DATA_DIR: '/tmp/pilar-b4',
      PILAR_LOOKUP_KEY: Buffer.alloc(32, 1).toString('base64'),
      PILAR_ENCRYPTION_KEY: Buffer.alloc(32, 2).toString('base64'),
    });
    const db = createAppDb(url, 20);
    const app = await buildApp(
      {
        db,
        ownerUrl: url,
        config,
        ids: new IdentifierProtector({ lookup: Buffer.alloc(32, 1), encryption: Buffer.alloc(32, 2) }),
      },
      { logger: false },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const ours = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

    const sessions: { username: string; village: string; headers: Record<string, string> }[] = [];
    for (const u of users) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: u.username, password: 'bench-password-1' },
      });
      if (res.statusCode !== 200) throw new Error(`bench sign-in failed: ${res.body}`);
      const cookie = `pilar_session=${res.cookies.find((c) => c.name === 'pilar_session')!.value}`;
      sessions.push({ ...u, headers: { cookie, 'x-csrf-token': res.json().csrfToken, 'content-type': 'application/json' } });
    }

    // Bare baseline: the same pool size and role, one statement per request.
    const bare = Fastify();
    const barePool = createAppDb(url, 20);
    bare.get(
      '/rows/:id',
      async (req) =>
        (await barePool.pool.query(`SELECT * FROM bench_rows WHERE id = $1`, [(req.params as { id: string }).id])).rows[0],
    );
    bare.post('/rows', async (req) => {
      const b = req.body as { villageCode: string; fullName: string };
      const id = uuidv7();
      await barePool.pool.query(`INSERT INTO bench_rows (id, village_code, full_name) VALUES ($1,$2,$3)`, [
        id,
        b.villageCode,
        b.fullName,
      ]);
      return { id };
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const baseline = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

    const ourRequests = workload.requests(sessions);
    // The baseline in the same read/write mix: one SELECT or one INSERT per request.
    let m = 0;
    const ids = (await owner.query(`SELECT id FROM bench_rows`)).rows.map((r) => r.id as string);
    const cycle = workload.reads + workload.writes;
    const bareRequests: autocannon.Request[] = [
      {
        setupRequest: (req) => {
          m++;
          if (m % cycle < workload.writes) {
            return {
              ...req,
              method: 'POST',
              path: '/rows',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ villageCode: villages[m % villages.length], fullName: `Warga Baru ${m}` }),
            };
          }
          return { ...req, method: 'GET', path: `/rows/${ids[m % ids.length]}` };
        },
      },
    ];

    try {
      ctx.log(`B4: ${CONNECTIONS} connections × ${SECONDS}s against the bare endpoint`);
      const b = await fire(baseline, bareRequests);
      ctx.log(`B4: ${CONNECTIONS} connections × ${SECONDS}s against Pilar`);
      const o = await fire(ours, ourRequests);
      if (o.non2xx > 0 || o.errors > 0) ctx.log(`B4: Pilar answered ${o.non2xx} non-2xx and ${o.errors} errors`);
      const written = await workload.written(owner);
      const audits = (await owner.query(`SELECT count(*)::int AS n FROM audit_event`)).rows[0].n;
      // After the counts: one connection alone, each request of the cycle timed.
      const unloaded = await probe(ours, workload, sessions);
      const notes = `${workload.label}, ${workload.reads} reads : ${workload.writes} writes, ${CONNECTIONS} connections × ${SECONDS}s; p50/p99 ms: Pilar ${o.p50}/${o.p99}, bare ${b.p50}/${b.p99}; Pilar non-2xx ${o.non2xx}, errors ${o.errors}; ${written}, ${audits} audit events written in the same transactions${unloaded ? `; unloaded median ms per request: ${unloaded}` : ''}`;
      const results: BenchResult[] = [
        {
          bench: 'b4.throughput',
          ours: { label: 'Pilar full stack', value: o.rps, unit: 'req/s' },
          baseline: { label: 'bare Fastify + pg', value: b.rps, unit: 'req/s' },
          ratio: o.rps / b.rps,
          higherIsBetter: true,
          notes,
        },
        {
          bench: 'b4.p50',
          ours: { label: 'Pilar p50', value: o.p50, unit: 'ms' },
          baseline: { label: 'bare p50', value: b.p50, unit: 'ms' },
          ratio: o.p50 / Math.max(b.p50, 1),
          higherIsBetter: false,
        },
        {
          bench: 'b4.p99',
          ours: { label: 'Pilar p99', value: o.p99, unit: 'ms' },
          baseline: { label: 'bare p99', value: b.p99, unit: 'ms' },
          ratio: o.p99 / Math.max(b.p99, 1),
          higherIsBetter: false,
        },
      ];
      return results;
    } finally {
      await app.close();
      await bare.close();
      await barePool.close();
      await db.close();
      await owner.end();
    }
  },
};
