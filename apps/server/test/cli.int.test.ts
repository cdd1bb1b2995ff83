import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './global-setup';

/**
 * The `pilar` command as a person runs it: no DATABASE_URL, so it starts the
 * embedded PostgreSQL in its data directory, migrates, serves, and stops
 * cleanly on a signal — and comes back on the same data after a clean stop
 * or a crash.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'apps/server/bin/pilar.js');
const WEB_INDEX = join(ROOT, 'apps/web/dist/index.html');
const LATEST_MIGRATION = readdirSync(join(ROOT, 'apps/server/migrations'))
  .map((f) => /^(\d{4})_/.exec(f)?.[1])
  .filter((v): v is string => !!v)
  .sort()
  .at(-1);

const START_TIMEOUT = 60_000;
const STOP_TIMEOUT = 30_000;

interface Instance {
  dataDir: string;
  pgPort: number;
  httpPort: number;
  env: NodeJS.ProcessEnv;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A spawned `pilar` process with its combined output. */
class Run {
  output = '';
  readonly exited: Promise<Exit>;
  private exit: Exit | null = null;
  private listeners = new Set<() => void>();

  constructor(readonly child: ChildProcess) {
    const append = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      for (const l of this.listeners) l();
    };
    child.stdout!.on('data', append);
    child.stderr!.on('data', append);
    this.exited = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.exit = { code, signal };
        for (const l of this.listeners) l();
        resolve(this.exit);
      });
    });
  }

  get running(): boolean {
    return this.exit === null;
  }

  /** Resolves with the first match of `re` in the output; fails on timeout or early exit. */
  waitFor(re: RegExp, timeoutMs = START_TIMEOUT): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const m = re.exec(this.output);
        if (m) return done(() => resolve(m));
        if (this.exit)
          return done(() =>
            reject(new Error(`pilar exited (${JSON.stringify(this.exit)}) before printing ${re}:\n${this.output}`)),
          );
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no ${re} within ${timeoutMs} ms:\n${this.output}`))),
        timeoutMs,
      );
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        fn();
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Waits for the exit; fails (and kills the process group) after `timeoutMs`. */
  async waitForExit(timeoutMs = STOP_TIMEOUT): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        killGroup(this.child);
        reject(new Error(`pilar did not exit within ${timeoutMs} ms:\n${this.output}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

const runs: Run[] = [];
const dataDirs: string[] = [];

/** Spawned in its own process group so a test can send Ctrl-C like a terminal does. */
function pilar(instance: Instance, ...args: string[]): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: instance.dataDir,
    env: instance.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = new Run(child);
  runs.push(run);
  return run;
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function newInstance(): Promise<Instance> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pilar-cli-'));
  // PostgreSQL runs as the `postgres` OS user when we are root: it must reach its directory.
  await chmod(dataDir, 0o755);
  dataDirs.push(dataDir);
  const pgPort = await freePort();
  let httpPort = await freePort();
  while (httpPort === pgPort) httpPort = await freePort();
  // What a person's shell would hold: nothing of ours, in particular no DATABASE_URL.
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(DATABASE_URL|TEST_DATABASE_URL|NODE_ENV|PILAR_.*|PORT|HOST)$/.test(k) && !k.startsWith('VITEST')) env[k] = v;
  }
  Object.assign(env, { PILAR_DATA_DIR: dataDir, PILAR_PG_PORT: String(pgPort), PORT: String(httpPort), PILAR_LOG_LEVEL: 'warn' });
  return { dataDir, pgPort, httpPort, env };
}

async function superuser(instance: Instance): Promise<pg.Client> {
  const password = (await readFile(join(instance.dataDir, 'pg-superuser-password'), 'utf8')).trim();
  const client = new pg.Client({ host: '127.0.0.1', port: instance.pgPort, user: 'postgres', password, database: 'pilar' });
  await client.connect();
  return client;
}

const pidFile = (instance: Instance) => join(instance.dataDir, 'pg', 'postmaster.pid');

async function postmasterPid(instance: Instance): Promise<number> {
  return Number((await readFile(pidFile(instance), 'utf8')).split('\n')[0]);
}

/** Alive and not a zombie (an orphan nobody reaps is not a running server). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function childrenOf(pid: number): Promise<number[]> {
  const out: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

async function until(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startAndWait(instance: Instance): Promise<{ run: Run; url: string }> {
  const run = pilar(instance, 'start');
  const m = await run.waitFor(/Pilar is running at (http:\/\/\S+)/);
  return { run, url: m[1]! };
}

async function expectHealthy(url: string): Promise<void> {
  const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', migration: LATEST_MIGRATION });
}

async function expectCleanStop(instance: Instance, run: Run, signal: () => void): Promise<void> {
  signal();
  const exit = await run.waitForExit();
  expect(run.output).toContain('stopped cleanly');
  expect(exit).toEqual({ code: 0, signal: null });
  expect(existsSync(pidFile(instance))).toBe(false);
}

afterAll(async () => {
  for (const run of runs) if (run.running) killGroup(run.child);
  await Promise.all(runs.map((r) => r.waitForExit(5_000).catch(() => {})));
  // A postgres left behind by a failed test (its own process group after a crash test).
  for (const dir of dataDirs) {
    const file = join(dir, 'pg', 'postmaster.pid');
    if (!existsSync(file)) continue;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    if (pid > 0 && isRunning(pid)) process.kill(pid, 'SIGKILL');
  }
  await Promise.all(dataDirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('pilar start on a data directory', () => {
  let instance: Instance;

  it('initialises embedded PostgreSQL, migrates, serves, and stops cleanly on SIGINT', { timeout: 120_000 }, async () => {
    expect(LATEST_MIGRATION).toMatch(/^\d{4}$/);
    instance = await newInstance();
    const { run, url } = await startAndWait(instance);
    expect(url).toBe(`http://127.0.0.1:${instance.httpPort}`);
    expect(existsSync(join(instance.dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(existsSync(pidFile(instance))).toBe(true);

    await expectHealthy(url);

    const page = await fetch(`${url}/`, { signal: AbortSignal.timeout(10_000) });
    if (existsSync(WEB_INDEX)) {
      // The built web app is served at / (only checkable once apps/web is built).
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const title = /<title>[^<]*<\/title>/i.exec(readFileSync(WEB_INDEX, 'utf8'))?.[0];
      expect(await page.text()).toContain(title ?? '<html');
    }

    const db = await superuser(instance);
    try {
      await db.query(`CREATE TABLE cli_test_marker (note text)`);
      await db.query(`INSERT INTO cli_test_marker VALUES ('first run')`);
    } finally {
      await db.end();
    }

    await expectCleanStop(instance, run, () => run.child.kill('SIGINT'));
  });

  it('reports no pending migrations with `pilar db status` while stopped', { timeout: 60_000 }, async () => {
    expect(instance).toBeDefined();
    const run = pilar(instance, 'db', 'status');
    const exit = await run.waitForExit(START_TIMEOUT);
    expect(run.output).toContain('No pending migrations');
    expect(run.output).toContain(`Current version: ${LATEST_MIGRATION}`);
    expect(run.output).not.toMatch(/\bpending\s+\d{4}_/);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(existsSync(pidFile(instance))).toBe(false);
  });

  it('starts again on the same data without re-initialising, and stops on Ctrl-C', { timeout: 120_000 }, async () => {
    expect(instance).toBeDefined();
    const password = readFileSync(join(instance.dataDir, 'pg-superuser-password'), 'utf8');
    const { run, url } = await startAndWait(instance);
    await expectHealthy(url);
    // Same cluster, same password: the row written during the first run is still there.
    expect(readFileSync(join(instance.dataDir, 'pg-superuser-password'), 'utf8')).toBe(password);
    const db = await superuser(instance);
    try {
      const { rows } = await db.query(`SELECT note FROM cli_test_marker`);
      expect(rows).toEqual([{ note: 'first run' }]);
    } finally {
      await db.end();
    }
    // A terminal's Ctrl-C signals the whole foreground group: node and postgres at once.
    await expectCleanStop(instance, run, () => process.kill(-run.child.pid!, 'SIGINT'));
  });
});

describe('pilar start after a crash', () => {
  it('is not stopped by the stale postmaster.pid a killed server leaves behind', { timeout: 120_000 }, async () => {
    const instance = await newInstance();
    const first = await startAndWait(instance);
    const pgPid = await postmasterPid(instance);
    expect(isRunning(pgPid)).toBe(true);
    const backends = await childrenOf(pgPid);

    first.run.child.kill('SIGKILL');
    expect(await first.run.waitForExit()).toEqual({ code: null, signal: 'SIGKILL' });
    process.kill(pgPid, 'SIGKILL');
    await until('the killed postmaster and its processes are gone', () => ![pgPid, ...backends].some(isRunning));
    expect(existsSync(pidFile(instance))).toBe(true);

    const second = await startAndWait(instance);
    await expectHealthy(second.url);
    expect(await postmasterPid(instance)).not.toBe(pgPid);
    await expectCleanStop(instance, second.run, () => second.run.child.kill('SIGINT'));
  });
});
