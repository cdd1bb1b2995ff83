import { loadConfig } from '../src/platform/config';
import { startPilar, type RunningPilar } from '../src/server';
import { createTestDatabase, type TestDatabase } from './db';
import { testDataDir, testKeys } from './keys';

export interface TestServer {
  url: string;
  pilar: RunningPilar;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real server (real PostgreSQL, reference data loaded) on a free port,
 * serving the built web app from apps/web/dist. Each call gets its own database.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.ownerUrl,
    PILAR_LOG_LEVEL: 'silent',
    PILAR_DEMO: 'false',
    PILAR_DATA_DIR: testDataDir(),
    PILAR_LOOKUP_KEY: testKeys.lookup.toString('base64'),
    PILAR_ENCRYPTION_KEY: testKeys.encryption.toString('base64'),
    // Lets parallel work serve its own build (vite build --outDir …) instead of apps/web/dist.
    ...(process.env.PILAR_WEB_DIST ? { PILAR_WEB_DIST: process.env.PILAR_WEB_DIST } : {}),
    ...env,
  });
  const pilar = await startPilar(config, { logger: false });
  return {
    url: pilar.url,
    pilar,
    database,
    close: async () => {
      await pilar.stop();
      await database.drop();
    },
  };
}
