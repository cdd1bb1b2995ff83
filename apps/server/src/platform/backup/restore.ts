import { createReadStream, existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { listMigrationFiles, migrate } from '../db/migrate';
import type { BackupManifest } from './backup';
import { tableChecksum } from './tables';

/**
 * `pilar restore`: into an EMPTY database (fresh data directory or a new
 * external database). Migrates up to the backup's version, replaces the seeded
 * reference rows with the backed-up ones, loads every table with COPY (user
 * triggers off, so change logs and audit rules do not fire twice), resets
 * sequences, restores files and keys, then checks every table's checksum.
 */
export async function restore(opts: { ownerUrl: string; dataDir: string; fromDir: string; log?: (m: string) => void }): Promise<void> {
  const log = opts.log ?? (() => {});
  const manifest = JSON.parse(await readFile(join(opts.fromDir, 'manifest.json'), 'utf8')) as BackupManifest;
  if (manifest.format !== 'pilar-backup' || manifest.version !== 1) throw new Error('Not a Pilar backup (manifest.json)');
  const known = (await listMigrationFiles()).map((m) => m.version);
  if (!known.includes(manifest.migration)) {
    throw new Error(`The backup is at migration ${manifest.migration}, which this version of Pilar does not have; upgrade Pilar first.`);
  }
  const client = new pg.Client({ connectionString: opts.ownerUrl, application_name: 'pilar-restore' });
  await client.connect();
  try {
    const audit = await client.query(`SELECT to_regclass('audit_event') IS NOT NULL AS has`);
    if (audit.rows[0].has && (await client.query(`SELECT count(*)::int AS n FROM audit_event`)).rows[0].n > 0) {
      throw new Error('The target database is not empty (it has an audit trail). Restore into a fresh data directory or a new database.');
    }
    await migrate(client, { log, upTo: manifest.migration });
    await client.query('BEGIN');
    const present = new Set((await client.query(`SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind IN ('r','p')`)).rows.map((r) => r.relname));
    const tables = manifest.tables.filter((t) => present.has(t.name));
    const names = tables.map((t) => `"${t.name}"`).join(', ');
    for (const t of tables) await client.query(`ALTER TABLE "${t.name}" DISABLE TRIGGER USER`);
    // Rows the migrations seeded (areas, catalogues…) give way to the backed-up ones.
    await client.query(`TRUNCATE ${names} RESTART IDENTITY CASCADE`);
    for (const t of tables) {
      await pipeline(createReadStream(join(opts.fromDir, t.file)), createGunzip(), client.query(copyFrom(`COPY "${t.name}" FROM STDIN`)));
      log(`  ${t.name}: ${t.rows} rows`);
    }
    for (const t of tables) await client.query(`ALTER TABLE "${t.name}" ENABLE TRIGGER USER`);
    // Sequences continue after the restored rows.
    const seqs = await client.query(
      `SELECT s.relname AS seq, t.relname AS tbl, a.attname AS col
       FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype = 'a'
       JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       JOIN pg_namespace n ON n.oid = s.relnamespace
       WHERE s.relkind = 'S' AND n.nspname = 'public'`,
    );
    for (const s of seqs.rows) {
      await client.query(`SELECT setval('"${s.seq}"', COALESCE((SELECT max("${s.col}") FROM "${s.tbl}"), 0) + 1, false)`);
    }
    for (const t of tables) {
      const sum = await tableChecksum(client, { name: t.name, key: t.key });
      if (sum.rows !== t.rows || sum.md5 !== t.md5) throw new Error(`Table ${t.name} does not match the backup after loading (rows ${sum.rows}/${t.rows})`);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
  if (manifest.files && existsSync(join(opts.fromDir, 'files'))) {
    await cp(join(opts.fromDir, 'files'), join(opts.dataDir, 'files'), { recursive: true });
  }
  if (manifest.keys === 'included' && existsSync(join(opts.fromDir, 'keys.json'))) {
    await writeFile(join(opts.dataDir, 'keys.json'), await readFile(join(opts.fromDir, 'keys.json')), { mode: 0o600 });
  }
}
