import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { tableChecksum, tablesInDependencyOrder } from './tables';

/**
 * `pilar backup`: a consistent logical copy of the database (one REPEATABLE READ
 * snapshot, every table as gzipped COPY text in key order), the uploaded files
 * and the identifier keys, in one directory with a manifest of row counts and
 * checksums. It needs no pg_dump, so it works with the embedded server (whose
 * package ships no client tools) and with any external PostgreSQL ≥ 15.
 */
export interface BackupManifest {
  format: 'pilar-backup';
  version: 1;
  createdAt: string;
  migration: string;
  tables: { name: string; key: string[]; rows: number; md5: string; file: string }[];
  files: boolean;
  keys: 'included' | 'from-environment';
}

export async function backup(opts: { ownerUrl: string; dataDir: string; outDir: string; keysFromEnv: boolean; log?: (m: string) => void }): Promise<BackupManifest> {
  const log = opts.log ?? (() => {});
  if (existsSync(opts.outDir)) throw new Error(`${opts.outDir} already exists; choose a new directory`);
  await mkdir(join(opts.outDir, 'data'), { recursive: true, mode: 0o700 });
  const client = new pg.Client({ connectionString: opts.ownerUrl, application_name: 'pilar-backup' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migration = (await client.query(`SELECT max(version) AS v FROM schema_migration`)).rows[0].v as string;
    const tables = await tablesInDependencyOrder(client);
    const manifest: BackupManifest = {
      format: 'pilar-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      migration,
      tables: [],
      files: false,
      keys: opts.keysFromEnv ? 'from-environment' : 'included',
    };
    for (const t of tables) {
      const file = `data/${t.name}.copy.gz`;
      const order = t.key.length ? ` ORDER BY ${t.key.map((k) => `"${k}"`).join(', ')}` : '';
      await pipeline(client.query(copyTo(`COPY (SELECT * FROM "${t.name}"${order}) TO STDOUT`)), createGzip(), createWriteStream(join(opts.outDir, file), { mode: 0o600 }));
      const sum = await tableChecksum(client, t);
      manifest.tables.push({ name: t.name, key: t.key, rows: sum.rows, md5: sum.md5, file });
      log(`  ${t.name}: ${sum.rows} rows`);
    }
    await client.query('COMMIT');
    const filesDir = join(opts.dataDir, 'files');
    if (existsSync(filesDir)) {
      await cp(filesDir, join(opts.outDir, 'files'), { recursive: true });
      manifest.files = true;
    }
    const keys = join(opts.dataDir, 'keys.json');
    if (!opts.keysFromEnv && existsSync(keys)) await writeFile(join(opts.outDir, 'keys.json'), await readFile(keys), { mode: 0o600 });
    await writeFile(join(opts.outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    return manifest;
  } finally {
    await client.end();
  }
}

/** SHA-256 of a file, for the tests and for operators comparing copies. */
export async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(path), h);
  return h.digest('hex');
}
