import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyAreaRows, idnAreaDataDir, readAreaRows } from '../apps/server/src/modules/areas/areas.loader';
import { runMigrations } from '../apps/server/src/platform/db/database';
import { median, type Bench, type BenchResult } from './run';

/**
 * Loading the Kemendagri areas the way migration 0002 does — parse the package
 * CSVs with the real parser, derive level/type/parent/time zone/search forms/
 * counts, COPY into a table shaped like `area` (primary key, checks and the
 * self-referencing foreign key live during the load), then build the secondary
 * indexes and ANALYZE — against the cheapest possible load of the same data:
 * villages.csv streamed from disk as is into an unindexed three-column table.
 */
export const bench: Bench = {
  name: 'areas',
  description: 'area reference data load (migration 0002 path) vs raw COPY of villages.csv',
  async run(ctx) {
    const url = await ctx.createDatabase('areas');
    ctx.log('migrating a fresh database (gives the `area` table and its indexes to copy)');
    await runMigrations(url);

    const client = new pg.Client({ connectionString: url, application_name: 'pilar-bench' });
    await client.connect();
    try {
      const shape = await areaTableShape(client);
      const villagesCsv = join(idnAreaDataDir(), 'villages.csv');
      const villageLines =
        readFileSync(villagesCsv, 'utf8')
          .split('\n')
          .filter((l) => l.trim()).length - 1;
      await client.query('CREATE TABLE raw_villages (code text, district_code text, name text)');

      const phases = { parse: [] as number[], copy: [] as number[], index: [] as number[] };
      let areaRows = 0;
      const checkpoint = () => client.query('CHECKPOINT').catch(() => {});

      const ms = await ctx.compare(
        {
          ours: async () => {
            await client.query('BEGIN');
            const t0 = performance.now();
            const rows = readAreaRows();
            const t1 = performance.now();
            await copyAreaRows(client, rows, 'bench_area');
            const t2 = performance.now();
            for (const sql of shape.indexes) await client.query(sql);
            await client.query('ANALYZE bench_area');
            await client.query('COMMIT');
            const t3 = performance.now();
            phases.parse.push(t1 - t0);
            phases.copy.push(t2 - t1);
            phases.index.push(t3 - t2);
            areaRows = rows.length;
          },
          baseline: async () => {
            const copy = client.query(
              copyFrom('COPY raw_villages (code, district_code, name) FROM STDIN (FORMAT csv, HEADER true)'),
            );
            await pipeline(createReadStream(villagesCsv), copy);
            if (copy.rowCount !== villageLines) throw new Error(`raw COPY loaded ${copy.rowCount} of ${villageLines} villages`);
          },
        },
        {
          beforeOurs: async () => {
            await client.query('DROP TABLE IF EXISTS bench_area');
            for (const sql of shape.create) await client.query(sql);
            await checkpoint();
          },
          beforeBaseline: async () => {
            await client.query('TRUNCATE raw_villages');
            await checkpoint();
          },
        },
      );

      // The last load of each side must hold exactly the package's rows.
      const loaded = await client.query(
        `SELECT (SELECT count(*) FROM bench_area)::int AS ours, (SELECT count(*) FROM raw_villages)::int AS raw,
                (SELECT count(*) FROM bench_area WHERE level = 'village')::int AS villages`,
      );
      const { ours: oursCount, raw: rawCount, villages } = loaded.rows[0] as { ours: number; raw: number; villages: number };
      if (oursCount !== areaRows || rawCount !== villageLines || villages !== villageLines) {
        throw new Error(
          `row counts disagree: loader ${oursCount}/${areaRows} (villages ${villages}), raw COPY ${rawCount}/${villageLines}`,
        );
      }

      const baselineRate = rawCount / (ms.baseline / 1000);
      const baseline = { label: 'raw COPY villages.csv, no index', value: baselineRate, unit: 'rows/s' };
      const noIndexMs = median(phases.parse.map((p, i) => p + phases.copy[i]!));
      const full: BenchResult = {
        bench: 'areas.load',
        ours: { label: 'parse+derive+COPY+indexes', value: areaRows / (ms.ours / 1000), unit: 'rows/s' },
        baseline,
        ratio: areaRows / (ms.ours / 1000) / baselineRate,
        higherIsBetter: true,
        notes:
          `${areaRows.toLocaleString('en-US')} areas in ${fmtMs(ms.ours)} (parse+derive ${fmtMs(median(phases.parse))}, ` +
          `COPY ${fmtMs(median(phases.copy))}, ${shape.indexes.length} indexes+ANALYZE ${fmtMs(median(phases.index))}) vs ` +
          `${rawCount.toLocaleString('en-US')} villages in ${fmtMs(ms.baseline)}`,
      };
      const loadOnly: BenchResult = {
        bench: 'areas.load-no-index',
        ours: { label: 'parse+derive+COPY', value: areaRows / (noIndexMs / 1000), unit: 'rows/s' },
        baseline,
        ratio: areaRows / (noIndexMs / 1000) / baselineRate,
        higherIsBetter: true,
        notes:
          'same runs as areas.load without the secondary index build; no villages-only row: ' +
          'copyAreaRows derives counts from the whole hierarchy, so it cannot load villages alone',
      };
      return [full, loadOnly];
    } finally {
      await client.end();
    }
  },
};

const fmtMs = (ms: number) => `${Math.round(ms)} ms`;

/**
 * DDL for `bench_area`, read from the migrated `area` table so the bench keeps
 * following the migrations: columns, defaults, checks, primary key and foreign
 * keys at creation (as 0001 does), secondary indexes after the load (as 0002 does).
 */
async function areaTableShape(client: pg.Client): Promise<{ create: string[]; indexes: string[] }> {
  const constraints = await client.query<{ def: string }>(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = 'area'::regclass AND contype IN ('p', 'u', 'f', 'x') ORDER BY contype DESC, conname`,
  );
  const indexes = await client.query<{ def: string }>(
    `SELECT pg_get_indexdef(x.indexrelid) AS def FROM pg_index x
      WHERE x.indrelid = 'area'::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)
      ORDER BY x.indexrelid::regclass::text`,
  );
  if (!constraints.rows.some((r) => r.def.startsWith('PRIMARY KEY'))) throw new Error('area has no primary key');
  if (!indexes.rows.length) throw new Error('area has no secondary indexes: did migration 0002 change?');
  const create = [
    'CREATE TABLE bench_area (LIKE area INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
    ...constraints.rows.map(
      (r) => `ALTER TABLE bench_area ADD ${r.def.replace(/REFERENCES (public\.)?area\(/, 'REFERENCES bench_area(')}`,
    ),
  ];
  const indexDdl = indexes.rows.map(({ def }) => {
    const m = /^CREATE (UNIQUE )?INDEX (\S+) ON (?:public\.)?area (.*)$/.exec(def);
    if (!m) throw new Error(`unexpected index definition: ${def}`);
    return `CREATE ${m[1] ?? ''}INDEX bench_${m[2]} ON bench_area ${m[3]}`;
  });
  return { create, indexes: indexDdl };
}
