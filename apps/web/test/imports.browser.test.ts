import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticNik } from '../../server/test/actors';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';

/**
 * The import wizard against the real server and its job queue: a Dinsos officer uploads
 * a DTKS-like CSV of persons on a phone, fixes the column mapping, sees the judged
 * preview, starts the import, watches it finish and reads the per-row report; then
 * imports a programme list for those persons, and the same list again changes nothing.
 */

const PAJANG = '33.72.01.1001';
const phone = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

let server: TestServer;
let browser: Browser;
let officer: BuiltUser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  officer = await buildUser(server.database, {
    username: 'operator.solo',
    displayName: 'Operator Dinsos Solo',
    grants: [{ role: 'dinsos_kab', areaCode: '33.72' }],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(context: BrowserContext, user: BuiltUser, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(new URL(`/masuk?next=${encodeURIComponent(path)}`, server.url).toString());
  await page.getByTestId('username').fill(user.username);
  await page.getByTestId('password').fill(user.password);
  await page.getByTestId('sign-in').click();
  await page.waitForURL((u) => u.pathname === path);
  return page;
}

const nik = (birth: string, sex: 'L' | 'P', serial: number) => syntheticNik('33.72.01', birth, sex, serial);
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(';')).join('\n'));

async function importCounts(page: Page) {
  await page.getByTestId('import-counts').waitFor({ timeout: 60_000 });
  const read = async (s: string) => Number((await page.getByTestId(`import-count-${s}`).textContent())?.replace(/\D/g, ''));
  return { accepted: await read('accepted'), unchanged: await read('unchanged'), rejected: await read('rejected') };
}

describe('spreadsheet imports (real server, real job queue)', () => {
  it('maps, previews, imports persons and a programme list with per-row reasons; the same list twice changes nothing', async () => {
    const good = [nik('1950-03-12', 'L', 1), nik('1962-07-01', 'P', 2)];
    const persons = csv([
      ['NIK', 'Nama Lengkap Warga', 'JK', 'Tgl Lahir', 'Kode Desa', 'Kategori PPKS'],
      [good[0]!, 'Slamet Riyadi', 'L', '12-03-1950', PAJANG, 'Lanjut Usia Terlantar'],
      [good[1]!, 'Sri Wahyuni', 'P', '01-07-1962', PAJANG, 'Fakir Miskin'],
      ['12345', 'Nomor Salah', 'L', '01-01-1970', PAJANG, ''],
      [nik('1980-01-01', 'L', 3), 'Desa Tak Dikenal', 'L', '01-01-1980', '33.72.09.9999', ''],
    ]);

    const context = await browser.newContext(phone);
    const page = await signedIn(context, officer, '/impor');
    await page.getByTestId('import-start-persons').click();
    await page.waitForURL((u) => u.pathname === '/impor/warga');
    await page.getByTestId('import-file').setInputFiles({ name: 'dtks.csv', mimeType: 'text/csv', buffer: persons });
    await page.getByTestId('import-upload-submit').click();
    await page.getByTestId('import-mapping').waitFor();

    // "Nama Lengkap Warga" is no known header: the name is missing until mapped by hand.
    expect(await page.getByTestId('import-missing').textContent()).toContain('Nama');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await page.locator('[data-testid="mapping-select"][data-key="fullName"]').selectOption({ label: 'Nama Lengkap Warga' });
    expect(await page.getByTestId('import-missing').count()).toBe(0);
    await page.getByTestId('import-preview-refresh').click();
    const badRow = page.locator('[data-testid="preview-row"][data-row="4"]');
    await badRow.locator('[data-status="rejected"]').waitFor();
    expect(await badRow.getByTestId('preview-reason').first().textContent()).toMatch(/NIK/);
    expect(await page.locator('[data-testid="preview-row"][data-status="accepted"]').count()).toBe(2);
    // The preview masks the NIK.
    expect(await page.getByTestId('import-preview').textContent()).not.toContain(good[0]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await page.getByTestId('import-template-name').fill('DTKS Solo');
    await page.getByTestId('import-commit').click();
    await page.waitForURL((u) => /^\/impor\/[0-9a-f-]{36}$/.test(u.pathname));
    expect(await importCounts(page)).toEqual({ accepted: 2, unchanged: 0, rejected: 2 });
    const reasons = await page.getByTestId('row-reason').allTextContents();
    expect(reasons.join(' | ')).toMatch(/NIK/);
    expect(reasons.join(' | ')).toMatch(/desa|Desa|wilayah/);
    expect(await page.getByTestId('import-report-xlsx').getAttribute('href')).toMatch(/\/report\?format=xlsx$/);
    const inDb = await server.database.ownerQuery(`SELECT count(*)::int AS n FROM person WHERE village_code = $1`, [PAJANG]);
    expect(inDb.rows[0].n).toBe(2);

    // The saved template maps the odd header on the next upload.
    await page.goto(new URL('/impor/warga', server.url).toString());
    await page.getByTestId('import-file').setInputFiles({ name: 'dtks.csv', mimeType: 'text/csv', buffer: persons });
    await page.getByTestId('import-upload-submit').click();
    await page.getByTestId('import-same-file').waitFor();
    await page.getByTestId('import-template').selectOption({ label: 'DTKS Solo' });
    expect(await page.locator('[data-testid="mapping-select"][data-key="fullName"]').inputValue()).toBe('1');
    await page.getByTestId('import-discard').click();
    await page.waitForURL((u) => u.pathname === '/impor');

    // A programme list for the two persons, twice.
    const programmes = csv([
      ['NIK KPM', 'Jenis Bantuan', 'Status'],
      [good[0]!, 'PKH', 'aktif'],
      [good[1]!, 'Sembako', 'aktif'],
      [nik('1990-05-09', 'L', 9), 'PKH', 'aktif'],
    ]);
    for (const expected of [
      { accepted: 2, unchanged: 0, rejected: 1 },
      { accepted: 0, unchanged: 2, rejected: 1 },
    ]) {
      await page.goto(new URL('/impor/program', server.url).toString());
      await page.getByTestId('import-file').setInputFiles({ name: 'kpm.csv', mimeType: 'text/csv', buffer: programmes });
      await page.getByTestId('import-upload-submit').click();
      await page.getByTestId('import-commit').click();
      await page.waitForURL((u) => /^\/impor\/[0-9a-f-]{36}$/.test(u.pathname));
      expect(await importCounts(page)).toEqual(expected);
      expect((await page.getByTestId('row-reason').allTextContents()).join(' ')).toContain('belum terdaftar');
    }
    const memberships = await server.database.ownerQuery(`SELECT programme_code FROM programme_membership ORDER BY 1`);
    expect(memberships.rows.map((r) => r.programme_code)).toEqual(['pkh', 'sembako']);

    await page.goto(new URL('/impor', server.url).toString());
    await page.getByTestId('import-list').waitFor();
    expect(await page.getByTestId('import-row').count()).toBe(4);
    await context.close();
  });
});
