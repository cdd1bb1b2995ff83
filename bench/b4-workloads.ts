import type autocannon from 'autocannon';
import type pg from 'pg';
import type { IncomingHttpHeaders } from 'node:http';
import { uuidv7 } from 'uuidv7';

// autocannon's Request type widens these callbacks with its string options; named here.
type OnResponse = (status: number, body: string, context: object, headers?: IncomingHttpHeaders) => void;
type SetupRequest = (request: autocannon.Request, context: object) => autocannon.Request;

/**
 * What B4's simulated field users do (bench/b4-load.bench.ts). Each workload seeds its
 * rows straight into the database (fast; the rollups are rebuilt from the raw tables
 * afterwards) and gives the autocannon request cycle of one connection.
 */
export interface Session {
  username: string;
  village: string;
  headers: Record<string, string>;
}

export interface Workload {
  /** Shown in the bench description and notes. */
  label: string;
  /** Reads and writes in one cycle of the requests (the baseline mirrors the mix). */
  reads: number;
  writes: number;
  requests(sessions: Session[]): autocannon.Request[];
  /** Names of the requests of one cycle, in order (for the unloaded per-request timing). */
  kinds?: string[];
  /** What the run wrote, for the notes. */
  written(owner: pg.Client): Promise<string>;
}

/** Persons per user, so every connection has cases of its own (no version conflicts). */
export const personsPerUser = (connections: number, users: number) => Math.max(5, Math.ceil(connections / users));

/** Seeds `perUser` persons in each user's village; returns their ids by username. */
export async function seedPersons(
  owner: pg.Client,
  users: { username: string; village: string }[],
  perUser: number,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const u of users) {
    const ids = Array.from({ length: perUser }, () => uuidv7());
    await owner.query(
      `INSERT INTO person (id, regency_code, village_code, full_name, nik_missing_reason, created_at, updated_at)
       SELECT id, left($2, 5), $2, 'Warga Beban ' || ord, 'belum_rekam', now(), now() FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, ord)`,
      [ids, u.village],
    );
    out.set(u.username, ids);
  }
  return out;
}

/** B4 as in issue 12 §5: field users on their cases — open the case page, its plan, history and the timeline; move the case, add a note, record a service. */
export async function casesWorkload(
  owner: pg.Client,
  users: { username: string; village: string }[],
  connections: number,
): Promise<Workload> {
  const persons = await seedPersons(owner, users, personsPerUser(connections, users.length));
  // One case per person, in intervention: a PSM may move it to monitoring and back (no assessment needed).
  const slots: { username: string; personId: string; caseId: string }[] = [];
  let serial = 0;
  for (const u of users) {
    for (const personId of persons.get(u.username)!) {
      const caseId = uuidv7();
      serial += 1;
      await owner.query(
        `INSERT INTO ppks_case (regency_code, id, case_number, person_id, village_code, ppks_code, need, status, verification, opened_on, created_at, updated_at)
         VALUES (left($3, 5), $1, $4, $2, $3, 24, 'Kebutuhan dasar', 'in_intervention', 'not_required', current_date, now(), now())`,
        [caseId, personId, u.village, `B4/${String(serial).padStart(6, '0')}`],
      );
      slots.push({ username: u.username, personId, caseId });
    }
  }
  await rebuildCaseRollup(owner);
  // Refusals by request kind (status and the first answer), so a non-2xx count is explained.
  const refused = new Map<string, { n: number; first: string }>();
  const watch =
    (kind: string, then?: OnResponse): OnResponse =>
    (status, body, ctx, headers) => {
      if (status >= 300) {
        const r = refused.get(`${kind} ${status}`) ?? { n: 0, first: body.slice(0, 200) };
        r.n += 1;
        refused.set(`${kind} ${status}`, r);
      }
      then?.(status, body, ctx, headers);
    };

  return {
    label: 'case page reads, transitions, notes and services',
    kinds: ['case', 'transition', 'plan', 'note', 'events', 'service', 'timeline', 'list'],
    reads: 5,
    writes: 3,
    requests(sessions) {
      const byUser = new Map(sessions.map((s) => [s.username, s]));
      let next = 0;
      // Each connection takes the next case and keeps it: its version is its own to track.
      type Ctx = { slot?: (typeof slots)[number]; headers?: Record<string, string>; version?: number; status?: string };
      const own = (ctx: Ctx) => {
        if (!ctx.slot) {
          ctx.slot = slots[next++ % slots.length]!;
          ctx.headers = byUser.get(ctx.slot.username)!.headers;
        }
        return ctx as Required<Pick<Ctx, 'slot' | 'headers'>> & Ctx;
      };
      type Own = ReturnType<typeof own>;
      // Headers are copied per request: autocannon writes Content-Length into the object it
      // is given, and a shared one would then send a POST's length on the next GET.
      const get = (
        kind: string,
        path: (c: Own) => string,
        onResponse?: OnResponse,
      ): autocannon.Request => ({
        setupRequest: (req, ctx) => {
          const c = own(ctx as Ctx);
          return { ...req, method: 'GET', path: path(c), headers: { ...c.headers } };
        },
        onResponse: watch(kind, onResponse),
      });
      const post = (
        kind: string,
        path: (c: Own) => string,
        body: (c: Own) => unknown,
        onResponse?: OnResponse,
      ): autocannon.Request => ({
        setupRequest: (req, ctx) => {
          const c = own(ctx as Ctx);
          return { ...req, method: 'POST', path: path(c), headers: { ...c.headers }, body: JSON.stringify(body(c)) };
        },
        onResponse: watch(kind, onResponse),
      });
      const remember: OnResponse = (status, body, ctx) => {
        if (status !== 200) return;
        const c = JSON.parse(body) as { version: number; status: string };
        Object.assign(ctx, { version: c.version, status: c.status });
      };
      const today = new Date().toISOString().slice(0, 10);
      return [
        get('case', (c) => `/api/v1/cases/${c.slot.caseId}`, remember),
        post(
          'transition',
          (c) => `/api/v1/cases/${c.slot.caseId}/transitions`,
          (c) => ({ action: c.status === 'monitoring' ? 'resume' : 'monitor', version: c.version ?? 1 }),
          remember,
        ),
        get('plan', (c) => `/api/v1/cases/${c.slot.caseId}/plan`),
        post(
          'note',
          (c) => `/api/v1/persons/${c.slot.personId}/visits`,
          (c) => ({
            kind: 'catatan',
            caseId: c.slot.caseId,
            occurredAt: new Date().toISOString(),
            note: 'Pemantauan rutin: kondisi baik',
          }),
        ),
        get('events', (c) => `/api/v1/cases/${c.slot.caseId}/events`),
        post(
          'service',
          (c) => `/api/v1/cases/${c.slot.caseId}/deliveries`,
          () => ({ serviceCode: 'permakanan', deliveredOn: today, quantity: 1 }),
        ),
        get('timeline', (c) => `/api/v1/persons/${c.slot.personId}/timeline`),
        get('list', (c) => `/api/v1/cases?personId=${c.slot.personId}&page=1&pageSize=25`),
      ];
    },
    async written(owner) {
      const { rows } = await owner.query(
        `SELECT (SELECT count(*) FROM case_event WHERE kind IN ('case.monitor', 'case.resume'))::int AS transitions,
                (SELECT count(*) FROM visit)::int AS notes, (SELECT count(*) FROM service_delivery)::int AS services`,
      );
      const r = rows[0];
      const refusals = [...refused].map(([k, v]) => `${k} ×${v.n} (${v.first})`).join('; ');
      return `${r.transitions} transitions, ${r.notes} notes, ${r.services} services written on ${slots.length} cases${refusals ? `; refused: ${refusals}` : ''}`;
    },
  };
}

/** The earlier B4: field users reading and registering persons (BENCH_B4_MODE=persons). */
export async function personsWorkload(owner: pg.Client, users: { username: string; village: string }[]): Promise<Workload> {
  const persons = await seedPersons(owner, users, 5);
  const seeded = users.length * 5;
  return {
    label: 'person reads and registrations',
    reads: 3,
    writes: 1,
    requests(sessions) {
      let n = 0;
      return [
        {
          setupRequest: (req) => {
            const u = sessions[n++ % sessions.length]!;
            if (n % 4 === 0) {
              return {
                ...req,
                method: 'POST',
                path: '/api/v1/persons',
                headers: { ...u.headers },
                body: JSON.stringify({ villageCode: u.village, fullName: `Warga Baru ${n}`, nikMissingReason: 'belum_rekam' }),
              };
            }
            const ids = persons.get(u.username)!;
            return { ...req, method: 'GET', path: `/api/v1/persons/${ids[n % ids.length]}`, headers: { ...u.headers } };
          },
        },
      ];
    },
    async written(owner) {
      const n = (await owner.query(`SELECT count(*)::int AS n FROM person`)).rows[0].n - seeded;
      return `${n} persons registered`;
    },
  };
}

/** Rebuilds the case rollup from the raw table (the seed bypassed the services). */
async function rebuildCaseRollup(owner: pg.Client): Promise<void> {
  const { ROLLUP_TABLES, rollupTruthSql } = await import('../apps/server/src/modules/cases/rollups');
  const d = ROLLUP_TABLES.case;
  await owner.query(`DELETE FROM ${d.table}`);
  await owner.query(`INSERT INTO ${d.table} (${[...d.key, ...d.measures].join(', ')}) ${rollupTruthSql('case')}`);
}

/**
 * Unloaded latency of each request of the cycle (one connection, a few rounds, median ms):
 * shows which request a high loaded p99 comes from, or that it is queueing.
 */
export async function probe(url: string, w: Workload, sessions: Session[], rounds = 5): Promise<string> {
  if (!w.kinds) return '';
  const requests = w.requests(sessions);
  const ctx: Record<string, unknown> = {};
  const times: number[][] = requests.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (const [i, request] of requests.entries()) {
      const req = (request.setupRequest as SetupRequest)({} as autocannon.Request, ctx) as {
        method: string;
        path: string;
        headers: Record<string, string>;
        body?: string;
      };
      const started = performance.now();
      const res = await fetch(`${url}${req.path}`, {
        method: req.method,
        headers: req.headers,
        ...(req.body ? { body: req.body } : {}),
      });
      const body = await res.text();
      times[i]!.push(performance.now() - started);
      (request.onResponse as OnResponse | undefined)?.(res.status, body, ctx, {});
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return w.kinds.map((k, i) => `${k} ${median(times[i]!).toFixed(0)}`).join(', ');
}
