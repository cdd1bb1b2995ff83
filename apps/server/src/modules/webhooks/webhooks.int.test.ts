import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { syntheticNik } from '../../../test/actors';
import { buildUser, signIn } from '../../../test/factories';
import { csv, importFile } from '../imports/test-support';

/**
 * Webhooks against receivers started here on 127.0.0.1: signed deliveries (the test
 * recomputes the HMAC), only for the subscribed events and area, retries with
 * backoff after failures, a delivery log, auto-disable after repeated failures, and
 * payloads that never hold a NIK or a name. No other host is contacted.
 */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
class Receiver {
  received: Received[] = [];
  /** Answers 500 to the first `failFirst` requests of each delivery id. */
  failFirst = 0;
  alwaysFail = false;
  private seen = new Map<string, number>();
  private server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      this.received.push({ headers: req.headers, body });
      const id = String(req.headers['x-pilar-delivery']);
      const n = (this.seen.get(id) ?? 0) + 1;
      this.seen.set(id, n);
      res.statusCode = this.alwaysFail || n <= this.failFirst ? 500 : 204;
      res.end();
    });
  });
  url = '';
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }
  stop() {
    return new Promise((r) => this.server.close(r));
  }
  async waitFor(predicate: (r: Received[]) => boolean, ms = 20_000) {
    const end = Date.now() + ms;
    while (!predicate(this.received)) {
      if (Date.now() > end) throw new Error(`receiver got ${this.received.length} requests`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function verify(secret: string, r: Received): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['x-pilar-signature']));
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${r.body}`).digest();
  return Math.abs(Date.now() / 1000 - Number(m[1])) < 300 && timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}

let t: TestApp;
let headers: Record<string, string>;
const receivers: Receiver[] = [];
const ENV = { PILAR_WEBHOOK_RETRY_BASE_MS: '100', PILAR_WEBHOOK_MAX_ATTEMPTS: '3', PILAR_WEBHOOK_DISABLE_AFTER: '4' };

beforeAll(async () => {
  Object.assign(process.env, ENV);
  t = await createTestApp();
  await t.app.pilar.jobs.start();
  const head = await buildUser(t.database, { grants: [{ role: 'dinsos_kab_head', areaCode: '33.72' }] });
  headers = (await signIn(t.app, head)).headers;
});
afterAll(async () => {
  for (const k of Object.keys(ENV)) delete process.env[k];
  await t?.app.pilar.jobs.stop();
  await t?.close();
  await Promise.all(receivers.map((r) => r.stop()));
});

async function receiver() {
  const r = await new Receiver().start();
  receivers.push(r);
  return r;
}

async function subscribe(url: string, events: string[], areaCode: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers,
    payload: { name: 'Integrasi uji', url, events, areaCode },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { webhook: { id: string }; secret: string };
}

async function createPerson(villageCode: string, serial: number, fullName: string) {
  const nik = syntheticNik(villageCode.slice(0, 8), '1970-01-01', 'L', serial);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/persons',
    headers,
    payload: { villageCode, fullName, nik, sex: 'L', birthDate: '1970-01-01', phone: '0812 1111 2222' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { ...(res.json() as { id: string; version: number }), nik };
}

describe('webhooks', () => {
  it('delivers signed events for the subscribed types and area, without NIK, name or phone', async () => {
    const rx = await receiver();
    const { webhook, secret } = await subscribe(rx.url, ['person.created', 'person.updated'], '33.72.01');
    expect(secret).toMatch(/^whsec_/);
    const inside = await createPerson('33.72.01.1001', 11, 'Warga Terkirim');
    await createPerson('33.72.02.1001', 12, 'Warga Di Luar Area');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/persons/${inside.id}`,
      headers,
      payload: { version: inside.version, address: 'Jl. Baru 5' },
    });
    expect(patch.statusCode).toBe(200);
    const imported = await importFile(
      t.app,
      headers,
      'persons',
      'dua.csv',
      csv([
        ['NIK', 'Nama', 'Kode Desa'],
        [syntheticNik('33.72.01', '1980-01-01', 'L', 13), 'Warga Impor Satu', '33.72.01.1002'],
        [syntheticNik('33.72.01', '1980-01-01', 'L', 14), 'Warga Impor Dua', '33.72.01.1003'],
      ]),
    );
    expect(imported.done.counts.accepted).toBe(2);

    await rx.waitFor((r) => r.length >= 4);
    await new Promise((r) => setTimeout(r, 600));
    const events = rx.received.map((r) => JSON.parse(r.body));
    expect(events.map((e) => e.type).sort()).toEqual(['person.created', 'person.created', 'person.created', 'person.updated']);
    for (const r of rx.received) expect(verify(secret, r)).toBe(true);
    expect(verify('whsec_wrong-secret-wrong-secret-wrong', rx.received[0]!)).toBe(false);
    const first = events.find((e) => e.data.personId === inside.id && e.type === 'person.created');
    expect(first).toMatchObject({ areaCode: '33.72.01.1001', data: { personId: inside.id } });
    expect(events.find((e) => e.type === 'person.updated')).toMatchObject({ data: { personId: inside.id, fields: ['address'] } });
    expect(new Set(events.filter((e) => e.type === 'person.created').map((e) => e.data.personId))).toEqual(
      new Set([inside.id, imported.byRow[2]!.entityId, imported.byRow[3]!.entityId]),
    );
    for (const r of rx.received) {
      expect(r.headers['x-pilar-event']).toBeTruthy();
      expect(r.body).not.toMatch(/\d{16}/);
      expect(r.body).not.toMatch(/Warga|Jl\.|0812/);
    }
    const log = await t.app.inject({ method: 'GET', url: `/api/v1/webhooks/${webhook.id}/deliveries`, headers });
    expect(log.json()).toMatchObject({ total: 4 });
    expect(
      log
        .json()
        .items.every(
          (d: { status: string; attempts: number; lastStatusCode: number }) =>
            d.status === 'delivered' && d.attempts === 1 && d.lastStatusCode === 204,
        ),
    ).toBe(true);
  });

  it('retries a failing receiver with backoff until it answers, logging every attempt', async () => {
    const rx = await receiver();
    rx.failFirst = 2;
    const { webhook, secret } = await subscribe(rx.url, ['person.created'], '33.72.03');
    const person = await createPerson('33.72.03.1001', 21, 'Warga Coba Ulang');
    await rx.waitFor((r) => r.length >= 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(rx.received).toHaveLength(3);
    for (const r of rx.received) expect(verify(secret, r)).toBe(true);
    expect(new Set(rx.received.map((r) => r.headers['x-pilar-delivery'])).size).toBe(1);
    expect(JSON.parse(rx.received[2]!.body).data.personId).toBe(person.id);
    const log = (await t.app.inject({ method: 'GET', url: `/api/v1/webhooks/${webhook.id}/deliveries`, headers })).json();
    expect(log.items[0]).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204 });
    const attempts = await t.database.ownerQuery(
      `SELECT attempt, status_code, at FROM webhook_attempt WHERE delivery_id = $1 ORDER BY attempt`,
      [log.items[0].id],
    );
    expect(attempts.rows.map((a) => a.status_code)).toEqual([500, 500, 204]);
    // Backoff: the second gap (base × 2) is longer than the first (base).
    const [a, b, c] = attempts.rows.map((x) => new Date(x.at).getTime());
    expect(b! - a!).toBeGreaterThanOrEqual(90);
    expect(c! - b!).toBeGreaterThanOrEqual(190);
  });

  it('gives up after the last attempt and disables a subscription after repeated failures', async () => {
    const rx = await receiver();
    rx.alwaysFail = true;
    const { webhook } = await subscribe(rx.url, ['person.created'], '33.72.04');
    await createPerson('33.72.04.1001', 31, 'Gagal Satu');
    await createPerson('33.72.04.1002', 32, 'Gagal Dua');
    await rx.waitFor((r) => r.length >= 4);
    for (let i = 0; i < 100; i++) {
      const w = (await t.app.inject({ method: 'GET', url: `/api/v1/webhooks/${webhook.id}`, headers })).json();
      if (!w.active) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const w = (await t.app.inject({ method: 'GET', url: `/api/v1/webhooks/${webhook.id}`, headers })).json();
    expect(w).toMatchObject({ active: false, consecutiveFailures: 4 });
    expect(w.disabledReason).toContain('4');
    const count = rx.received.length;
    await new Promise((r) => setTimeout(r, 800));
    expect(rx.received.length).toBe(count);
    const audit = await t.database.ownerQuery(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'webhook.disabled' AND entity_id = $1`,
      [webhook.id],
    );
    expect(audit.rows[0].n).toBe(1);
    const enabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${webhook.id}`,
      headers,
      payload: { active: true },
    });
    expect(enabled.json()).toMatchObject({ active: true, consecutiveFailures: 0, disabledReason: null });
  });

  it('refuses private and loopback URLs unless allowed, and needs webhook.manage in the area', async () => {
    process.env.PILAR_WEBHOOK_ALLOW_PRIVATE = 'false';
    try {
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://10.1.2.3/x',
        'http://[::1]/x',
        'http://169.254.169.254/latest',
        'http://user:pw@example.org/x',
      ]) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/webhooks',
          headers,
          payload: { name: 'x', url, events: ['person.created'], areaCode: '33.72' },
        });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().errors[0].field).toBe('url');
      }
    } finally {
      delete process.env.PILAR_WEBHOOK_ALLOW_PRIVATE;
    }
    const ftp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers,
      payload: { name: 'x', url: 'ftp://example.org/x', events: ['person.created'], areaCode: '33.72' },
    });
    expect(ftp.statusCode).toBe(400);
    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers,
      payload: { name: 'x', url: 'http://127.0.0.1:9/x', events: ['person.created'], areaCode: '19.01' },
    });
    expect(outside.statusCode).toBe(404);
    const operator = await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] });
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks',
      headers: (await signIn(t.app, operator)).headers,
    });
    expect(denied.statusCode).toBe(403);
  });
});
