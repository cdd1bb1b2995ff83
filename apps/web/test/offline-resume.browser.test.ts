import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/platform/config';
import { startPilar, type RunningPilar } from '../../server/src/server';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { testDataDir, testKeys } from '../../server/test/keys';
import { launchBrowser } from './browser';
import { pending, registerOnPhone, syncMeta, waitSynced } from './offline-support';

/**
 * A sync killed half-way (the server stops during a paged pull, and again after it
 * applied a push whose answer never reached the phone) completes on retry against a new
 * server on the same database: nothing is redone from zero, nothing is duplicated or lost
 * (DOMAIN.md §9: commcare-hq#5121).
 */
const PAJANG = '33.72.01.1001';
const SEEDED = 1300; // pages of 500: 500, 500, 300

let server: TestServer;
let browser: Browser;
let psm: BuiltUser;
let current: RunningPilar;
const dataDir = testDataDir();

/** Stops the server (as if the phone lost it mid-request) and starts a new one on the same database and port. */
async function restart(): Promise<void> {
  await current.stop();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: new URL(server.url).port,
    HOST: '127.0.0.1',
    DATABASE_URL: server.database.ownerUrl,
    PILAR_LOG_LEVEL: 'silent',
    PILAR_DEMO: 'false',
    PILAR_DATA_DIR: dataDir,
    PILAR_LOOKUP_KEY: testKeys.lookup.toString('base64'),
    PILAR_ENCRYPTION_KEY: testKeys.encryption.toString('base64'),
  });
  current = await startPilar(config, { logger: false });
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ PILAR_DATA_DIR: dataDir }), launchBrowser()]);
  current = server.pilar;
  psm = await buildUser(server.database, { username: 'psm.resume', grants: [{ role: 'psm', areaCode: PAJANG }] });
  // The village already holds SEEDED persons, pushed by another phone of the same PSM.
  const login = await fetch(new URL('/api/v1/auth/login', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: psm.username, password: psm.password }),
  });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('pilar_session='))!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  for (let start = 0; start < SEEDED; start += 100) {
    const mutations = Array.from({ length: Math.min(100, SEEDED - start) }, (_, i) => ({
      id: crypto.randomUUID(),
      entityType: 'person',
      entityId: crypto.randomUUID(),
      op: 'create',
      data: { villageCode: PAJANG, fullName: `Warga ${start + i}`, nikMissingReason: 'belum_rekam' },
    }));
    const res = await fetch(new URL('/api/v1/sync/push', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ mutations }),
    });
    expect(res.status).toBe(200);
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await current?.stop();
  await server?.database.drop();
});

const localCount = (page: Page) =>
  page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
    });
    const n = await new Promise<number>((resolve) => {
      const r = db.transaction('records').objectStore('records').count();
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    return n;
  }, `pilar-field-${psm.id}`);

describe('a sync killed mid-way', () => {
  it('resumes a paged pull from its last cursor and replays a push whose answer was lost, with no duplicate and no loss', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, baseURL: server.url, serviceWorkers: 'block' });
    const pulls: { cursor: boolean; served: boolean }[] = [];
    let killPull = true;
    await context.route('**/api/v1/sync/pull*', async (route) => {
      const cursor = new URL(route.request().url()).searchParams.has('cursor');
      if (killPull && pulls.length === 2) {
        // Third page: the server goes away while the phone waits.
        killPull = false;
        pulls.push({ cursor, served: false });
        await current.stop();
        await route.abort('connectionreset');
        return;
      }
      pulls.push({ cursor, served: true });
      await route.continue();
    });
    const page = await context.newPage();
    await page.goto('/masuk?next=%2Flapangan');
    await page.getByTestId('username').fill(psm.username);
    await page.getByTestId('password').fill(psm.password);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('field-sync-error').waitFor({ timeout: 30_000 });
    expect(pulls).toEqual([
      { cursor: false, served: true },
      { cursor: true, served: true },
      { cursor: true, served: false },
    ]);
    expect(await localCount(page)).toBe(1000); // two pages kept
    const kept = (await syncMeta(page, psm.id)).cursor;
    expect(kept).toBeTruthy();

    await restart();
    await page.getByTestId('field-sync').click();
    await waitSynced(page);
    // The retry went on from the stored cursor: the last page, not the first one again.
    expect(pulls.slice(3).every((p) => p.cursor)).toBe(true);
    expect(pulls.filter((p) => p.served).length).toBeLessThanOrEqual(4);
    expect(await localCount(page)).toBe(SEEDED);

    // Now a push: five registrations made offline; the server applies them, then dies
    // before the phone hears the answer.
    await context.setOffline(true);
    const names = ['Bu Tarmi', 'Pak Darso', 'Mbok Sumi', 'Pak Wiryo', 'Bu Lastri'];
    for (const fullName of names) {
      await page.getByTestId('nav-field').click(); // in-app: this phone has no service worker
      await registerOnPhone(page, { fullName, sex: 'P' });
    }
    await page.getByTestId('nav-field').click();
    await expect.poll(() => pending(page)).toBe(5);
    let lost = 0;
    await context.route('**/api/v1/sync/push', async (route) => {
      if (lost === 0) {
        lost += 1;
        const answer = await route.fetch(); // applied on the server…
        expect(answer.status()).toBe(200);
        await current.stop();
        await route.abort('connectionreset'); // …but the phone never hears it
        return;
      }
      await route.continue();
    });
    await context.setOffline(false);
    await page.getByTestId('field-sync-error').waitFor({ timeout: 30_000 });
    expect(await pending(page)).toBe(5);
    await restart();
    await page.getByTestId('field-sync').click();
    await waitSynced(page);

    const q = server.database.ownerQuery;
    const rows = await q(`SELECT full_name, count(*)::int AS n FROM person WHERE full_name = ANY($1) GROUP BY full_name ORDER BY full_name`, [names]);
    expect(rows.rows).toEqual([...names].sort().map((full_name) => ({ full_name, n: 1 })));
    const total = await q(`SELECT count(*)::int AS n FROM person WHERE village_code = $1`, [PAJANG]);
    expect(total.rows[0]!.n).toBe(SEEDED + names.length);
    expect(await localCount(page)).toBe(SEEDED + names.length);
    await context.close();
  });
});
