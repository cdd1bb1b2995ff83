import { PDFParse } from 'pdf-parse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/src/platform/access/actor';
import { recordVisit } from '../../server/src/modules/cases/visits.service';
import * as ppks from '../../server/src/modules/people/ppks.service';
import { as } from '../../server/test/actors';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { buildMember } from '../../server/test/factories.members';
import { buildCase, buildPerson } from '../../server/test/factories.people';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';

/**
 * Dashboard and public figures against the real server: a provincial supervisor drills
 * from the province to a village, opens an SPM indicator and exports a PDF; the public
 * statistics page shows no number below 5 for a sensitive PPKS category.
 */

const PAJANG = '33.72.01.1001';
const SENSITIVE = 9; // a PPKS category in SENSITIVE_PPKS (packages/domain/src/reports/spm.ts)
const shots = { dashboardPhone: '/tmp/pilar-dashboard-360x640.png', statsPhone: '/tmp/pilar-stats-360x640.png' };

let server: TestServer;
let browser: Browser;
let supervisor: BuiltUser;

const actorOf = (u: BuiltUser): Actor => ({ kind: 'user', userId: u.id, username: u.username, grants: u.grants });

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const db = server.database;
  supervisor = await buildUser(db, { username: 'dinsos.jateng', grants: [{ role: 'dinsos_prov', areaCode: '33' }] });
  const psm = actorOf(await buildUser(db, { grants: [{ role: 'psm', areaCode: PAJANG }] }));
  await buildMember(db, PAJANG, { kta: true, training: true });
  // Three persons in a sensitive category in one village: a small cell.
  for (let i = 0; i < 3; i++) {
    const person = await buildPerson(db, psm, { villageCode: PAJANG });
    await as(db, psm, (ctx) => ppks.assignPpks(ctx, person.id, { ppksCode: SENSITIVE, assessedOn: '2026-01-05' }));
    if (i === 0) await buildCase(db, psm, person.id, { ppksCode: 24 });
    // A home visit with a GPS fix (Pajang, Surakarta): one marker on the map, never the person.
    if (i === 0)
      await as(db, psm, (ctx) =>
        recordVisit(ctx, person.id, {
          kind: 'kunjungan',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          note: 'Kunjungan rumah',
          lat: -7.5643,
          lng: 110.7862,
        }),
      );
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const phone = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 800 } };

const figure = async (page: Page, key: string) =>
  (
    (await page.locator(`[data-testid="figure"][data-key="${key}"] [data-testid="figure-value"]`).first().textContent()) ?? ''
  ).trim();
async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

describe('dashboard and public statistics (real server)', () => {
  it('a supervisor drills from the province to a village, opens an SPM indicator and exports a PDF', async () => {
    const context = await browser.newContext({ ...desktop, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('requestfailed', (r) => errors.push(`${r.failure()?.errorText ?? 'failed'} ${r.url()}`));
    await page.goto(new URL('/masuk?next=%2Fdasbor', server.url).toString());
    await page.getByTestId('username').fill(supervisor.username);
    await page.getByTestId('password').fill(supervisor.password);
    await page.getByTestId('sign-in').click();

    // The nav entry opens the supervisor's own province.
    await page.locator('[data-testid="dashboard-area"][data-code="33"]').waitFor();
    for (const code of ['33.72', '33.72.01', PAJANG]) {
      await page.locator(`[data-testid="dashboard-child"][data-code="${code}"] [data-testid="drill"]`).click();
      await page.locator(`[data-testid="dashboard-area"][data-code="${code}"]`).waitFor();
    }
    expect(new URL(page.url()).pathname).toBe(`/dasbor/${PAJANG}`);
    expect(await figure(page, 'psmActive')).toBe('1');
    expect(await figure(page, 'villagesWithPsm')).toBe('1/1');
    expect(await figure(page, 'casesOpened')).toBe('1');
    expect(
      await page.locator(`[data-testid="ppks-bars"] [data-testid="bar"][data-key="${SENSITIVE}"]`).getAttribute('data-value'),
    ).toBe('3');
    expect(await page.getByTestId('dashboard-children').count()).toBe(0); // a village has no children

    // The map: Leaflet loaded on demand, one marker for the village's visit, no tile server configured.
    const map = page.getByTestId('dashboard-map');
    await map.waitFor();
    expect(await map.getAttribute('data-tiles')).toBe('no');
    expect(await map.getAttribute('data-markers')).toBe('1');
    await page.locator('[data-testid="dashboard-map"] path.map-marker').first().waitFor();
    expect(await page.locator('[data-testid="dashboard-map"] path.map-marker').count()).toBe(1);
    expect(await page.locator('[data-testid="dashboard-map"] img.leaflet-tile').count()).toBe(0);
    expect(await page.locator(`[data-testid="map-point"][data-code="${PAJANG}"]`).textContent()).toMatch(
      /1 kunjungan \(1 dengan GPS\)/,
    );

    // One SPM indicator for the village.
    const spm = page.getByTestId('spm-link').first();
    const n = await spm.getAttribute('data-spm');
    await spm.click();
    await page.getByTestId('spm-title').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/dasbor/spm/${n}/${PAJANG}`);
    expect(await page.getByTestId('spm-title').textContent()).not.toBe('');
    expect(await page.locator('[data-testid="spm-figures"] [data-testid="figure"]').count()).toBe(4);
    await page.goBack();
    await page.locator(`[data-testid="dashboard-area"][data-code="${PAJANG}"]`).waitFor();

    // Export: the purpose is required before anything is sent.
    expect(await page.getByTestId('export-submit').isDisabled()).toBe(true);
    await page.getByTestId('export-purpose').fill('Rapat koordinasi PSM kelurahan');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-submit').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text.replace(/\s+/g, ' ');
    expect(text).toContain('DINAS SOSIAL'); // the letterhead (fallback from the area name)
    expect(text).toContain('Rapat koordinasi PSM kelurahan'); // the stated purpose
    await page.getByTestId('export-done').waitFor();

    // The same screen on a phone.
    const mobile = await browser.newContext(phone);
    await mobile.addCookies(await context.cookies());
    const small = await mobile.newPage();
    await small.goto(new URL('/dasbor/33.72', server.url).toString());
    await small.getByTestId('dashboard-children').waitFor();
    await noSidewaysScroll(small);
    await small.screenshot({ path: shots.dashboardPhone, fullPage: true });
    await mobile.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the map keeps its markers when the configured tile server cannot be reached', async () => {
    // A tile server that refuses every connection (port 9, discard): tiles fail, the page does not.
    const tiles = 'http://127.0.0.1:9/{z}/{x}/{y}.png';
    const other = await startTestServer({ PILAR_MAP_TILE_URL: tiles });
    try {
      const viewer = await buildUser(other.database, { grants: [{ role: 'dinsos_prov', areaCode: '33' }] });
      const psm = actorOf(await buildUser(other.database, { grants: [{ role: 'psm', areaCode: PAJANG }] }));
      const person = await buildPerson(other.database, psm, { villageCode: PAJANG });
      await as(other.database, psm, (ctx) =>
        recordVisit(ctx, person.id, {
          kind: 'kunjungan',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          note: 'Kunjungan',
          lat: -7.5643,
          lng: 110.7862,
        }),
      );

      const context = await browser.newContext(phone);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const tileRequests: string[] = [];
      page.on('request', (r) => r.url().startsWith('http://127.0.0.1:9/') && tileRequests.push(r.url()));
      await page.goto(new URL(`/masuk?next=${encodeURIComponent('/dasbor/33.72')}`, other.url).toString());
      await page.getByTestId('username').fill(viewer.username);
      await page.getByTestId('password').fill(viewer.password);
      await page.getByTestId('sign-in').click();
      const map = page.getByTestId('dashboard-map');
      await map.waitFor();
      expect(await map.getAttribute('data-tiles')).toBe('yes');
      await page.locator('[data-testid="dashboard-map"] path.map-marker').first().waitFor();
      expect(await page.locator('[data-testid="dashboard-map"] path.map-marker').count()).toBe(1);
      // The browser did try the configured host (the CSP allows it) and the page survived the failures.
      await expect.poll(() => tileRequests.length, { timeout: 10_000 }).toBeGreaterThan(0);
      const csp = (await (await fetch(new URL('/', other.url))).headers.get('content-security-policy')) ?? '';
      expect(csp).toContain("img-src 'self' data: blob: http://127.0.0.1:9");
      await page.getByTestId('dashboard-children').waitFor();
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await other.close();
    }
  });

  it('the public statistics page, without signing in, shows no number below 5 for a sensitive category', async () => {
    const api = (await (await fetch(new URL('/api/v1/public/stats?area=33.72.01', server.url))).json()) as {
      definitions: { key: string; sensitive: boolean }[];
    };
    const sensitive = api.definitions.filter((d) => d.sensitive).map((d) => d.key);
    expect(sensitive).toContain(`ppks.${SENSITIVE}`);

    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(new URL('/statistik/33.72.01', server.url).toString());
    await page.getByTestId('stats-children').waitFor();
    // Pajang's three persons in the sensitive category are not published as "3".
    const cell = page.locator(
      `[data-testid="stats-child"][data-code="${PAJANG}"] [data-testid="stats-cell"][data-key="ppks.${SENSITIVE}"]`,
    );
    expect(await cell.getAttribute('data-suppressed')).toBe('true');
    expect((await cell.textContent())?.trim()).toBe('<5');
    // Every sensitive cell on the page: "<5" or at least 5.
    const shown = await page
      .getByTestId('stats-cell')
      .evaluateAll(
        (els, keys) =>
          els.filter((e) => keys.includes(e.getAttribute('data-key') ?? '')).map((e) => (e.textContent ?? '').trim()),
        sensitive,
      );
    expect(shown.length).toBeGreaterThan(0);
    for (const value of shown) {
      if (value !== '<5') expect(Number(value.replace(/\./g, '')), value).toBeGreaterThanOrEqual(5);
    }
    const bar = page.locator(
      `[data-testid="stats-figures"] [data-testid="bar"][data-key="ppks.${SENSITIVE}"] [data-testid="bar-value"]`,
    );
    expect(['<5'].includes((await bar.textContent())!.trim()) || Number((await bar.textContent())!.trim()) >= 5).toBe(true);
    expect(await page.getByTestId('stats-method').textContent()).toContain('5');
    await noSidewaysScroll(page);
    await page.screenshot({ path: shots.statsPhone, fullPage: true });
    await context.close();
  });
});
