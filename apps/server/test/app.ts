import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/platform/config';
import type { Clock } from '../src/platform/access/unit-of-work';
import { buildApp } from '../src/platform/http/app';
import { IdentifierProtector } from '../src/platform/security/identifiers';
import { testDataDir, testKeys } from './keys';
import { createTestDatabase, type TestDatabase } from './db';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

/** A clock the test moves by hand: `new ManualClock()`, then `clock.advance(ms)`. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-03-02T08:00:00Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/**
 * The real Fastify app over a fresh real database, driven with `app.inject()`.
 * Pass `{ clock }` (e.g. a ManualClock) to control the time the server sees.
 */
export async function createTestApp(env: Record<string, string> = {}, opts: { clock?: Clock } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.ownerUrl, PILAR_LOG_LEVEL: 'silent',
    PILAR_DEMO: 'false',
    PILAR_DATA_DIR: testDataDir(), ...env });
  const app = await buildApp(
    { db: database.db, ownerUrl: database.ownerUrl, config, ids: new IdentifierProtector(testKeys), ...(opts.clock ? { clock: opts.clock } : {}) },
    { logger: false },
  );
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
