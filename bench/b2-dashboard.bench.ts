import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { parsePeriod, todayByZone } from '@pilar/domain';
import { collect } from '../apps/server/src/modules/dashboard/dashboard.service';
import { sliceOf } from '../apps/server/src/modules/dashboard/dashboard.slice';
import { dashboardRollups, OWN_ROLLUPS } from '../apps/server/src/modules/dashboard/rollups.truth';
import { ROLLUP_TABLES, rollupTruthSql, type RollupKind } from '../apps/server/src/modules/cases/rollups';
import { runMigrations } from '../apps/server/src/platform/db/database';
import type { Bench, BenchResult } from './run';

/**
 * B2 (issue 7 §6): the Dinsos dashboard at national scale. A synthetic population is
 * spread over all 83,762 villages (skewed: Java denser, villages log-normal), loaded
 * with COPY into the real tables (persons, PPKS, cases, assessments, services, visits,
 * follow-ups, referrals: ≈ 3 events per person), and every rollup built from its own
 * definition. Then, per level (nasional → desa), the dashboard's rollup reads are timed
 * against the same counts by GROUP BY over the raw tables, in the same run; both must
 * give the same totals.
 *
 * Scale: BENCH_B2_SCALE = persons, e.g. `200k` (default, `npm run bench` stays well under
 * two minutes), `1m`, `10m` (≈ 30 M events; needs ~25 GB disk and a long load).
 * Example: `BENCH_B2_SCALE=1m npm run bench -- b2-dashboard`. Timed runs per side:
 * BENCH_B2_RUNS (default 3 × --repeat); p50 and p95 are printed.
 */
function parseScale(v: string | undefined): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec((v ?? '200k').trim());
  if (!m) throw new Error(`BENCH_B2_SCALE: expected e.g. 200k, 1m, 10m (got ${v})`);
  return Math.round(Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1e6 : m[2]?.toLowerCase() === 'k' ? 1e3 : 1));
}

/** Small seeded PRNG (mulberry32): the same data every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JAVA = new Set(['31', '32', '33', '34', '35', '36']);
const PPKS = [24, 24, 24, 24, 8, 8, 9, 2, 1, 11, 12, 21, 22, 23, 19, 5, 13];
const STATUSES = ['identified', 'assessed', 'planned', 'in_intervention', 'monitoring', 'closed'];
const VERIF = ['not_required', 'not_required', 'draft', 'submitted', 'checked', 'validated', 'validated'];

async function copyRows(client: pg.PoolClient, table: string, cols: string[], rows: () => Generator<string>) {
  const stream = client.query(copyFrom(`COPY ${table} (${cols.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(rows(), { objectMode: false }), stream);
}

const day = (r: () => number, from = Date.UTC(2025, 0, 1), span = 730) => new Date(from + Math.floor(r() * span) * 86_400_000).toISOString().slice(0, 10);

export async function load(pool: pg.Pool, persons: number, log: (m: string) => void) {
  const client = await pool.connect();
  try {
    const villages = (await client.query(`SELECT code FROM area WHERE level = 'village' ORDER BY code`)).rows.map((r) => r.code as string);
    const r = rng(42);
    // Village weights: log-normal, Java provinces three times denser.
    const cum: number[] = [];
    let total = 0;
    for (const v of villages) {
      const normal = Math.sqrt(-2 * Math.log(r() || 1e-9)) * Math.cos(2 * Math.PI * r());
      total += Math.exp(0.8 * normal) * (JAVA.has(v.slice(0, 2)) ? 3 : 1);
      cum.push(total);
    }
    const pickVillage = () => {
      const x = r() * total;
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return villages[lo]!;
    };
    const partners = Array.from({ length: 12 }, () => randomUUID());
    for (const [i, id] of partners.entries()) {
      await client.query(`INSERT INTO partner (id, area_code, kind, name, created_at, updated_at) VALUES ($1, $2, 'dinsos_unit', $3, now(), now())`, [id, '33', `Mitra ${i + 1}`]);
    }
    // Bulk load as migration 0002 does: secondary indexes dropped, rebuilt after; no triggers (rollups built below).
    const tables = ['person', 'person_ppks', 'ppks_case', 'assessment', 'service_delivery', 'visit', 'follow_up', 'referral'];
    const indexes = (await client.query(
      `SELECT x.indexrelid::regclass::text AS name, pg_get_indexdef(x.indexrelid) AS def FROM pg_index x
       WHERE x.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
      [tables],
    )).rows as { name: string; def: string }[];
    for (const ix of indexes) await client.query(`DROP INDEX ${ix.name}`);
    await client.query(`SET session_replication_role = replica`);
    const t0 = performance.now();
    const people: { id: string; v: string }[] = new Array(persons);
    for (let i = 0; i < persons; i++) people[i] = { id: randomUUID(), v: pickVillage() };
    await copyRows(client, 'person', ['id', 'regency_code', 'village_code', 'full_name', 'nik_missing_reason', 'status', 'created_at', 'updated_at'], function* () {
      for (let i = 0; i < persons; i++) yield `${people[i]!.id}\t${people[i]!.v.slice(0, 5)}\t${people[i]!.v}\tWarga ${i}\ttidak_diketahui\tactive\t2025-01-01\t2025-01-01\n`;
    });
    await copyRows(client, 'person_ppks', ['regency_code', 'id', 'person_id', 'village_code', 'ppks_code', 'assessed_on', 'assessor_label', 'recorded_at'], function* () {
      for (const p of people) yield `${p.v.slice(0, 5)}\t${randomUUID()}\t${p.id}\t${p.v}\t${PPKS[Math.floor(r() * PPKS.length)]}\t2025-01-01\tbench\t2025-01-01\n`;
    });
    const cases: { id: string; p: { id: string; v: string }; opened: string }[] = [];
    const serial = new Map<string, number>();
    await copyRows(client, 'ppks_case', ['regency_code', 'id', 'case_number', 'person_id', 'village_code', 'ppks_code', 'need', 'status', 'closure_reason', 'verification', 'opened_on', 'created_at', 'updated_at'], function* () {
      for (const p of people) {
        if (r() > 0.9) continue;
        const reg = p.v.slice(0, 5);
        const n = (serial.get(reg) ?? 0) + 1;
        serial.set(reg, n);
        const c = { id: randomUUID(), p, opened: day(r) };
        cases.push(c);
        const status = STATUSES[Math.floor(r() * STATUSES.length)]!;
        yield `${reg}\t${c.id}\t${reg}-${n}\t${p.id}\t${p.v}\t${PPKS[Math.floor(r() * PPKS.length)]}\tKebutuhan\t${status}\t${status === 'closed' ? 'tujuan_tercapai' : '\\N'}\t${VERIF[Math.floor(r() * VERIF.length)]}\t${c.opened}\t2025-01-01\t2025-01-01\n`;
      }
    });
    const after = (d: string, maxDays: number) => new Date(Date.parse(d) + Math.floor(r() * maxDays) * 86_400_000).toISOString().slice(0, 10);
    const own = (c: (typeof cases)[number]) => `${c.p.v.slice(0, 5)}\t${randomUUID()}\t${c.id}\t${c.p.id}\t${c.p.v}`;
    await copyRows(client, 'assessment', ['regency_code', 'id', 'case_id', 'person_id', 'village_code', 'form_code', 'form_version', 'answers', 'assessed_on', 'assessor_label', 'created_at'], function* () {
      for (const c of cases) if (r() < 0.9) yield `${own(c)}\tfakir-miskin\t1\t{}\t${after(c.opened, 20)}\tbench\t2025-01-01\n`;
    });
    await copyRows(client, 'service_delivery', ['regency_code', 'id', 'case_id', 'person_id', 'village_code', 'delivered_village_code', 'service_code', 'delivered_on', 'deliverer_label', 'quantity', 'unit', 'created_at'], function* () {
      for (const c of cases) if (r() < 0.7) yield `${own(c)}\t${c.p.v}\tpermakanan\t${after(c.opened, 90)}\tbench\t7\thari\t2025-01-01\n`;
    });
    await copyRows(client, 'visit', ['regency_code', 'id', 'person_id', 'case_id', 'village_code', 'kind', 'occurred_at', 'note', 'lat', 'lng', 'created_at', 'author_label'], function* () {
      for (const c of cases) if (r() < 0.8) yield `${c.p.v.slice(0, 5)}\t${randomUUID()}\t${c.p.id}\t${c.id}\t${c.p.v}\tkunjungan\t${after(c.opened, 60)}T03:00:00Z\tKunjungan\t${(-8 + r() * 10).toFixed(5)}\t${(95 + r() * 45).toFixed(5)}\t2025-01-01\tbench\n`;
    });
    await copyRows(client, 'follow_up', ['regency_code', 'id', 'case_id', 'person_id', 'village_code', 'due_on', 'purpose', 'done_at', 'created_at'], function* () {
      for (const c of cases) if (r() < 0.4) yield `${own(c)}\t${after(c.opened, 120)}\tCek\t${r() < 0.5 ? '2026-01-01' : '\\N'}\t2025-01-01\n`;
    });
    await copyRows(client, 'referral', ['regency_code', 'id', 'case_id', 'person_id', 'village_code', 'partner_id', 'need', 'status', 'reject_reason', 'sent_at'], function* () {
      for (const c of cases) {
        if (r() >= 0.15) continue;
        const st = ['sent', 'accepted', 'completed', 'rejected'][Math.floor(r() * 4)]!;
        yield `${own(c)}\t${partners[Math.floor(r() * partners.length)]}\tRujukan\t${st}\t${st === 'rejected' ? 'Penuh' : '\\N'}\t${c.opened}T05:00:00Z\n`;
      }
    });
    for (const ix of indexes) await client.query(ix.def);
    const events = Number((await client.query(`SELECT (SELECT count(*) FROM assessment) + (SELECT count(*) FROM service_delivery) + (SELECT count(*) FROM visit) + (SELECT count(*) FROM follow_up) + (SELECT count(*) FROM referral) AS n`)).rows[0].n);
    log(`loaded ${persons.toLocaleString('en-US')} persons, ${cases.length.toLocaleString('en-US')} cases, ${events.toLocaleString('en-US')} events (COPY + ${indexes.length} indexes) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // Rollups from their own definitions (the GROUP BY each must equal), twins from them.
    const t1 = performance.now();
    for (const kind of Object.keys(ROLLUP_TABLES) as RollupKind[]) {
      const d = ROLLUP_TABLES[kind];
      await client.query(`INSERT INTO ${d.table} (${[...d.key, ...d.measures].join(', ')}) ${rollupTruthSql(kind)}`);
    }
    for (const d of Object.values(OWN_ROLLUPS)) await client.query(`INSERT INTO ${d.table} (${[...d.key, ...d.measures].join(', ')}) ${d.truth}`);
    for (const d of Object.values(dashboardRollups())) {
      if (d.table.endsWith('_regency') || d.table.endsWith('_province')) await client.query(`INSERT INTO ${d.table} (${[...d.key, ...d.measures].join(', ')}) ${d.truth}`);
    }
    await client.query(`SET session_replication_role = origin`);
    await client.query('ANALYZE');
    log(`rollups built in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    return { cases: cases.length, events, people };
  } finally {
    client.release();
  }
}

/** The same figures as `collect`, by GROUP BY over the raw tables. */
async function raw(db: pg.PoolClient, area: string, period: string, now: Date) {
  const p = parsePeriod(period)!;
  const n = area === 'ID' ? 2 : area.split('.').length === 1 ? 5 : area.split('.').length === 2 ? 8 : 13;
  const f = (col: string) => (area === 'ID' ? 'TRUE' : `(${col} = $1 OR ${col} LIKE $1 || '.%')`);
  const a = area === 'ID' ? [] : [area];
  const i = a.length;
  const tz = todayByZone(now);
  const q = async (sql: string, extra: unknown[] = []) => (await db.query(sql, [...a, ...extra])).rows;
  const ppks = await q(`SELECT s.ppks_code, left(s.village_code, ${n}) c, count(*)::int n FROM person_ppks s JOIN person x ON x.regency_code = s.regency_code AND x.id = s.person_id
    WHERE s.ended_on IS NULL AND x.status IN ('active', 'restricted') AND ${f('s.village_code')} GROUP BY 1, 2`);
  const cases = await q(`SELECT status, verification, left(village_code, ${n}) c, count(*)::int n FROM ppks_case WHERE ${f('village_code')} AND opened_on >= $${i + 1} AND opened_on < $${i + 2} GROUP BY 1, 2, 3`, [p.fromMonth, p.toMonth]);
  const fu = await q(`SELECT left(x.village_code, ${n}) c, count(*)::int open, count(*) FILTER (WHERE x.due_on < CASE z.time_zone WHEN 'WITA' THEN $${i + 2}::date WHEN 'WIT' THEN $${i + 3}::date ELSE $${i + 1}::date END)::int overdue
    FROM follow_up x JOIN area z ON z.code = left(x.regency_code, 2) WHERE x.done_at IS NULL AND ${f('x.village_code')} GROUP BY 1`, [tz.WIB, tz.WITA, tz.WIT]);
  const refs = await q(`SELECT partner_id, status, left(village_code, ${n}) c, count(*)::int n FROM referral WHERE ${f('village_code')} GROUP BY 1, 2, 3`);
  const svc = await q(`SELECT service_code, unit, left(delivered_village_code, ${n}) c, count(*)::int n, sum(quantity) q FROM service_delivery
    WHERE ${f('delivered_village_code')} AND delivered_on >= $${i + 1} AND delivered_on < $${i + 2} GROUP BY 1, 2, 3`, [p.fromMonth, p.toMonth]);
  const lag = await q(`SELECT left(village_code, ${n}) c, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) m, count(*)::int n FROM (
      SELECT c.village_code, min(d.delivered_on) f, greatest(0, min(d.delivered_on) - c.opened_on) days FROM ppks_case c
      JOIN service_delivery d ON d.regency_code = c.regency_code AND d.case_id = c.id WHERE ${f('c.village_code')} GROUP BY c.regency_code, c.id, c.village_code, c.opened_on) s
    WHERE f >= $${i + 1} AND f < $${i + 2} GROUP BY ROLLUP (1)`, [p.fromMonth, p.toMonth]);
  const spm = await q(`SELECT spm, year, left(village_code, ${n}) c, sum(needing)::int needing, sum(served)::int served
    FROM (${OWN_ROLLUPS.spm!.truth.replaceAll('WHERE c.person_id IS NOT NULL', `WHERE c.person_id IS NOT NULL AND ${f('c.village_code')}`)}) t(regency_code, village_code, spm, year, needing, served)
    WHERE year = $${i + 1} GROUP BY 1, 2, 3`, [p.year]);
  const sum = (rows: Record<string, unknown>[], k: string) => rows.reduce((s, x) => s + Number(x[k]), 0);
  return { cases: sum(cases, 'n'), ppks: sum(ppks, 'n'), open: sum(fu, 'open'), overdue: sum(fu, 'overdue'), referrals: sum(refs, 'n'), services: sum(svc, 'n'), needing: sum(spm, 'needing'), served: sum(spm, 'served'), lagCases: Number(lag.find((x) => x.c === null)?.n ?? 0) };
}

function totals(c: Awaited<ReturnType<typeof collect>>) {
  const sum = <T>(rows: T[], k: (x: T) => number) => rows.reduce((s, x) => s + k(x), 0);
  return { cases: sum(c.cases, (x) => x.n), ppks: sum(c.ppks, (x) => x.n), open: sum(c.followUps, (x) => x.open), overdue: sum(c.followUps, (x) => x.overdue), referrals: sum(c.referrals, (x) => x.n), services: sum(c.services, (x) => x.n), needing: sum(c.spm, (x) => x.needing), served: sum(c.spm, (x) => x.served), lagCases: sum(c.lag, (x) => x.n) };
}

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;

export const bench: Bench = {
  name: 'b2-dashboard',
  description: 'dashboard reads from rollups vs GROUP BY over raw tables, nasional → desa (BENCH_B2_SCALE persons)',
  async run(ctx) {
    const persons = parseScale(process.env.BENCH_B2_SCALE);
    const url = await ctx.createDatabase('b2');
    ctx.log('migrating (areas: 83,762 villages)');
    await runMigrations(url);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const loaded = await load(pool, persons, ctx.log);
      const db = await pool.connect();
      try {
        // The densest province, then the densest regency, district and village inside it.
        const pick = async (len: number, within: string) =>
          (await db.query(`SELECT left(village_code, ${len}) c FROM ppks_case WHERE village_code LIKE $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [`${within}%`])).rows[0].c as string;
        const prov = await pick(2, '');
        const reg = await pick(5, `${prov}.`);
        const dist = await pick(8, `${reg}.`);
        const vill = await pick(13, `${dist}.`);
        const now = new Date('2026-07-01T05:00:00Z');
        const runs = Number(process.env.BENCH_B2_RUNS ?? ctx.repeat * 3);
        const out: BenchResult[] = [];
        for (const [level, area] of [['nasional', 'ID'], ['provinsi', prov], ['kabkota', reg], ['kecamatan', dist], ['desa', vill]] as const) {
          const slice = sliceOf(area);
          const period = parsePeriod('2026')!;
          const ours: number[] = [];
          const base: number[] = [];
          let a: ReturnType<typeof totals> | null = null;
          let b: Awaited<ReturnType<typeof raw>> | null = null;
          for (let k = 0; k < runs; k++) {
            const t0 = performance.now();
            a = totals(await collect(db, slice, period, now));
            const t1 = performance.now();
            b = await raw(db, area, '2026', now);
            const t2 = performance.now();
            ours.push(t1 - t0);
            base.push(t2 - t1);
          }
          if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${level} ${area}: rollups ${JSON.stringify(a)} ≠ raw ${JSON.stringify(b)}`);
          const [p50, p95, b50, b95] = [pct(ours, 0.5), pct(ours, 0.95), pct(base, 0.5), pct(base, 0.95)];
          ctx.log(`${level} ${area}: rollups p50 ${p50.toFixed(1)} / p95 ${p95.toFixed(1)} ms; raw p50 ${b50.toFixed(1)} / p95 ${b95.toFixed(1)} ms`);
          out.push({
            bench: `b2.${level}`,
            ours: { label: `rollups p50 (${area})`, value: p50, unit: 'ms' },
            baseline: { label: 'GROUP BY raw p50', value: b50, unit: 'ms' },
            ratio: p50 / b50,
            higherIsBetter: false,
            notes: `p95 ${p95.toFixed(1)} vs ${b95.toFixed(1)} ms (${(b95 / p95).toFixed(0)}× faster); ${runs} runs; same totals ${JSON.stringify(a)}; ` +
              `${persons.toLocaleString('en-US')} persons, ${loaded.cases.toLocaleString('en-US')} cases, ${loaded.events.toLocaleString('en-US')} events`,
          });
        }
        return out;
      } finally {
        db.release();
      }
    } finally {
      await pool.end();
    }
  },
};
