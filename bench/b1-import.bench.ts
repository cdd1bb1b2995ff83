import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { uuidv7 } from 'uuidv7';
import { actorForUser } from '../apps/server/src/modules/auth/auth.identity';
import { importJob } from '../apps/server/src/modules/imports/imports.job';
import { commitImport, uploadImport } from '../apps/server/src/modules/imports/imports.service';
import { MAX_CSV_BYTES, readRows } from '../apps/server/src/modules/imports/source';
import { importTimings, resetImportTimings } from '../apps/server/src/modules/imports/timing';
import { runAs, systemClock, type Services } from '../apps/server/src/platform/access/unit-of-work';
import { createAppDb, runMigrations } from '../apps/server/src/platform/db/database';
import { FileStore } from '../apps/server/src/platform/files/files';
import { JobRunner } from '../apps/server/src/platform/jobs/jobs';
import { IdentifierProtector } from '../apps/server/src/platform/security/identifiers';
import { type Bench } from './run';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * B1 (issue 10): N synthetic DTKS-like person rows (valid NIKs over real villages,
 * families sharing a No. KK, some PPKS categories) imported through the real import
 * path — upload (parse, count, store, judged preview) and the commit job (validate
 * NIK and area codes, dedup by NIK hash, households, PPKS, rollups, audit, per-row
 * outcomes) — against a raw COPY of the same CSV into an unindexed table, in the
 * same run on the same PostgreSQL.
 *
 * Size: BENCH_B1_ROWS (default 1,000,000). The harness refuses unknown options, so
 * `--rows` cannot pass through `npm run bench`; CI runs e.g. `BENCH_B1_ROWS=50000 npm run bench -- b1`.
 * Files above the upload limit (50 MB) are imported as consecutive parts, as a user would.
 */
const ROWS = Number(process.env.BENCH_B1_ROWS ?? 1_000_000);
const HEADER = 'NIK;No KK;Nama;Jenis Kelamin;Tempat Lahir;Tanggal Lahir;Alamat;RT;RW;Kode Desa;Kategori PPKS;Hubungan Keluarga';
const NAMES = [
  'Siti',
  'Sri',
  'Budi',
  'Agus',
  'Dewi',
  'Slamet',
  'Wahyuni',
  'Joko',
  'Rina',
  'Bambang',
  'Yanti',
  'Hadi',
  'Lestari',
  'Eko',
  'Nur',
];
const CATEGORIES = [
  '',
  '',
  'Fakir Miskin',
  'Lanjut Usia Terlantar',
  '',
  'Penyandang Disabilitas',
  'Fakir Miskin, Perempuan Rawan Sosial Ekonomi',
  '',
];

function ddmmyy(d: Date, female: boolean) {
  return `${String(d.getUTCDate() + (female ? 40 : 0)).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCFullYear() % 100).padStart(2, '0')}`;
}

/** Rows as CSV parts of at most `maxBytes`, each with the header. NIKs and No. KKs are unique and valid. */
function generate(villages: string[], rows: number, maxBytes: number): Buffer[] {
  const perDistrict = new Map<string, number>();
  const parts: Buffer[] = [];
  let lines: string[] = [HEADER];
  let size = HEADER.length + 1;
  let family = { kk: '', size: 0, left: 0, village: '' };
  for (let i = 0; i < rows; i++) {
    if (family.left === 0) {
      const village = villages[(i * 7919) % villages.length]!;
      const district = village.slice(0, 8).replace(/\./g, '');
      const n = (perDistrict.get(district) ?? 0) + 1;
      perDistrict.set(district, n);
      const issued = new Date(Date.UTC(2010, 0, 1) + (Math.floor(n / 9999) % 3000) * 86_400_000);
      family = {
        kk: `${district}${ddmmyy(issued, false)}${String((n % 9999) + 1).padStart(4, '0')}`,
        size: 1 + (i % 4),
        left: 1 + (i % 4),
        village,
      };
    }
    const member = family.size - family.left;
    family.left -= 1;
    const district = family.village.slice(0, 8).replace(/\./g, '');
    const c = (perDistrict.get(`p${district}`) ?? 0) + 1;
    perDistrict.set(`p${district}`, c);
    const female = member === 1;
    const birth = new Date(Date.UTC(1940, 0, 1) + ((Math.floor(c / 9999) * 37 + member * 1000) % 25000) * 86_400_000);
    const nik = `${district}${ddmmyy(birth, female)}${String((c % 9999) + 1).padStart(4, '0')}`;
    const date = `${String(birth.getUTCDate()).padStart(2, '0')}-${String(birth.getUTCMonth() + 1).padStart(2, '0')}-${birth.getUTCFullYear()}`;
    const relationship = member === 0 ? 'Kepala Keluarga' : member === 1 ? 'Istri' : 'Anak';
    const line = [
      nik,
      family.kk,
      `${NAMES[i % NAMES.length]} ${NAMES[(i >> 4) % NAMES.length]} ${i}`,
      female ? 'P' : 'L',
      'Surakarta',
      date,
      `Jl. Contoh No. ${i % 200}`,
      String(1 + (i % 12)),
      String(1 + (i % 9)),
      family.village,
      CATEGORIES[i % CATEGORIES.length]!,
      relationship,
    ].join(';');
    if (size + line.length + 1 > maxBytes) {
      parts.push(Buffer.from(lines.join('\n')));
      lines = [HEADER];
      size = HEADER.length + 1;
    }
    lines.push(line);
    size += line.length + 1;
  }
  parts.push(Buffer.from(lines.join('\n')));
  return parts;
}

export const bench: Bench = {
  name: 'b1',
  description: `B1: import ${ROWS.toLocaleString('en-US')} person rows (CSV) through the real import path vs raw COPY of the same CSV`,
  async run(ctx) {
    const url = await ctx.createDatabase('b1');
    ctx.log('migrating a fresh database');
    await runMigrations(url);
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    const dataDir = await mkdtemp(join(tmpdir(), 'pilar-b1-'));
    const db = createAppDb(url, 4);
    try {
      // A DTKS list is a regency's: villages of four Central Java regencies (≈ 880 villages).
      const villages = (
        await owner.query(
          `SELECT code FROM area WHERE level = 'village' AND left(code, 5) IN ('33.72', '33.11', '33.13', '33.14') ORDER BY code`,
        )
      ).rows.map((r) => r.code as string);
      const parts = generate(villages, ROWS, MAX_CSV_BYTES - 1024);
      const total = parts.reduce((n, p) => n + p.length, 0);
      ctx.log(
        `generated ${ROWS.toLocaleString('en-US')} rows over ${villages.length.toLocaleString('en-US')} villages: ${(total / 1e6).toFixed(1)} MB in ${parts.length} part(s)`,
      );

      const userId = uuidv7();
      await owner.query(
        `INSERT INTO app_user (id, username, display_name, password_hash) VALUES ($1, 'bench-b1', 'Bench B1', 'x')`,
        [userId],
      );
      await owner.query(`INSERT INTO user_grant (user_id, role, area_code) VALUES ($1, 'admin', 'ID')`, [userId]);
      const keys = {
        lookup: createHash('sha256').update('b1-lookup').digest(),
        encryption: createHash('sha256').update('b1-enc').digest(),
      };
      const services: Services = {
        db,
        ids: new IdentifierProtector(keys),
        files: new FileStore(dataDir),
        clock: systemClock,
        jobs: null as unknown as JobRunner,
      };
      const runner = new JobRunner(services, { ownerUrl: url, resolveActor: (id) => actorForUser(services, id) }).register(
        importJob,
      );
      services.jobs = runner;
      await runner.start();
      const actor = (await actorForUser(services, userId))!;
      await owner.query(
        'CREATE UNLOGGED TABLE raw_b1 (nik text, kk text, nama text, jk text, tempat text, tanggal text, alamat text, rt text, rw text, desa text, ppks text, hubungan text)',
      );

      const phases = { upload: [] as number[], commit: [] as number[] };
      let parseOnlyMs = 0;
      const ms = await ctx.compare(
        {
          ours: async () => {
            resetImportTimings();
            for (const bytes of parts) {
              const t0 = performance.now();
              const up = await runAs(services, actor, null, (c) => uploadImport(c, 'persons', bytes));
              const t1 = performance.now();
              await runAs(services, actor, null, (c) => commitImport(c, up.id, { mapping: up.suggestedMapping }));
              for (;;) {
                const { rows } = await owner.query(`SELECT status FROM import_run WHERE id = $1`, [up.id]);
                const job = await owner.query(
                  `SELECT status, error FROM job_run WHERE id = (SELECT job_id FROM import_run WHERE id = $1)`,
                  [up.id],
                );
                if (rows[0].status === 'succeeded') break;
                if (['failed', 'cancelled'].includes(rows[0].status) || ['failed', 'cancelled'].includes(job.rows[0]?.status)) {
                  throw new Error(`import ${rows[0].status}: ${JSON.stringify(job.rows[0]?.error)}`);
                }
                await new Promise((r) => setTimeout(r, 20));
              }
              phases.upload.push(t1 - t0);
              phases.commit.push(performance.now() - t1);
            }
          },
          baseline: async () => {
            for (const bytes of parts) {
              await pipeline(
                Readable.from([bytes]),
                owner.query(copyFrom(`COPY raw_b1 FROM STDIN (FORMAT csv, HEADER true, DELIMITER ';')`)),
              );
            }
          },
        },
        {
          beforeOurs: async () => {
            await owner.query(
              `TRUNCATE person, household, household_kk, household_member, person_ppks, person_ppks_rollup, sync_change, import_run CASCADE`,
            );
            await owner.query('CHECKPOINT');
          },
          beforeBaseline: async () => {
            await owner.query('TRUNCATE raw_b1');
            await owner.query('CHECKPOINT');
          },
        },
      );
      const t0 = performance.now();
      for (const bytes of parts) for await (const r of readRows(bytes, 'csv')) void r;
      parseOnlyMs = performance.now() - t0;

      const counts = (
        await owner.query(`SELECT (SELECT count(*) FROM person)::int AS persons, (SELECT count(*) FROM raw_b1)::int AS raw,
        (SELECT sum(accepted) FROM import_run)::int AS accepted, (SELECT count(*) FROM household)::int AS households`)
      ).rows[0];
      if (counts.persons !== ROWS || counts.raw !== ROWS || counts.accepted !== ROWS) {
        throw new Error(
          `row counts disagree: persons ${counts.persons}, accepted ${counts.accepted}, raw ${counts.raw}, expected ${ROWS}`,
        );
      }
      await runner.stop();

      const oursRate = ROWS / (ms.ours / 1000);
      const rawRate = ROWS / (ms.baseline / 1000);
      const runs = ctx.repeat;
      const where = Object.entries(importTimings)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${Math.round(v / runs)} ms`)
        .join(', ');
      return [
        {
          bench: 'b1.import',
          ours: { label: 'real import path (upload + commit job)', value: oursRate, unit: 'rows/s' },
          baseline: { label: 'raw COPY of the same CSV, no index', value: rawRate, unit: 'rows/s' },
          ratio: oursRate / rawRate,
          higherIsBetter: true,
          notes:
            `${ROWS.toLocaleString('en-US')} rows (${counts.households.toLocaleString('en-US')} households) in ${Math.round(ms.ours)} ms vs ${Math.round(ms.baseline)} ms; ` +
            `per run: upload (parse, count, store, preview) ${Math.round(sum(phases.upload) / runs)} ms, commit job ${Math.round(sum(phases.commit) / runs)} ms; ` +
            `CSV parse alone ${Math.round(parseOnlyMs)} ms; inside the commit (per run; checks overlap the batch transactions): ${where}`,
        },
      ];
    } finally {
      await owner.end();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
