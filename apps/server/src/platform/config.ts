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
  /** 32 random bytes, base64: key of the lookup hash of NIK / No. KK. Required in production. */
  PILAR_LOOKUP_KEY: z.string().optional(),
  /** 32 random bytes, base64: key encrypting NIK / No. KK values. Required in production. */
  PILAR_ENCRYPTION_KEY: z.string().optional(),
  /** Password of the first `admin` user; generated and printed once when absent. */
  PILAR_ADMIN_PASSWORD: z.string().min(10).optional(),
  /** Load the synthetic demo data set on first start. */
  PILAR_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  PILAR_SESSION_IDLE_HOURS: z.coerce.number().positive().default(72),
  PILAR_SESSION_MAX_DAYS: z.coerce.number().positive().default(30),
  PILAR_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  PILAR_LOGIN_LOCK_SECONDS: z.coerce.number().positive().default(900),
  /** Sign-in attempts per minute from one IP address; 0 turns the limit off. Default 30 (off in the test profile). */
  PILAR_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(0).optional(),
  /** Secure cookies; defaults to on in production. */
  PILAR_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  /**
   * Map tiles of the dashboard (issue 7): an XYZ URL template such as
   * `https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png`. Empty or absent: no tiles, the
   * markers sit on a blank background (no third party is contacted). Its host is added
   * to the CSP img-src.
   */
  PILAR_MAP_TILE_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || mapTileOrigin(v) !== null, 'an http(s) URL template with {z}, {x} and {y}'),
  /** Attribution shown on the map for the tiles (e.g. "© OpenStreetMap contributors"). */
  PILAR_MAP_TILE_ATTRIBUTION: z.string().trim().max(300).optional(),
});

/**
 * The CSP source of a tile URL template: `https://{s}.tile.example.org/{z}/{x}/{y}.png`
 * gives `https://*.tile.example.org`; null when it is not an http(s) template with {z}/{x}/{y}.
 */
export function mapTileOrigin(template: string): string | null {
  if (!['{z}', '{x}', '{y}'].every((p) => template.includes(p))) return null;
  try {
    const url = new URL(template.replace(/\{s\}/g, 'subdomain').replace(/\{[a-z]+\}/gi, '0'));
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    const host = /^https?:\/\/\{s\}\./.test(template) ? url.host.replace(/^subdomain\./, '*.') : url.host;
    return `${url.protocol}//${host}`;
  } catch {
    return null;
  }
}

export type Config = z.infer<typeof schema> & { dataDir: string; webDist: string; secureCookies: boolean };

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
    secureCookies: c.PILAR_SECURE_COOKIES ? c.PILAR_SECURE_COOKIES === 'true' : c.NODE_ENV === 'production',
    webDist: resolve(c.PILAR_WEB_DIST ?? new URL('../../../web/dist', import.meta.url).pathname),
  };
}
