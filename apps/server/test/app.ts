import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/platform/config';
import { buildApp } from '../src/platform/http/app';
import { IdentifierProtector } from '../src/platform/security/identifiers';
import { testDataDir, testKeys } from './keys';
import { createTestDatabase, type TestDatabase } from './db';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real Fastify app over a fresh real database, driven with `app.inject()`. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.ownerUrl, PILAR_LOG_LEVEL: 'silent',
    PILAR_DATA_DIR: testDataDir(), ...env });
  const app = await buildApp({ db: database.db, config, ids: new IdentifierProtector(testKeys) }, { logger: false });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
