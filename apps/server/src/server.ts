import type { FastifyInstance } from 'fastify';
import type { Config } from './platform/config';
import { openDatabase, type DatabaseHandle } from './platform/db/database';
import { buildApp } from './platform/http/app';
import { ensureAdmin } from './modules/auth/admin';
import { listDemoLogins, loadDemoData, type DemoLogin } from './modules/demo/demo.service';
import { IdentifierProtector } from './platform/security/identifiers';
import { loadKeys } from './platform/security/keys';

export interface RunningPilar {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  /** Demo accounts to print (empty unless the demo data set is loaded). */
  demoLogins: DemoLogin[];
  stop(): Promise<void>;
}

/** Opens (and migrates) the database, then serves the API and web app. */
export async function startPilar(config: Config, opts: { log?: (m: string) => void; logger?: boolean } = {}): Promise<RunningPilar> {
  const ids = new IdentifierProtector(await loadKeys(config));
  const database = await openDatabase(config, { ...(opts.log ? { log: opts.log } : {}) });
  let app: FastifyInstance;
  try {
    app = await buildApp({ db: database.db, ownerUrl: database.ownerUrl, config, ids }, { ...(opts.logger === false ? { logger: false } : {}) });
    await ensureAdmin(app.pilar, config, opts.log ?? ((m) => app.log.warn(m)));
    await loadDemoData(app.pilar, config, opts.log ?? ((m) => app.log.info(m)));
    await app.pilar.jobs.start();
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    await database.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  let stopping: Promise<void> | null = null;
  return {
    app,
    database,
    url: `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`,
    demoLogins: config.PILAR_DEMO ? await listDemoLogins(app.pilar) : [],
    stop: () =>
      (stopping ??= (async () => {
        await app.close();
        await database.close();
      })()),
  };
}
