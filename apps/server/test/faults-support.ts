import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { freePort } from './global-setup';

/**
 * The real server as a child process for the fault tests (issue 12): started with
 * `pilar start` on a free loopback port, killed outright with SIGKILL. Not a test file.
 */
const BIN = fileURLToPath(new URL('../bin/pilar.js', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts the server with `env` (PORT is chosen here); retries a port taken in between. */
export async function startServer(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    env.PORT = String(await freePort());
    try {
      return await startOnce(env);
    } catch (err) {
      if (attempt >= 3 || !/EADDRINUSE/.test(String(err))) throw err;
    }
  }
}

function startOnce(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (c: Buffer) => {
      out += c.toString();
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

export const alive = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;

/** Kills the server outright; it must still have been running (a crash on its own is a finding). */
export async function kill9(s: ServerProcess): Promise<void> {
  expect(alive(s.child), `the server died on its own:\n${s.output().slice(-3000)}`).toBe(true);
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGKILL');
  await exited;
}

/** Every request is bounded: a connection cut by a kill must never hang the test. */
export const bounded = (init: RequestInit = {}): RequestInit => ({ ...init, signal: AbortSignal.timeout(10_000) });

/** Signs in over HTTP; the headers (session cookie, CSRF token, JSON) for the next requests. */
export async function signIn(url: string, username: string, password: string) {
  const res = await fetch(
    `${url}/api/v1/auth/login`,
    bounded({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }),
  );
  if (res.status !== 200) throw new Error(`sign-in ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('pilar_session='))!
    .split(';')[0]!;
  return { cookie, 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken, 'content-type': 'application/json' };
}
