import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import type { CDPSession, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { loadConfig } from '../apps/server/src/platform/config';
import { runMigrations } from '../apps/server/src/platform/db/database';
import { startPilar } from '../apps/server/src/server';
import { launchBrowser } from '../apps/web/test/browser';
import type { Bench, BenchResult } from './run';

/**
 * B3 (issue 6): a PSM's phone syncing 500 persons and 10,000 events (their own activity
 * log, the event kind the sync API carries today; visits are not a sync entity yet) in
 * Chromium over a throttled mobile network (1.6 Mbps down, 750 kbps up, 150 ms latency,
 * set through the DevTools protocol). Measures the real field app: the initial sync and a
 * 20-change incremental sync, in wall time (the app's own sync start → end, from its
 * IndexedDB) and bytes (CDP encodedDataLength of /api/v1/sync/*), against a baseline of
 * downloading the same records as ONE plain JSON list under the same throttling.
 * Needs the built web app (apps/web/dist, or PILAR_WEB_DIST) and Chromium. Responses are
 * compressed (br/gzip) for both sides alike; the app pulls pages of 500 records.
 */
const VILLAGE = '33.72.01.1001';
const PERSONS = 500;
const EVENTS = 10_000;
const CHANGES = 20;
const THROTTLE = { offline: false, downloadThroughput: 200_000, uploadThroughput: 93_750, latency: 150 };

interface Traffic {
  bytes: number;
  requests: number;
}

/** Counts response bytes per URL prefix from CDP Network events. */
function meter(cdp: CDPSession) {
  const urls = new Map<string, string>();
  let counts: Traffic = { bytes: 0, requests: 0 };
  let prefix = '/api/v1/sync/';
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId);
    if (url && new URL(url).pathname.startsWith(prefix)) {
      counts.bytes += e.encodedDataLength;
      counts.requests += 1;
    }
  });
  return {
    reset(p: string) {
      prefix = p;
      counts = { bytes: 0, requests: 0 };
    },
    get: () => counts,
  };
}

async function syncTimes(page: Page, userId: string): Promise<{ start: number; end: number } | null> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    if (!db.objectStoreNames.contains('meta')) {
      db.close();
      return null;
    }
    const get = (k: string) =>
      new Promise<number | undefined>((resolve) => {
        const r = db.transaction('meta').objectStore('meta').get(k);
        r.onsuccess = () => resolve((r.result as { value: number } | undefined)?.value);
      });
    const [start, end] = [await get('lastAttemptAt'), await get('lastSyncAt')];
    db.close();
    return start && end && end >= start ? { start, end } : null;
  }, `pilar-field-${userId}`);
}

async function waitSync(page: Page, userId: string, after: number): Promise<number> {
  for (let i = 0; i < 1200; i++) {
    const t = await syncTimes(page, userId);
    if (t && t.start >= after && t.end >= t.start) return t.end - t.start;
    await page.waitForTimeout(250);
  }
  throw new Error('sync did not finish');
}

export const bench: Bench = {
  name: 'b3-sync',
  description: `Field phone sync (${PERSONS} persons + ${EVENTS} events) over 1.6 Mbps/750 kbps/150 ms vs one plain JSON download`,
  async run(ctx) {
    const url = await ctx.createDatabase('b3');
    ctx.log('B3: migrating');
    await runMigrations(url);
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    const password = 'bench-password-1';
    const cheap = await hash(password, { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const users = { psm: uuidv7(), other: uuidv7() };
    for (const [name, id] of Object.entries(users)) {
      await owner.query(`INSERT INTO app_user (id, username, display_name, password_hash) VALUES ($1,$2,$2,$3)`, [id, `b3-${name}`, cheap]);
      await owner.query(`INSERT INTO user_grant (user_id, role, area_code) VALUES ($1, 'psm', $2)`, [id, VILLAGE]);
    }
    ctx.log(`B3: seeding ${PERSONS} persons and ${EVENTS} activity-log events`);
    const personIds: string[] = [];
    for (let i = 0; i < PERSONS; i++) {
      const id = uuidv7();
      personIds.push(id);
      await owner.query(
        `INSERT INTO person (id, regency_code, village_code, full_name, sex, birth_date, rt, rw, address, phone, nik_missing_reason, created_at, updated_at)
         VALUES ($1,'33.72',$2,$3,$4,$5,$6,'002',$7,$8,'belum_rekam',now(),now())`,
        [id, VILLAGE, `Warga Sinkron ${i}`, i % 2 ? 'L' : 'P', `19${50 + (i % 49)}-0${1 + (i % 9)}-1${i % 9}`, String(1 + (i % 9)).padStart(3, '0'), `Jl. Kenanga No. ${i}`, `0812${String(10_000_000 + i)}`],
      );
    }
    await owner.query(
      `INSERT INTO psm_activity (regency_code, id, user_id, village_code, duty, source, title, note, occurred_at, occurred_on, status, created_at, created_by, updated_at, updated_by, version)
       SELECT '33.72', gen_random_uuid(), $1, $2, 'a', 'manual', 'Kunjungan rumah ' || g, 'Catatan kegiatan lapangan nomor ' || g,
              now() - (g % 330) * interval '1 day', (now() - (g % 330) * interval '1 day')::date, 'active', now(), $1, now(), $1, 1
       FROM generate_series(1, $3) g`,
      [users.psm, VILLAGE, EVENTS],
    );
    await owner.end();

    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      PILAR_LOG_LEVEL: 'silent',
      PILAR_DEMO: 'false',
      PILAR_LOGIN_RATE_PER_MINUTE: '0',
      PILAR_SECURE_COOKIES: 'false',
      PILAR_DATA_DIR: '/tmp/pilar-b3',
      PILAR_LOOKUP_KEY: Buffer.alloc(32, 1).toString('base64'),
      PILAR_ENCRYPTION_KEY: Buffer.alloc(32, 2).toString('base64'),
      // A web build of one's own (PILAR_WEB_DIST), or the default apps/web/dist.
      ...(process.env.PILAR_WEB_DIST ? { PILAR_WEB_DIST: process.env.PILAR_WEB_DIST } : {}),
    });
    // The baseline file must exist when the server starts (its static files are listed then).
    const baselineFile = join(config.webDist, 'b3-records.json');
    await writeFile(baselineFile, '[]');
    const pilar = await startPilar(config, { logger: false });
    const browser = await launchBrowser();
    try {
      // Sign in (unthrottled: a PSM signs in once, in town), then throttle and open the field app.
      const context = await browser.newContext({ viewport: { width: 360, height: 640 }, baseURL: pilar.url, serviceWorkers: 'block' });
      const login = await context.request.post('/api/v1/auth/login', { data: { username: 'b3-psm', password } });
      if (login.status() !== 200) throw new Error(`B3 sign-in failed: ${login.status()}`);
      const page = await context.newPage();
      await page.addInitScript(() => localStorage.setItem('pilar.signedIn', '1'));
      // tsx keeps function names with a `__name` helper that evaluated code needs too.
      await page.addInitScript('globalThis.__name = (f) => f;');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', THROTTLE);
      const traffic = meter(cdp);

      ctx.log('B3: initial sync (throttled)');
      const t0 = Date.now();
      traffic.reset('/api/v1/sync/');
      await page.goto('/lapangan');
      const initialMs = await waitSync(page, users.psm, t0);
      const initial = traffic.get();
      const pulled = await page.evaluate(
        async (name) =>
          new Promise<number>((resolve) => {
            const r = indexedDB.open(name);
            r.onsuccess = () => {
              const c = r.result.transaction('records').objectStore('records').count();
              c.onsuccess = () => resolve(c.result);
            };
          }),
        `pilar-field-${users.psm}`,
      );

      // 20 changes made elsewhere (another PSM's phone), then the incremental sync.
      const other = await fetch(new URL('/api/v1/auth/login', pilar.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'b3-other', password }) });
      const cookie = other.headers.getSetCookie().find((c) => c.startsWith('pilar_session='))!.split(';')[0]!;
      const { csrfToken } = (await other.json()) as { csrfToken: string };
      const mutations = personIds.slice(0, CHANGES).map((id, i) => ({ id: uuidv7(), entityType: 'person', entityId: id, op: 'update', baseVersion: 1, data: { address: `Jl. Baru ${i}` } }));
      const pushed = await fetch(new URL('/api/v1/sync/push', pilar.url), { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ mutations }) });
      if (pushed.status !== 200) throw new Error(`B3 push failed: ${pushed.status}`);

      ctx.log('B3: incremental sync of 20 changes (throttled)');
      const t1 = Date.now();
      traffic.reset('/api/v1/sync/');
      await page.getByTestId('field-sync').click();
      const incrementalMs = await waitSync(page, users.psm, t1);
      const incremental = traffic.get();

      // Baseline: the same records as one plain JSON list, fetched by the same throttled page.
      const records: unknown[] = [];
      let cursor: string | undefined;
      const psmLogin = await fetch(new URL('/api/v1/auth/login', pilar.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'b3-psm', password }) });
      const psmCookie = psmLogin.headers.getSetCookie().find((c) => c.startsWith('pilar_session='))!.split(';')[0]!;
      for (;;) {
        const res = await fetch(new URL(`/api/v1/sync/pull?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, pilar.url), { headers: { cookie: psmCookie } });
        const body = (await res.json()) as { items: { record?: unknown }[]; cursor: string; more: boolean };
        records.push(...body.items.map((i) => i.record));
        cursor = body.cursor;
        if (!body.more) break;
      }
      // Served by the same server as a static file (the app's CSP allows only its own origin).
      await writeFile(baselineFile, JSON.stringify(records));
      traffic.reset('/b3-records.json');
      let baselineMs: number;
      try {
        baselineMs = await ctx.time(() => page.evaluate(async () => ((await (await fetch('/b3-records.json', { cache: 'no-store' })).json()) as unknown[]).length), { repeat: 1 });
      } finally {
        await rm(baselineFile, { force: true });
      }
      const baseline = traffic.get();

      const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
      const notes = (t: Traffic) => `${kb(t.bytes)} in ${t.requests} requests`;
      ctx.log(`B3: ${pulled} records on the phone; initial ${initialMs} ms (${notes(initial)}), incremental ${incrementalMs} ms (${notes(incremental)}), one JSON list ${baselineMs.toFixed(0)} ms (${notes(baseline)}, ${records.length} records)`);
      const results: BenchResult[] = [
        {
          bench: 'b3-sync initial',
          ours: { label: `initial sync, ${records.length} records, ${notes(initial)}`, value: initialMs, unit: 'ms' },
          baseline: { label: `one JSON list, ${notes(baseline)}`, value: baselineMs, unit: 'ms' },
          ratio: initialMs / baselineMs,
          higherIsBetter: false,
          notes: `bytes ${initial.bytes} vs ${baseline.bytes} (ratio ${(initial.bytes / baseline.bytes).toFixed(2)}); throttled 1.6 Mbps/750 kbps/150 ms`,
        },
        {
          bench: 'b3-sync incremental',
          ours: { label: `${CHANGES}-change sync, ${notes(incremental)}`, value: incrementalMs, unit: 'ms' },
          baseline: { label: `re-download as one JSON list, ${notes(baseline)}`, value: baselineMs, unit: 'ms' },
          ratio: incrementalMs / baselineMs,
          higherIsBetter: false,
          notes: `bytes ${incremental.bytes} vs ${baseline.bytes} (ratio ${(incremental.bytes / baseline.bytes).toFixed(3)})`,
        },
      ];
      await context.close();
      return results;
    } finally {
      await rm(baselineFile, { force: true });
      await browser.close();
      await pilar.stop();
    }
  },
};
