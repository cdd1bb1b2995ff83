import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

/** SQL for webhook subscriptions, the outbox and deliveries. */
export interface WebhookRow {
  id: string;
  name: string;
  url: string;
  events: string[];
  areaCode: string;
  active: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: Date;
}
const COLUMNS = `id, name, url, events, area_code AS "areaCode", active, disabled_reason AS "disabledReason",
  consecutive_failures AS "consecutiveFailures", created_at AS "createdAt"`;

export async function insert(
  db: Queryable,
  w: { id: string; name: string; url: string; events: string[]; areaCode: string; secret: string; createdBy: string; now: Date },
) {
  await db.query(
    `INSERT INTO webhook_subscription (id, name, url, events, area_code, secret, created_by, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8)`,
    [w.id, w.name, w.url, w.events, w.areaCode, w.secret, w.createdBy, w.now],
  );
}

/** A subscription whose area lies inside `scopes` (webhook.manage). */
export async function find(db: Queryable, id: string, scopes: string[]): Promise<WebhookRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM webhook_subscription WHERE id = $1 AND ${scopePredicate('area_code', scopes, params)}`,
    params,
  );
  return rows[0] ?? null;
}

export async function list(db: Queryable, scopes: string[]): Promise<WebhookRow[]> {
  const params: unknown[] = [];
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM webhook_subscription WHERE ${scopePredicate('area_code', scopes, params)} ORDER BY created_at DESC, id`,
    params,
  );
  return rows;
}

export async function update(db: Queryable, id: string, set: Record<string, unknown>, now: Date): Promise<void> {
  const cols = Object.keys(set);
  await db.query(
    `UPDATE webhook_subscription SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}${cols.length ? ',' : ''} updated_at = $2 WHERE id = $1`,
    [id, now, ...cols.map((c) => set[c])],
  );
}

export async function remove(db: Queryable, id: string): Promise<void> {
  await db.query(`DELETE FROM webhook_subscription WHERE id = $1`, [id]);
}

export async function ping(db: Queryable, sub: WebhookRow): Promise<void> {
  await db.query(`INSERT INTO webhook_outbox (event_type, area_code, payload, only_subscription) VALUES ('ping', $1, $2, $3)`, [
    sub.areaCode,
    JSON.stringify({ webhookId: sub.id }),
    sub.id,
  ]);
}

export async function deliveries(db: Queryable, subscriptionId: string, limit: number, offset: number) {
  const total = (await db.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE subscription_id = $1`, [subscriptionId]))
    .rows[0].n as number;
  const { rows } = await db.query(
    `SELECT d.id, d.outbox_id::text AS "eventId", o.event_type AS "eventType", d.status, d.attempts, d.next_attempt_at AS "nextAttemptAt",
            d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.created_at AS "createdAt", d.delivered_at AS "deliveredAt"
     FROM webhook_delivery d JOIN webhook_outbox o ON o.id = d.outbox_id WHERE d.subscription_id = $1
     ORDER BY d.created_at DESC, d.id LIMIT $2 OFFSET $3`,
    [subscriptionId, limit, offset],
  );
  const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);
  return {
    total,
    items: rows.map((r) => ({
      ...r,
      nextAttemptAt: r.status === 'pending' ? iso(r.nextAttemptAt) : null,
      createdAt: iso(r.createdAt)!,
      deliveredAt: iso(r.deliveredAt),
    })),
  };
}
