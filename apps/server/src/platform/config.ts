import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Configuration is read once, validated, and fails listing every problem.
 * Nothing here reaches the browser.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** External PostgreSQL ≥ 15. Absent: start the embedded server. */
  DATABASE_URL: z.string().url().optional(),
  PILAR_DATA_DIR: z.string().default('./data'),
  /** Port of the embedded PostgreSQL; never 5432 so it does not collide with a system server. */
  PILAR_PG_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
  PILAR_WEB_DIST: z.string().optional(),
  PILAR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema> & { dataDir: string; webDist: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  return {
    ...c,
    dataDir: resolve(c.PILAR_DATA_DIR),
    webDist: resolve(c.PILAR_WEB_DIST ?? new URL('../../../web/dist', import.meta.url).pathname),
  };
}
