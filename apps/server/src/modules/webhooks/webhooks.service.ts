import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { WebhookCreate, WebhookUpdate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf, SYSTEM, unauthenticated } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { badRequest, notFound } from '../../platform/errors';
import { isPrivateAddress } from './webhooks.net';
import { webhookSettings } from './webhooks.settings';
import * as store from './webhooks.store';

/**
 * Webhook subscriptions (issue 10), managed by holders of `webhook.manage` for an
 * area. The secret signing the deliveries is shown once, at creation or rotation.
 */
export const DISPATCH_JOB = 'webhooks.dispatch';

const present = (w: store.WebhookRow) => ({ ...w, createdAt: new Date(w.createdAt).toISOString() });

async function load(ctx: Ctx, id: string): Promise<store.WebhookRow> {
  requireAccess(ctx.actor, 'webhook.manage');
  const w = await store.find(ctx.db, id, scopeOf(ctx.actor, 'webhook.manage'));
  if (!w) throw notFound({ id: 'Webhook tidak ditemukan', en: 'Webhook not found' });
  return w;
}

/** Refuses URLs that point into the server's own network (SSRF), unless allowed by configuration. */
async function checkUrl(url: string, field = 'url'): Promise<void> {
  const refuse = (code: string, id: string, en: string) => badRequest([{ field, code, message: { id, en } }]);
  const u = new URL(url);
  if (u.username || u.password)
    throw refuse('url.credentials', 'URL tidak boleh memuat nama pengguna/kata sandi', 'The URL must not contain credentials');
  if (webhookSettings().allowPrivate) return;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw refuse('url.unresolvable', 'Nama host URL tidak dapat ditemukan', 'The URL’s host name cannot be resolved');
  }
  if (addresses.some(isPrivateAddress))
    throw refuse('url.private', 'URL menunjuk ke alamat jaringan internal', 'The URL points to an internal network address');
}

/** Makes sure a dispatcher job is queued or running (one is enough; two would only share the work). */
export async function ensureDispatcher(ctx: Ctx): Promise<void> {
  const { rows } = await ctx.db.query(`SELECT 1 FROM job_run WHERE kind = $1 AND status IN ('queued', 'running') LIMIT 1`, [
    DISPATCH_JOB,
  ]);
  if (rows.length) return;
  // Queued as the system: delivery must not stop when the user who subscribed leaves.
  await ctx.jobs.enqueue({ ...ctx, actor: SYSTEM }, DISPATCH_JOB, {}, { purpose: 'Pengiriman webhook' });
}

export async function createWebhook(ctx: Ctx, input: WebhookCreate) {
  requireAccess(ctx.actor, 'webhook.manage', { areaCode: input.areaCode });
  if (!ctx.actor.userId) throw unauthenticated();
  await checkUrl(input.url);
  const id = uuidv7();
  const secret = input.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
  await store.insert(ctx.db, {
    id,
    name: input.name,
    url: input.url,
    events: [...new Set(input.events)],
    areaCode: input.areaCode,
    secret,
    createdBy: ctx.actor.userId,
    now: ctx.clock.now(),
  });
  await ensureDispatcher(ctx);
  ctx.audit.record({
    action: 'webhook.created',
    entityType: 'webhook',
    entityId: id,
    details: { events: input.events, areaCode: input.areaCode, host: new URL(input.url).host },
  });
  return { webhook: present((await store.find(ctx.db, id, ['ID']))!), secret };
}

export async function listWebhooks(ctx: Ctx) {
  requireAccess(ctx.actor, 'webhook.manage');
  return { items: (await store.list(ctx.db, scopeOf(ctx.actor, 'webhook.manage'))).map(present) };
}

export async function getWebhook(ctx: Ctx, id: string) {
  return present(await load(ctx, id));
}

export async function updateWebhook(ctx: Ctx, id: string, patch: WebhookUpdate) {
  await load(ctx, id);
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.url !== undefined) {
    await checkUrl(patch.url);
    set.url = patch.url;
  }
  if (patch.events !== undefined) set.events = [...new Set(patch.events)];
  if (patch.active !== undefined) Object.assign(set, { active: patch.active, disabled_reason: null, consecutive_failures: 0 });
  await store.update(ctx.db, id, set, ctx.clock.now());
  if (patch.active) await ensureDispatcher(ctx);
  ctx.audit.record({
    action: 'webhook.updated',
    entityType: 'webhook',
    entityId: id,
    details: { fields: Object.keys(patch).sort() },
  });
  return present((await store.find(ctx.db, id, ['ID']))!);
}

export async function deleteWebhook(ctx: Ctx, id: string) {
  await load(ctx, id);
  await store.remove(ctx.db, id);
  ctx.audit.record({ action: 'webhook.deleted', entityType: 'webhook', entityId: id });
}

export async function rotateSecret(ctx: Ctx, id: string) {
  await load(ctx, id);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  await store.update(ctx.db, id, { secret }, ctx.clock.now());
  ctx.audit.record({ action: 'webhook.secret_rotated', entityType: 'webhook', entityId: id });
  return { webhook: present((await store.find(ctx.db, id, ['ID']))!), secret };
}

/** Sends a `ping` event to this subscription only (to test the receiver and its signature check). */
export async function pingWebhook(ctx: Ctx, id: string) {
  const w = await load(ctx, id);
  await store.ping(ctx.db, w);
  await ensureDispatcher(ctx);
  ctx.audit.record({ action: 'webhook.pinged', entityType: 'webhook', entityId: id });
  return present(w);
}

export async function listDeliveries(ctx: Ctx, id: string, q: { page: number; pageSize: number }) {
  await load(ctx, id);
  const { items, total } = await store.deliveries(ctx.db, id, q.pageSize, (q.page - 1) * q.pageSize);
  return { items, total, page: q.page, pageSize: q.pageSize };
}
