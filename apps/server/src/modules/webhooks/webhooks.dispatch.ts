import { SYSTEM } from '../../platform/access/actor';
import { runAs } from '../../platform/access/unit-of-work';
import type { Queryable } from '../../platform/db/pool';
import type { JobContext, JobKind } from '../../platform/jobs/jobs';
import { post, sign } from './webhooks.net';
import { DISPATCH_JOB } from './webhooks.service';
import { backoffMs, webhookSettings, type WebhookSettings } from './webhooks.settings';

/**
 * The webhook dispatcher, a job that polls the outbox: fans new events out to the
 * matching active subscriptions (event type, area prefix, subscribed before the
 * event), then POSTs due deliveries with an HMAC-SHA256 signature, retrying with
 * exponential backoff, logging every attempt, and disabling a subscription after
 * too many consecutive failures. It runs for a while, then queues its successor, so
 * a crash or restart only delays delivery (the job runner resumes it).
 */
const RUN_FOR_MS = 10 * 60_000;
const IDLE_MS = 250;
const CLAIM_MS = 120_000;

async function fanOut(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    `WITH batch AS (
       SELECT id FROM webhook_outbox WHERE NOT fanned_out ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED
     ), deliveries AS (
       INSERT INTO webhook_delivery (id, subscription_id, outbox_id, status, attempts, next_attempt_at, created_at)
       SELECT gen_random_uuid(), s.id, o.id, 'pending', 0, now(), now()
       FROM webhook_outbox o JOIN batch b ON b.id = o.id
       JOIN webhook_subscription s ON s.active AND s.created_at <= o.occurred_at
        AND (o.only_subscription = s.id OR (o.only_subscription IS NULL AND o.event_type = ANY (s.events)
             AND (s.area_code = 'ID' OR o.area_code = s.area_code OR o.area_code LIKE s.area_code || '.%')))
       ON CONFLICT DO NOTHING
     )
     UPDATE webhook_outbox SET fanned_out = true WHERE id IN (SELECT id FROM batch)`,
  );
  return rowCount ?? 0;
}

interface Due {
  id: string;
  attempts: number;
  subscriptionId: string;
  url: string;
  secret: string;
  outboxId: string;
  eventType: string;
  areaCode: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** Claims due deliveries for a while (another dispatcher skips them), oldest first. */
async function claim(db: Queryable): Promise<Due[]> {
  const { rows } = await db.query(
    `UPDATE webhook_delivery d SET next_attempt_at = now() + $1 * interval '1 millisecond'
     FROM webhook_subscription s, webhook_outbox o
     WHERE d.id IN (SELECT d2.id FROM webhook_delivery d2 JOIN webhook_subscription s2 ON s2.id = d2.subscription_id
                    WHERE d2.status = 'pending' AND d2.next_attempt_at <= now() AND s2.active
                    ORDER BY d2.next_attempt_at LIMIT 20 FOR UPDATE OF d2 SKIP LOCKED)
       AND s.id = d.subscription_id AND o.id = d.outbox_id
     RETURNING d.id, d.attempts, s.id AS "subscriptionId", s.url, s.secret, o.id::text AS "outboxId", o.event_type AS "eventType",
               o.area_code AS "areaCode", o.payload, o.occurred_at AS "occurredAt"`,
    [CLAIM_MS],
  );
  return rows;
}

async function deliver(db: Queryable, d: Due, settings: WebhookSettings): Promise<'delivered' | 'retry' | 'disabled'> {
  const body = JSON.stringify({
    id: d.outboxId,
    type: d.eventType,
    occurredAt: new Date(d.occurredAt).toISOString(),
    areaCode: d.areaCode,
    data: d.payload,
  });
  const t = Math.floor(Date.now() / 1000);
  const res = await post(
    d.url,
    body,
    {
      'content-type': 'application/json',
      'user-agent': 'Pilar-Webhooks/1',
      'x-pilar-event': d.eventType,
      'x-pilar-event-id': d.outboxId,
      'x-pilar-delivery': d.id,
      'x-pilar-signature': sign(d.secret, body, t),
    },
    settings,
  );
  const ok = res.status !== null && res.status >= 200 && res.status < 300;
  const attempt = d.attempts + 1;
  const error = ok ? null : (res.error ?? `HTTP ${res.status}`);
  await db.query(
    `INSERT INTO webhook_attempt (delivery_id, attempt, at, status_code, error, duration_ms) VALUES ($1, $2, now(), $3, $4, $5)`,
    [d.id, attempt, res.status, error, res.ms],
  );
  if (ok) {
    await db.query(
      `UPDATE webhook_delivery SET status = 'delivered', attempts = $2, last_status_code = $3, last_error = NULL, delivered_at = now() WHERE id = $1`,
      [d.id, attempt, res.status],
    );
    await db.query(`UPDATE webhook_subscription SET consecutive_failures = 0 WHERE id = $1`, [d.subscriptionId]);
    return 'delivered';
  }
  const final = attempt >= settings.maxAttempts;
  await db.query(
    `UPDATE webhook_delivery SET status = $2, attempts = $3, last_status_code = $4, last_error = $5,
            next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + $6 * interval '1 millisecond' END WHERE id = $1`,
    [d.id, final ? 'failed' : 'pending', attempt, res.status, error, backoffMs(settings, attempt)],
  );
  const { rows } = await db.query(
    `UPDATE webhook_subscription SET consecutive_failures = consecutive_failures + 1,
            active = CASE WHEN consecutive_failures + 1 >= $2 THEN false ELSE active END,
            disabled_reason = CASE WHEN consecutive_failures + 1 >= $2 AND active THEN $3 ELSE disabled_reason END
     WHERE id = $1 RETURNING active, consecutive_failures`,
    [
      d.subscriptionId,
      settings.disableAfter,
      `dinonaktifkan setelah ${settings.disableAfter} kegagalan berturut-turut / disabled after ${settings.disableAfter} consecutive failures`,
    ],
  );
  return rows[0]?.active === false && rows[0].consecutive_failures === settings.disableAfter ? 'disabled' : 'retry';
}

async function stillNeeded(db: Queryable): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT EXISTS (SELECT 1 FROM webhook_subscription WHERE active) OR EXISTS (SELECT 1 FROM webhook_outbox WHERE NOT fanned_out) AS needed`,
  );
  return rows[0].needed;
}

export const dispatchJob: JobKind<{ runForMs?: number }, { delivered: number }> = {
  name: DISPATCH_JOB,
  retryLimit: 1000,
  async run(job: JobContext<{ runForMs?: number }>) {
    const db = job.services.db.pool;
    const until = Date.now() + (job.params.runForMs ?? RUN_FOR_MS);
    let delivered = 0;
    let beat = 0;
    // The server is shutting down (its pool is closing): stop; the next start resumes the run.
    const closing = () => (db as unknown as { ending?: boolean }).ending === true;
    while (Date.now() < until) {
      if (closing()) return { delivered };
      const settings = webhookSettings();
      await fanOut(db);
      const due = await claim(db);
      const results = await Promise.all(due.map((d) => deliver(db, d, settings)));
      delivered += results.filter((r) => r === 'delivered').length;
      const disabled = due.filter((_, i) => results[i] === 'disabled').map((d) => d.subscriptionId);
      if (disabled.length) {
        await runAs(job.services, SYSTEM, null, async (ctx) => {
          for (const id of disabled)
            ctx.audit.record({
              action: 'webhook.disabled',
              entityType: 'webhook',
              entityId: id,
              details: { after: settings.disableAfter },
            });
        });
      }
      if (Date.now() - beat > 2_000) {
        beat = Date.now();
        await job.progress(delivered, null);
        if (!(await stillNeeded(db))) return { delivered };
      }
      if (due.length === 0) await new Promise((r) => setTimeout(r, IDLE_MS));
    }
    // Hand over to a fresh run (bounded job length; the runner resumes it after a crash).
    await runAs(job.services, SYSTEM, null, (ctx) =>
      ctx.jobs.enqueue(ctx, DISPATCH_JOB, job.params, { purpose: 'Pengiriman webhook' }),
    );
    return { delivered };
  },
};
