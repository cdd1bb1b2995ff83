import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { uuidv7 } from 'uuidv7';
import { maskNik } from '@pilar/domain';
import { createAppDb, runMigrations } from '../apps/server/src/platform/db/database';
import { runAs, systemClock, type Services } from '../apps/server/src/platform/access/unit-of-work';
import { IdentifierProtector } from '../apps/server/src/platform/security/identifiers';
import { FileStore } from '../apps/server/src/platform/files/files';
import { JobRunner } from '../apps/server/src/platform/jobs/jobs';
import type { Actor } from '../apps/server/src/platform/access/actor';
import { checkDuplicates } from '../apps/server/src/modules/people/duplicates.service';
import * as peopleStore from '../apps/server/src/modules/people/people.store';
import type { Bench, BenchResult } from './run';

/**
 * B5 — person search over a large synthetic set (default 300,000 persons over
 * all 83,762 villages; BENCH_B5_PERSONS to change): exact NIK (keyed-hash
 * lookup) and fuzzy name (pg_trgm, the registration duplicate check) through the
 * real service path (scope, RLS, audit), p50/p95, against the same lookups as
 * plain SQL on an unscoped copy of the rows with the same indexes.
 */
const PERSONS = Number(process.env.BENCH_B5_PERSONS ?? 300_000);
const QUERIES = 200;
const GIVEN = ['Siti', 'Sri', 'Budi', 'Agus', 'Dewi', 'Joko', 'Wahyu', 'Rina', 'Eko', 'Yanti', 'Slamet', 'Ratna', 'Hendra', 'Nur', 'Ahmad', 'Putri', 'Bambang', 'Lestari', 'Rudi', 'Wati'];
const FAMILY = ['Santoso', 'Wijaya', 'Saputra', 'Rahmawati', 'Hidayat', 'Susanto', 'Kurniawan', 'Pratama', 'Setiawan', 'Handayani', 'Nugroho', 'Permata', 'Siregar', 'Harahap', 'Lubis', 'Sembiring', 'Tanjung', 'Simanjuntak', 'Purba', 'Nasution'];

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

export const bench: Bench = {
  name: 'b5-search',
  description: `person search over ${PERSONS.toLocaleString('en')} persons: NIK exact and fuzzy name, service path vs plain SQL`,
  async run(ctx) {
    const url = await ctx.createDatabase('b5');
    await runMigrations(url);
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    const ids = new IdentifierProtector({ lookup: Buffer.alloc(32, 7), encryption: Buffer.alloc(32, 8) });
    const villages = (await owner.query(`SELECT code FROM area WHERE level = 'village' ORDER BY code`)).rows.map((r) => r.code as string);

    ctx.log(`B5: generating ${PERSONS} persons`);
    const sample: { nik: string; name: string; village: string }[] = [];
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    function* rows() {
      let buf = '';
      for (let i = 0; i < PERSONS; i++) {
        const village = villages[Math.floor(rnd() * villages.length)]!;
        const name = `${GIVEN[Math.floor(rnd() * GIVEN.length)]} ${FAMILY[Math.floor(rnd() * FAMILY.length)]} ${String.fromCharCode(65 + Math.floor(rnd() * 26))}`;
        const nik = `${village.slice(0, 8).replace(/\./g, '')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}0${1 + Math.floor(rnd() * 9)}8${Math.floor(rnd() * 10)}${String(i % 9999 + 1).padStart(4, '0')}`;
        if (i % Math.max(1, Math.floor(PERSONS / QUERIES)) === 0 && sample.length < QUERIES) sample.push({ nik, name, village });
        const hash = ids.hash('nik', nik).toString('hex');
        buf += `${uuidv7()}\t${village.slice(0, 5)}\t${village}\t${name}\t\\\\x${hash}\t\\\\x00\t${maskNik(nik)}\t2026-01-01\t2026-01-01\n`;
        if (buf.length > 1 << 16) {
          yield buf;
          buf = '';
        }
      }
      if (buf) yield buf;
    }
    await owner.query(`ALTER TABLE person DISABLE TRIGGER USER`);
    await pipeline(
      Readable.from(rows()),
      owner.query(copyFrom(`COPY person (id, regency_code, village_code, full_name, nik_hash, nik_enc, nik_masked, created_at, updated_at) FROM STDIN`)),
    );
    await owner.query(`ALTER TABLE person ENABLE TRIGGER USER`);
    await owner.query(`CREATE TABLE raw_person AS SELECT id, village_code, full_name, nik_hash FROM person`);
    await owner.query(`CREATE INDEX ON raw_person (nik_hash); CREATE INDEX ON raw_person USING gin (lower(full_name) gin_trgm_ops); GRANT SELECT ON raw_person TO pilar_app`);
    await owner.query(`ANALYZE person; ANALYZE raw_person`);

    const db = createAppDb(url, 4);
    const services: Services = { db, ids, files: new FileStore('/tmp/pilar-b5-files'), clock: systemClock, jobs: null as unknown as JobRunner };
    services.jobs = new JobRunner(services, { ownerUrl: url, resolveActor: async () => null });
    const actorFor = (village: string): Actor => ({ kind: 'user', userId: uuidv7(), username: 'bench', grants: [{ role: 'dinsos_kab', areaCode: village.slice(0, 5) }] });

    const time = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    const exactOurs: number[] = [];
    const exactBase: number[] = [];
    const fuzzyOurs: number[] = [];
    const fuzzyBase: number[] = [];
    let found = 0;
    try {
      ctx.log(`B5: ${sample.length} exact and ${sample.length} fuzzy searches each way`);
      for (const s of sample) {
        const actor = actorFor(s.village);
        exactOurs.push(
          await time(() =>
            runAs(services, actor, null, async (c) => {
              const id = await peopleStore.findPersonIdByNikHash(c.db, c.ids.hash('nik', s.nik), [s.village.slice(0, 5)]);
              if (id) found++;
              c.audit.record({ action: 'person.searched', entityType: 'person', entityId: id, personId: id, regencyCode: s.village.slice(0, 5) });
            }),
          ),
        );
        exactBase.push(await time(() => db.pool.query(`SELECT id FROM raw_person WHERE nik_hash = $1`, [ids.hash('nik', s.nik)])));
        const typo = s.name.replace(/a/, 'o');
        fuzzyOurs.push(await time(() => runAs(services, actor, null, (c) => checkDuplicates(c, { villageCode: s.village, fullName: typo }))));
        fuzzyBase.push(
          await time(() =>
            db.pool.query(
              `SELECT id, similarity(lower(full_name), $1) AS s FROM raw_person WHERE lower(full_name) % $1 AND village_code LIKE $2 || '.%' ORDER BY s DESC LIMIT 10`,
              [typo.toLowerCase(), s.village.slice(0, 8)],
            ),
          ),
        );
      }
    } finally {
      await db.close();
      await owner.end();
    }
    if (found !== sample.length) throw new Error(`exact NIK search found ${found} of ${sample.length}`);
    const p = (xs: number[]) => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) });
    const eo = p(exactOurs);
    const eb = p(exactBase);
    const fo = p(fuzzyOurs);
    const fb = p(fuzzyBase);
    const results: BenchResult[] = [
      {
        bench: 'b5.nik-exact.p95',
        ours: { label: `service path (p50 ${eo.p50.toFixed(1)} ms)`, value: eo.p95, unit: 'ms' },
        baseline: { label: `plain SQL (p50 ${eb.p50.toFixed(1)} ms)`, value: eb.p95, unit: 'ms' },
        ratio: eo.p95 / eb.p95,
        higherIsBetter: false,
        notes: `${PERSONS} persons; service path = transaction with scope + RLS + keyed hash + audit event`,
      },
      {
        bench: 'b5.name-fuzzy.p95',
        ours: { label: `duplicate check (p50 ${fo.p50.toFixed(1)} ms)`, value: fo.p95, unit: 'ms' },
        baseline: { label: `plain trigram SQL (p50 ${fb.p50.toFixed(1)} ms)`, value: fb.p95, unit: 'ms' },
        ratio: fo.p95 / fb.p95,
        higherIsBetter: false,
        notes: 'one-letter typo of a real name, same district; service also checks birth year, aliases, scope and writes an audit event',
      },
    ];
    return results;
  },
};
