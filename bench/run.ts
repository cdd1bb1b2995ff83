/**
 * Benchmark harness: `npm run bench` runs every `bench/*.bench.ts`,
 * `npm run bench -- areas` only the named ones (file name or bench name).
 *
 * Each bench measures our code against a baseline in the same run on the same
 * PostgreSQL and reports the ratio; absolute times on a shared 2-core machine
 * mean little, ratios measured side by side do (ARCHITECTURE.md, `bench/`).
 *
 * Options (arguments or environment):
 *   --repeat N / BENCH_REPEAT=N   timed repetitions per measurement (median kept; default 3)
 *   BENCH_DATABASE_URL            superuser URL of a PostgreSQL to use instead of the embedded one
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from '../apps/server/src/platform/db/embedded';

export interface Measure {
  label: string;
  value: number;
  unit: string;
}

export interface BenchResult {
  bench: string;
  ours: Measure;
  baseline: Measure;
  /** ours.value / baseline.value */
  ratio: number;
  higherIsBetter: boolean;
  notes?: string;
}

export interface TimeOptions {
  /** Timed repetitions; the median is returned. Default: the run's repeat count. */
  repeat?: number;
  /** Untimed work before every repetition (reset tables, checkpoint, …). */
  before?: () => Promise<void>;
}

export interface BenchContext {
  /** Superuser URL of the `postgres` maintenance database of the server under test. */
  adminUrl: string;
  /** Default repetitions for this run. */
  repeat: number;
  /** Creates an empty database (dropped when the run ends) and returns its owner URL. */
  createDatabase(name: string): Promise<string>;
  /** Median wall time of `fn` in milliseconds. */
  time(fn: () => Promise<unknown>, opts?: TimeOptions): Promise<number>;
  /**
   * Times two functions interleaved (A B, B A, A B, …) so drift on a noisy
   * machine hits both alike; returns each median in milliseconds.
   */
  compare(
    fns: { ours: () => Promise<unknown>; baseline: () => Promise<unknown> },
    opts?: { repeat?: number; beforeOurs?: () => Promise<void>; beforeBaseline?: () => Promise<void> },
  ): Promise<{ ours: number; baseline: number }>;
  /** Progress line on stderr (the table goes to stdout). */
  log(message: string): void;
}

export interface Bench {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const RESULTS_FILE = join(BENCH_DIR, 'results', 'latest.json');

export function median(values: number[]): number {
  if (!values.length) throw new Error('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function urlWithDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

interface Server {
  adminUrl: string;
  description: string;
  stop(): Promise<void>;
}

async function startServer(log: (m: string) => void): Promise<Server> {
  if (process.env.BENCH_DATABASE_URL) {
    return { adminUrl: process.env.BENCH_DATABASE_URL, description: 'BENCH_DATABASE_URL', stop: async () => {} };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'pilar-bench-'));
  // PostgreSQL runs as the `postgres` OS user when we are root: it must reach its directory.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  log(`starting embedded PostgreSQL on port ${port} (${dataDir})`);
  let embedded: EmbeddedServer;
  try {
    // Non-durable settings (fsync off) cut disk noise; both sides of every ratio share them.
    embedded = await startEmbeddedPostgres({ dataDir, port, ephemeral: true });
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    adminUrl: embedded.adminUrl,
    description: 'embedded, fsync off',
    stop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function discover(filter: string[]): Promise<{ file: string; bench: Bench }[]> {
  const files = (await readdir(BENCH_DIR)).filter((f) => f.endsWith('.bench.ts')).sort();
  const found: { file: string; bench: Bench }[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as { bench?: Bench };
    if (!mod.bench || typeof mod.bench.run !== 'function')
      throw new Error(`${file} does not export \`bench\` with a run() function`);
    found.push({ file, bench: mod.bench });
  }
  if (!filter.length) return found;
  const unknown = filter.filter((n) => !found.some((b) => b.bench.name === n || basename(b.file, '.bench.ts') === n));
  if (unknown.length) {
    throw new Error(`Unknown bench ${unknown.join(', ')}. Available: ${found.map((b) => b.bench.name).join(', ') || '(none)'}`);
  }
  return found.filter((b) => filter.includes(b.bench.name) || filter.includes(basename(b.file, '.bench.ts')));
}

function parseArgs(argv: string[]): { names: string[]; repeat: number } {
  const names: string[] = [];
  let repeat = Number(process.env.BENCH_REPEAT ?? 3);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--repeat') repeat = Number(argv[++i]);
    else if (a.startsWith('--repeat=')) repeat = Number(a.slice('--repeat='.length));
    else if (a.startsWith('-')) throw new Error(`Unknown option ${a}`);
    else names.push(a);
  }
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat / BENCH_REPEAT must be a positive integer');
  return { names, repeat };
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  return v.toPrecision(3);
}

function formatTable(results: BenchResult[]): string {
  const header = ['bench', 'ours', 'baseline', 'ratio'];
  const rows = results.map((r) => [
    r.bench,
    `${formatNumber(r.ours.value)} ${r.ours.unit}  ${r.ours.label}`,
    `${formatNumber(r.baseline.value)} ${r.baseline.unit}  ${r.baseline.label}`,
    `${r.ratio.toFixed(2)} (${r.higherIsBetter ? 'higher' : 'lower'} is better)`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join(' | ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)];
  const notes = results.filter((r) => r.notes).map((r) => `  ${r.bench}: ${r.notes}`);
  if (notes.length) out.push('', 'notes:', ...notes);
  return out.join('\n');
}

function validate(result: BenchResult, source: string): void {
  const ok =
    typeof result.bench === 'string' &&
    Number.isFinite(result.ours?.value) &&
    Number.isFinite(result.baseline?.value) &&
    Number.isFinite(result.ratio) &&
    typeof result.higherIsBetter === 'boolean';
  if (!ok) throw new Error(`${source} returned a malformed result: ${JSON.stringify(result)}`);
}

async function main(argv: string[]): Promise<number> {
  const log = (m: string) => process.stderr.write(`bench: ${m}\n`);
  const { names, repeat } = parseArgs(argv);
  const selected = await discover(names);
  if (!selected.length) {
    log('no bench/*.bench.ts found');
    return 1;
  }

  const server = await startServer(log);
  const runTag = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const databases: string[] = [];
  const results: BenchResult[] = [];
  const failures: string[] = [];
  let postgresVersion = '';
  try {
    postgresVersion = String((await adminQuery(server.adminUrl, 'SHOW server_version')).rows[0].server_version);
    const ctx: BenchContext = {
      adminUrl: server.adminUrl,
      repeat,
      log,
      createDatabase: async (name) => {
        const db = `bench_${name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${runTag}`;
        await adminQuery(server.adminUrl, `CREATE DATABASE "${db}"`);
        databases.push(db);
        return urlWithDatabase(server.adminUrl, db);
      },
      time: async (fn, opts = {}) => {
        const samples: number[] = [];
        for (let i = 0; i < (opts.repeat ?? repeat); i++) {
          await opts.before?.();
          samples.push(await timeOnce(fn));
        }
        return median(samples);
      },
      compare: async (fns, opts = {}) => {
        const ours: number[] = [];
        const baseline: number[] = [];
        const runOurs = async () => {
          await opts.beforeOurs?.();
          ours.push(await timeOnce(fns.ours));
        };
        const runBaseline = async () => {
          await opts.beforeBaseline?.();
          baseline.push(await timeOnce(fns.baseline));
        };
        for (let i = 0; i < (opts.repeat ?? repeat); i++) {
          if (i % 2 === 0) {
            await runBaseline();
            await runOurs();
          } else {
            await runOurs();
            await runBaseline();
          }
        }
        return { ours: median(ours), baseline: median(baseline) };
      },
    };

    for (const { file, bench } of selected) {
      log(`running ${bench.name}: ${bench.description}`);
      const started = performance.now();
      try {
        const out = await bench.run(ctx);
        for (const r of out) validate(r, file);
        results.push(...out);
        log(`${bench.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      } catch (err) {
        failures.push(`${bench.name}: ${(err as Error).stack ?? String(err)}`);
        log(`${bench.name} FAILED: ${(err as Error).message}`);
      }
    }
  } finally {
    if (process.env.BENCH_DATABASE_URL) {
      for (const db of databases) {
        await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch((e: Error) =>
          log(`could not drop ${db}: ${e.message}`),
        );
      }
    }
    await server.stop();
  }

  const cpu = cpus();
  const environment = {
    node: process.version,
    postgres: `${postgresVersion} (${server.description})`,
    cpus: `${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
    repeat,
  };
  process.stdout.write(
    `\nPilar bench — PostgreSQL ${environment.postgres}, Node ${environment.node}, ${environment.cpus}, median of ${repeat}\n\n`,
  );
  process.stdout.write(`${formatTable(results)}\n`);

  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  await writeFile(
    RESULTS_FILE,
    JSON.stringify({ generatedAt: new Date().toISOString(), environment, results, failures }, null, 2) + '\n',
  );
  process.stdout.write(`\nresults written to ${RESULTS_FILE}\n`);

  if (failures.length) {
    process.stderr.write(`\n${failures.length} bench(es) failed:\n${failures.join('\n')}\n`);
    return 1;
  }
  return 0;
}

// Run only as the entry point, so bench modules may import the types from here.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
