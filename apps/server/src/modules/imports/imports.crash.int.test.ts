import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { buildUser } from '../../../test/factories';
import { freePort } from '../../../test/global-setup';
import { testKeys } from '../../../test/keys';
import { syntheticNik } from '../../../test/actors';

/**
 * Killing the server (SIGKILL) in the middle of a large import and starting it again:
 * the job resumes after the last committed batch and the import ends with exactly
 * the good rows — none lost, none doubled.
 */
const BIN = fileURLToPath(new URL('../../../bin/pilar.js', import.meta.url));
const ROWS = 50_000;

let database: TestDatabase | null = null;
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  // Stop the servers first: dropping the database under a live server races its connections.
  await Promise.all(
    children.map(async (c) => {
      if (c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }),
  );
  await database?.drop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Starts the server; a port taken meanwhile by another process on this machine gets a fresh one. */
async function start(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(env);
    } catch (err) {
      if (attempt >= 3 || !/EADDRINUSE/.test(String(err))) throw err;
      env.PORT = String(await freePort());
    }
  }
}

function startOnce(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Pilar is running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', () => reject(new Error(`server exited:\n${out}`)));
  });
}

/** 50,000 rows over ten villages; every 997th row has a bad NIK (serial 0000), every 1,499th repeats the previous NIK. */
function bigCsv(): { bytes: Buffer; good: number } {
  const lines = ['NIK;Nama;Jenis Kelamin;Tanggal Lahir;Kode Desa;Kategori PPKS'];
  let good = 0;
  let previous = '';
  for (let i = 0; i < ROWS; i++) {
    const village = `33.72.0${1 + (i % 5)}.100${1 + (i % 2)}`;
    const birth = `19${40 + Math.floor(i / 9000)}-0${1 + (Math.floor(i / 3000) % 3)}-1${i % 9}`;
    let nik = syntheticNik(village.slice(0, 8), birth, 'L', 1 + (i % 9000));
    if (i % 997 === 500) nik = `${nik.slice(0, 12)}0000`;
    else if (i % 1499 === 700) nik = previous;
    else good += 1;
    previous = nik;
    lines.push([nik, `Warga ${i}`, 'L', birth.split('-').reverse().join('-'), village, i % 3 ? '' : 'Fakir Miskin'].join(';'));
  }
  return { bytes: Buffer.from(lines.join('\n')), good };
}

async function login(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  const cookie = /pilar_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  return { cookie, 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}

describe('an import survives SIGKILL of the server', () => {
  it('resumes after a restart and ends with exactly the good rows', { timeout: 600_000 }, async () => {
    database = await createTestDatabase();
    const user = await buildUser(database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] });
    const dataDir = await mkdtemp(join(tmpdir(), 'pilar-crash-'));
    await chmod(dataDir, 0o755);
    dirs.push(dataDir);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
    Object.assign(env, {
      DATABASE_URL: database.ownerUrl,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      PILAR_DATA_DIR: dataDir,
      PILAR_DEMO: 'false',
      PILAR_LOG_LEVEL: 'warn',
      PILAR_ADMIN_PASSWORD: 'admin-password-for-crash-test',
      PILAR_LOOKUP_KEY: testKeys.lookup.toString('base64'),
      PILAR_ENCRYPTION_KEY: testKeys.encryption.toString('base64'),
    });
    const { bytes, good } = bigCsv();

    const first = await start(env);
    const headers = await login(first.url, user.username, user.password);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), 'besar.csv');
    const up = await fetch(`${first.url}/api/v1/imports?target=persons`, { method: 'POST', headers, body: form });
    expect(up.status).toBe(201);
    const { id, suggestedMapping, totalRows } = (await up.json()) as {
      id: string;
      suggestedMapping: Record<string, number>;
      totalRows: number;
    };
    expect(totalRows).toBe(ROWS);
    const commit = await fetch(`${first.url}/api/v1/imports/${id}/commit`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ mapping: suggestedMapping }),
    });
    expect(commit.status).toBe(202);

    // Kill -9 once some batches are committed and more are to come.
    let done = 0;
    for (let i = 0; i < 1200 && done === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      done = ((await (await fetch(`${first.url}/api/v1/imports/${id}`, { headers })).json()) as { progress: { done: number } })
        .progress.done;
    }
    expect(done).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const mid = (await database.ownerQuery(`SELECT status, done_rows FROM import_run WHERE id = $1`, [id])).rows[0];
    expect(mid.status).toBe('running');
    expect(mid.done_rows).toBeLessThan(ROWS);

    const second = await start(env);
    const headers2 = await login(second.url, user.username, user.password);
    let body: {
      status: string;
      counts: { accepted: number; unchanged: number; rejected: number };
      progress: { done: number; total: number };
    } | null = null;
    for (let i = 0; i < 3000; i++) {
      body = await (await fetch(`${second.url}/api/v1/imports/${id}`, { headers: headers2 })).json();
      if (['succeeded', 'failed', 'cancelled'].includes(body!.status)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(body).toMatchObject({
      status: 'succeeded',
      counts: { accepted: good, unchanged: 0, rejected: ROWS - good },
      progress: { done: ROWS, total: ROWS },
    });
    const db = await database.ownerQuery(
      `SELECT (SELECT count(*) FROM person)::int AS persons, (SELECT count(DISTINCT nik_hash) FROM person)::int AS niks,
              (SELECT count(*) FROM import_row WHERE import_id = $1)::int AS outcomes,
              (SELECT attempts FROM job_run WHERE id = (SELECT job_id FROM import_run WHERE id = $1)) AS attempts`,
      [id],
    );
    expect(db.rows[0]).toMatchObject({ persons: good, niks: good, outcomes: ROWS });
    expect(db.rows[0].attempts).toBeGreaterThanOrEqual(2);
  });
});
