import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createAppDb } from '../src/platform/db/database';
import type { Db } from '../src/platform/db/pool';

export interface TestDatabase {
  /** Owner (superuser) URL: maintenance, raw checks in tests. */
  ownerUrl: string;
  /** Pool acting as the application role, like the server. */
  db: Db;
  /** Owner-level query helper for assertions. */
  ownerQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<T>>;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template (areas and reference data loaded). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY = FILE_COPY`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const ownerUrl = url.toString();
  const db = createAppDb(ownerUrl);
  const owner = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  // Fault tests drop every connection of the database; an idle one dying must not crash the run.
  owner.on('error', () => {});
  return {
    ownerUrl,
    db,
    ownerQuery: (sql, params) => owner.query(sql, params),
    drop: async () => {
      await db.close();
      await owner.end();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
