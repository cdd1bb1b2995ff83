import { z } from 'zod';

/**
 * Webhook delivery settings, from the environment. Read on use (cheap), so a test can
 * shorten the backoff. TODO(lead): move into platform/config.ts with the rest.
 *
 * - PILAR_WEBHOOK_ALLOW_PRIVATE: deliver to loopback/private addresses (default: only when NODE_ENV=test).
 * - PILAR_WEBHOOK_RETRY_BASE_MS: first retry delay, doubled per attempt, capped at an hour (default 30 s).
 * - PILAR_WEBHOOK_MAX_ATTEMPTS: attempts per delivery before it is marked failed (default 8).
 * - PILAR_WEBHOOK_DISABLE_AFTER: consecutive failed attempts that disable a subscription (default 20).
 * - PILAR_WEBHOOK_TIMEOUT_MS: per request (default 5 s).
 */
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const schema = z.object({
  NODE_ENV: z.string().optional(),
  PILAR_WEBHOOK_ALLOW_PRIVATE: bool.optional(),
  PILAR_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(30_000),
  PILAR_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  PILAR_WEBHOOK_DISABLE_AFTER: z.coerce.number().int().min(1).default(20),
  PILAR_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
});

export interface WebhookSettings {
  allowPrivate: boolean;
  retryBaseMs: number;
  maxAttempts: number;
  disableAfter: number;
  timeoutMs: number;
}

export function webhookSettings(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  const c = schema.parse(env);
  return {
    allowPrivate: c.PILAR_WEBHOOK_ALLOW_PRIVATE ?? c.NODE_ENV === 'test',
    retryBaseMs: c.PILAR_WEBHOOK_RETRY_BASE_MS,
    maxAttempts: c.PILAR_WEBHOOK_MAX_ATTEMPTS,
    disableAfter: c.PILAR_WEBHOOK_DISABLE_AFTER,
    timeoutMs: c.PILAR_WEBHOOK_TIMEOUT_MS,
  };
}

/** Delay before attempt `n + 1` after `n` failed attempts: base × 2^(n−1), at most an hour. */
export function backoffMs(settings: WebhookSettings, failedAttempts: number): number {
  return Math.min(settings.retryBaseMs * 2 ** Math.max(0, failedAttempts - 1), 3_600_000);
}
