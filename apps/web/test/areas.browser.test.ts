import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';

// Expected numbers come from the same CSV files the server loads, never typed here.
const require = createRequire(import.meta.url);
const dataDir = join(dirname(require.resolve('idn-area-data/package.json')), 'data');

/** Area codes of one CSV (the first column; codes are never quoted). */
function codes(file: string): string[] {
  return readFileSync(join(dataDir, file), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.slice(0, line.indexOf(',')));
}

const data = {
  provinces: codes('provinces.csv'),
  regencies: codes('regencies.csv'),
  districts: codes('districts.csv'),
  villages: codes('villages.csv'),
};
const childrenOf = (list: string[], parent: string) => list.filter((c) => c.startsWith(`${parent}.`));
const idNumber = new Intl.NumberFormat('id-ID');

const screenshots = { mobile: '/tmp/pilar-areas-360x640.png', desktop: '/tmp/pilar-areas-1280x800.png' };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') failures.push(msg.text());
  });
  (page as Page & { failures: string[] }).failures = failures;
  await page.goto(new URL(path, server.url).toString());
  return page;
}

const pageErrors = (page: Page) => (page as Page & { failures: string[] }).failures;

function header(page: Page, code: string) {
  return page.locator(`[data-testid="area-header"][data-code="${code}"]`);
}

function row(page: Page, code: string) {
  return page.locator(`[data-testid="area-row"][data-code="${code}"]`);
}

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

describe('area browser (real server, real data)', () => {
  it('shows national totals and drills down to the villages of a district', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(context, '/wilayah');

    await header(page, '').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    expect(await text(page, '[data-testid="total-provinces"] dd')).toBe(String(data.provinces.length));
    expect(await text(page, '[data-testid="total-provinces"] dd')).toBe('38');
    expect(await text(page, '[data-testid="total-villages"] dd')).toBe(idNumber.format(data.villages.length));
    expect(await text(page, '[data-testid="total-villages"] dd')).toBe('83.762');
    expect(await text(page, '[data-testid="total-regencies"] dd')).toBe(idNumber.format(data.regencies.length));
    expect(await page.getByTestId('area-row').count()).toBe(38);

    // Province 19: Kepulauan Bangka Belitung.
    const province = row(page, '19');
    expect(await province.getByTestId('area-name').textContent()).toBe('Kepulauan Bangka Belitung');
    expect(await province.getByTestId('area-type').textContent()).toBe('Provinsi');
    expect(await province.getByTestId('area-villages').textContent()).toBe(
      `${idNumber.format(childrenOf(data.villages, '19').length)} desa/kel.`,
    );
    await province.getByRole('link').click();
    await header(page, '19').waitFor();
    expect(new URL(page.url()).pathname).toBe('/wilayah/19');
    expect(await text(page, '[data-testid="area-timezone"]')).toBe('Zona waktu: WIB');
    expect(await page.getByTestId('breadcrumbs').getByRole('link').allTextContents()).toEqual(['Indonesia']);
    const regencies = childrenOf(data.regencies, '19').filter((c) => c.split('.').length === 2);
    expect(await page.getByTestId('area-row').count()).toBe(regencies.length);

    // A regency, then one of its districts.
    const regencyCode = regencies[0]!;
    const districts = childrenOf(data.districts, regencyCode);
    expect(await row(page, regencyCode).getByTestId('area-children').textContent()).toBe(
      `${districts.length} kecamatan`,
    );
    await row(page, regencyCode).getByRole('link').click();
    await header(page, regencyCode).waitFor();
    expect(await page.getByTestId('area-row').count()).toBe(districts.length);
    expect(await page.getByTestId('breadcrumbs').getByRole('link').allTextContents()).toEqual([
      'Indonesia',
      'Kepulauan Bangka Belitung',
    ]);

    const districtCode = districts[districts.length - 1]!;
    const villages = childrenOf(data.villages, districtCode);
    const shownVillageCount = await row(page, districtCode).getByTestId('area-villages').textContent();
    expect(shownVillageCount).toBe(`${villages.length} desa/kel.`);
    await row(page, districtCode).getByRole('link').click();
    await header(page, districtCode).waitFor();
    expect(await text(page, '[data-testid="area-villages"]')).toBe(`${villages.length} desa/kel.`);
    const villageRows = page.getByTestId('area-row');
    expect(await villageRows.count()).toBe(villages.length);
    expect(await page.locator('[data-testid="area-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(villages);
    // Villages are leaves: no links to drill further.
    expect(await page.getByTestId('area-list').getByRole('link').count()).toBe(0);
    const types = new Set(await villageRows.getByTestId('area-type').allTextContents());
    for (const type of types) expect(['Desa', 'Kelurahan', 'Desa Adat']).toContain(type);

    // Breadcrumbs lead back up the tree.
    await page.getByTestId('breadcrumbs').getByRole('link', { name: 'Kepulauan Bangka Belitung' }).click();
    await header(page, '19').waitFor();

    // The app shell is an installable PWA: a service worker takes control.
    const swActive = await page.evaluate(async () => Boolean((await navigator.serviceWorker.ready).active));
    expect(swActive).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('searches "surakarta", opens Kota Surakarta with its districts, and switches to English', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(context, '/wilayah');
    await header(page, '').waitFor();

    await page.getByTestId('area-search').fill('surakarta');
    const result = page.locator('[data-testid="search-result"][data-code="33.72"]');
    await result.waitFor();
    expect(await result.locator('.row-name').textContent()).toBe('Kota Surakarta');
    expect(await result.getByTestId('search-result-path').textContent()).toBe('Jawa Tengah');
    await result.click();
    await header(page, '33.72').waitFor();
    expect(new URL(page.url()).pathname).toBe('/wilayah/33.72');

    const districts = childrenOf(data.districts, '33.72');
    expect(districts.length).toBeGreaterThan(0);
    expect(await text(page, '[data-testid="area-header"] h1')).toBe('Kota Surakarta');
    expect(await text(page, '[data-testid="area-header"] [data-testid="area-type"]')).toBe('Kota');
    expect(await text(page, '[data-testid="area-children"]')).toBe(`${districts.length} kecamatan`);
    expect(await page.getByTestId('area-row').count()).toBe(districts.length);
    expect(await text(page, '[data-testid="area-timezone"]')).toBe('Zona waktu: WIB');
    await page.screenshot({ path: screenshots.desktop, fullPage: false });

    // English: labels change, the choice survives a reload, <html lang> follows.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => text(page, '[data-testid="area-header"] [data-testid="area-type"]')).toBe('City');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await text(page, '[data-testid="area-children"]')).toBe(`${districts.length} districts`);
    expect(await text(page, '[data-testid="area-timezone"]')).toBe('Time zone: WIB');
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents()).toEqual([
      'Home',
      'Areas',
      'About',
    ]);
    expect(await text(page, '[data-testid="lang-switch"]')).toBe('ID');
    await page.reload();
    await header(page, '33.72').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await text(page, '[data-testid="area-row"] [data-testid="area-type"]')).toBe('District');

    await page.getByRole('link', { name: 'Indonesia' }).click();
    await header(page, '').waitFor();
    expect(await text(page, '[data-testid="total-villages"] dt')).toBe('villages');
    expect(await text(page, '[data-testid="total-villages"] dd')).toBe('83,762');

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => text(page, '[data-testid="total-villages"] dd')).toBe('83.762');
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    expect(await page.evaluate(() => localStorage.getItem('pilar.lang'))).toBe('id');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('works on a 360×640 phone: no sideways scrolling, large touch targets, drill by tap', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await openPage(context, '/wilayah');
    await header(page, '').waitFor();
    expect(await text(page, '[data-testid="total-villages"] dd')).toBe('83.762');

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const targets = [
      page.getByTestId('lang-switch'),
      ...(await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link').all()),
      row(page, '19').getByRole('link'),
      page.getByTestId('area-search'),
    ];
    for (const target of targets) {
      const box = await target.boundingBox();
      expect(box, 'touch target is visible').not.toBeNull();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(box!.width).toBeGreaterThanOrEqual(44);
    }

    await row(page, '19').getByRole('link').tap();
    await header(page, '19').waitFor();
    await page.getByTestId('area-search').fill('surakarta');
    await page.locator('[data-testid="search-result"][data-code="33.72"]').tap();
    await header(page, '33.72').waitFor();
    expect(await page.getByTestId('area-row').count()).toBe(childrenOf(data.districts, '33.72').length);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshots.mobile, fullPage: false });
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('shows the data attribution with the ODbL link on the about page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(context, '/tentang');
    const attribution = page.getByTestId('attribution');
    await attribution.waitFor();
    expect(((await attribution.textContent()) ?? '').trim()).toBe(
      'Data wilayah: idn-area-data oleh Fityan Ali Nugroho (fityannugroho), Kepmendagri No. 300.2.2-2138 Tahun 2025, lisensi Open Database License (ODbL) 1.0',
    );
    expect(await attribution.getByRole('link').getAttribute('href')).toBe('https://opendatacommons.org/licenses/odbl/1-0/');
    await context.close();
  });

  it("shows the real server's not-found problem in the current language, without a useless retry", async () => {
    const missing = '19.01.01.2001'; // a well-formed village code that Kemendagri never issued
    expect(data.villages).not.toContain(missing);
    const response = await fetch(new URL(`/api/v1/areas/${missing}`, server.url));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { message: { id: string; en: string } };

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(context, `/wilayah/${missing}`);
    await page.getByTestId('error').waitFor();
    expect(await text(page, '[data-testid="error"] p')).toBe(problem.message.id);
    expect(await page.getByTestId('error').getByRole('button').count()).toBe(0);
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => text(page, '[data-testid="error"] p')).toBe(problem.message.en);
    await page.getByTestId('error').getByRole('link', { name: 'See all provinces' }).click();
    await header(page, '').waitFor();
    await context.close();
  });

  it("shows the server's field messages in the current language", async () => {
    // Service workers would hide the request from page.route, so they are blocked here.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    await context.route('**/api/v1/areas/search?*', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          code: 'validation_failed',
          errors: [{ field: 'q', message: { id: 'Kata kunci terlalu pendek.', en: 'The search term is too short.' } }],
        }),
      }),
    );
    const page = await openPage(context, '/wilayah');
    await header(page, '').waitFor();
    await page.getByTestId('area-search').fill('xx');
    await page.getByTestId('error').waitFor();
    expect(await text(page, '[data-testid="error"] p')).toBe('Kata kunci terlalu pendek.');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => text(page, '[data-testid="error"] p')).toBe('The search term is too short.');
    await context.close();
  });
});
