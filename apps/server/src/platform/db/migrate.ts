import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';

/**
 * Forward-only migrations (STYLE.md §10). Files in `apps/server/migrations`:
 * `NNNN_name.sql` (plain SQL) or `NNNN_name.ts` (exports `up(client)` for data
 * loads such as the area reference data). Each runs in its own transaction; the
 * whole run holds an advisory lock so two servers starting together do not race.
 * A migration edited after it was applied is refused (checksum mismatch).
 */
export const MIGRATIONS_DIR = new URL('../../../migrations/', import.meta.url).pathname;
const LOCK_KEY = 0x70696c6172; // 'pilar'

export interface MigrationFile {
  version: string;
  name: string;
  file: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: { version: string; name: string; appliedAt: string }[];
  pending: MigrationFile[];
  current: string | null;
}

export async function listMigrationFiles(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.(sql|ts)$/.test(f)).sort();
  const files: MigrationFile[] = [];
  for (const f of names) {
    const text = await readFile(join(dir, f));
    files.push({
      version: f.slice(0, 4),
      name: f.replace(/\.(sql|ts)$/, ''),
      file: join(dir, f),
      checksum: createHash('sha256').update(text).digest('hex'),
    });
  }
  const seen = new Set<string>();
  for (const m of files) {
    if (seen.has(m.version)) throw new Error(`Two migrations share version ${m.version}`);
    seen.add(m.version);
  }
  return files;
}

async function ensureTable(client: pg.ClientBase): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
    version text PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
}

export async function migrationStatus(client: pg.ClientBase, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const files = await listMigrationFiles(dir);
  const exists = await client.query(`SELECT to_regclass('schema_migration') AS t`);
  const rows = exists.rows[0].t
    ? (await client.query(`SELECT version, name, checksum, applied_at FROM schema_migration ORDER BY version`)).rows
    : [];
  const applied = new Map(rows.map((r) => [r.version as string, r]));
  for (const f of files) {
    const a = applied.get(f.version);
    if (a && a.checksum !== f.checksum) {
      throw new Error(`Migration ${f.name} was changed after it was applied. Migrations are never edited; add a new one.`);
    }
  }
  return {
    applied: rows.map((r) => ({ version: r.version, name: r.name, appliedAt: new Date(r.applied_at).toISOString() })),
    pending: files.filter((f) => !applied.has(f.version)),
    current: rows.length ? rows[rows.length - 1].version : null,
  };
}

/** Applies every pending migration; returns the names applied. */
export async function migrate(
  client: pg.ClientBase,
  opts: { dir?: string; log?: (msg: string) => void; /** Stop after this version (restores). */ upTo?: string } = {},
): Promise<string[]> {
  const log = opts.log ?? (() => {});
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    await ensureTable(client);
    const { pending: all } = await migrationStatus(client, opts.dir);
    const pending = opts.upTo ? all.filter((m) => m.version <= opts.upTo!) : all;
    for (const m of pending) {
      const started = Date.now();
      await client.query('BEGIN');
      try {
        if (m.file.endsWith('.sql')) {
          await client.query(await readFile(m.file, 'utf8'));
        } else {
          // Keyed by checksum: a module fixed after a failed run is re-read, not served from the import cache.
          const url = `${pathToFileURL(m.file).href}?checksum=${m.checksum}`;
          const mod = (await import(url)) as { up(c: pg.ClientBase): Promise<void> };
          await mod.up(client);
        }
        await client.query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          m.checksum,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      log(`migrated ${m.name} (${Date.now() - started} ms)`);
    }
    return pending.map((m) => m.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
