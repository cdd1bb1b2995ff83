import pg from 'pg';
import type { Config } from '../config';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded';
import { createDb, type Db } from './pool';
import { migrate } from './migrate';

export const APP_ROLE = 'pilar_app';

export interface DatabaseHandle {
  /** Pool whose connections act as the restricted application role. */
  db: Db;
  /** Owner connection URL (migrations, maintenance, the CLI). */
  ownerUrl: string;
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

/** Creates `name` on the server behind `adminUrl` if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export async function runMigrations(ownerUrl: string, log?: (m: string) => void): Promise<string[]> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'pilar-migrate' });
  await client.connect();
  try {
    return await migrate(client, log ? { log } : {});
  } finally {
    await client.end();
  }
}

/** A pool whose every connection switches to the application role first. */
export function createAppDb(ownerUrl: string, max = 10): Db {
  return createDb(ownerUrl, { max, role: APP_ROLE });
}

/**
 * Opens the database the configuration points at: DATABASE_URL, or the
 * embedded PostgreSQL in the data directory (database `pilar`).
 */
export async function openDatabase(
  config: Config,
  opts: { migrate?: boolean; log?: (m: string) => void } = {},
): Promise<DatabaseHandle> {
  let embedded: EmbeddedServer | null = null;
  let ownerUrl: string;
  if (config.DATABASE_URL) {
    ownerUrl = config.DATABASE_URL;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.PILAR_PG_PORT });
    await ensureDatabase(embedded.adminUrl, 'pilar');
    ownerUrl = embedded.urlFor('pilar');
  }
  try {
    if (opts.migrate !== false) await runMigrations(ownerUrl, opts.log);
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  const db = createAppDb(ownerUrl);
  return {
    db,
    ownerUrl,
    embedded,
    close: async () => {
      await db.close();
      await embedded?.stop();
    },
  };
}
