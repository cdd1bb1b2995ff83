import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';

/**
 * Access and audit screens against the real server: a PSM sees only their village,
 * registers a person and reveals a NIK for a reason; a Dinsos kab/kota user sees the
 * whole regency, the processing history with that reveal, and creates a PSM account.
 */

const screenshots = {
  listPhone: '/tmp/pilar-persons-360x640.png',
  detailPhone: '/tmp/pilar-person-360x640.png',
  listDesktop: '/tmp/pilar-persons-1280x800.png',
  detailDesktop: '/tmp/pilar-person-1280x800.png',
  historyDesktop: '/tmp/pilar-person-history-1280x800.png',
  newUserDesktop: '/tmp/pilar-user-created-1280x800.png',
};

const PAJANG = '33.72.01.1001'; // Kel. Pajang, Laweyan, Kota Surakarta
const LAWEYAN = '33.72.01.1002'; // Kel. Laweyan, same district
const SUNGAILIAT = '19.01.01.1001'; // Bangka: another province

/** A NIK that passes the checks: district of registration, birth date (+40 for women), serial. */
function syntheticNik(district: string, birthDate: string, sex: 'L' | 'P', serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const day = Number(d) + (sex === 'P' ? 40 : 0);
  return `${district.replace(/\./g, '')}${String(day).padStart(2, '0')}${m}${y!.slice(2)}${String(serial).padStart(4, '0')}`;
}

const suparmiNik = syntheticNik('33.72.01', '1975-03-12', 'P', 1);
const revealReason = 'Mencocokkan data DTSEN untuk usulan PKH';

let server: TestServer;
let browser: Browser;
let psm: BuiltUser;
let dinsos: BuiltUser;
const persons: Record<'suparmi' | 'wahyu' | 'rusdi', string> = { suparmi: '', wahyu: '', rusdi: '' };

/** Signs in through the API (as an admin would) and returns a writer for JSON calls. */
async function apiSession(user: BuiltUser) {
  const res = await fetch(new URL('/api/v1/auth/login', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('pilar_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (path: string, body: unknown) => {
    const r = await fetch(new URL(path, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    expect(r.status, await r.clone().text()).toBeLessThan(300);
    return (await r.json()) as { id: string };
  };
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const db = server.database;
  const admin = await buildUser(db, { grants: [{ role: 'admin', areaCode: 'ID' }] });
  psm = await buildUser(db, { username: 'psm.pajang', displayName: 'Sri Rahayu', grants: [{ role: 'psm', areaCode: PAJANG }] });
  dinsos = await buildUser(db, {
    username: 'dinsos.solo',
    displayName: 'Bambang Wibowo',
    grants: [{ role: 'dinsos_kab', areaCode: '33.72' }],
  });
  await buildUser(db, { username: 'psm.laweyan', displayName: 'Joko Santoso', grants: [{ role: 'psm', areaCode: LAWEYAN }] });
  await buildUser(db, {
    username: 'psm.sungailiat',
    displayName: 'Rina Bangka',
    grants: [{ role: 'psm', areaCode: SUNGAILIAT }],
  });

  const post = await apiSession(admin);
  persons.suparmi = (
    await post('/api/v1/persons', {
      villageCode: PAJANG,
      fullName: 'Suparmi',
      sex: 'P',
      birthDate: '1975-03-12',
      nik: suparmiNik,
    })
  ).id;
  persons.wahyu = (
    await post('/api/v1/persons', {
      villageCode: LAWEYAN,
      fullName: 'Wahyu Nugroho',
      sex: 'L',
      birthDate: '1988-07-01',
      nik: syntheticNik('33.72.01', '1988-07-01', 'L', 2),
    })
  ).id;
  persons.rusdi = (
    await post('/api/v1/persons', {
      villageCode: SUNGAILIAT,
      fullName: 'Rusdi Bangka',
      sex: 'L',
      nikMissingReason: 'belum_rekam',
    })
  ).id;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const phone = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 800 } };

async function openPage(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  (page as Page & { failures: string[] }).failures = failures;
  await page.goto(new URL(path, server.url).toString());
  return page;
}
const pageErrors = (page: Page) => (page as Page & { failures: string[] }).failures;
const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};
async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}
async function names(page: Page): Promise<string[]> {
  await page.getByTestId('person-list').waitFor();
  return (await page.getByTestId('person-name').allTextContents()).map((s) => s.trim()).sort();
}
async function signInOnPage(page: Page, user: { username: string; password: string }) {
  await page.getByTestId('username').fill(user.username);
  await page.getByTestId('password').fill(user.password);
  await page.getByTestId('sign-in').click();
}
async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}
async function expectTouchTarget(page: Page, testId: string) {
  const box = await page.getByTestId(testId).first().boundingBox();
  expect(box, `${testId} is visible`).not.toBeNull();
  expect(box!.height, `${testId} height`).toBeGreaterThanOrEqual(44);
  expect(box!.width, `${testId} width`).toBeGreaterThanOrEqual(44);
}

describe('access screens (real server, real scopes)', () => {
  it('a PSM on a 360×640 phone sees only their village, registers a person and reveals a NIK for a reason', async () => {
    const context = await browser.newContext(phone);
    const page = await openPage(context, '/warga');
    await page.clock.install();

    // Not signed in: sign-in first, then back to the list that was asked for.
    await page.getByTestId('sign-in').waitFor();
    expect(pathOf(page)).toBe('/masuk?next=%2Fwarga');
    await signInOnPage(page, psm);
    expect(await names(page)).toEqual(['Suparmi']);
    expect(pathOf(page)).toBe('/warga');
    expect(await text(page, '[data-testid="person-count"]')).toBe('1 warga');
    expect(await text(page, '[data-testid="person-nik"]')).toBe(`${suparmiNik.slice(0, 4)}********${suparmiNik.slice(12)}`);
    // Navigation from /me.permissions: persons yes, users no (a PSM has no user.read).
    expect(await page.getByTestId('nav-persons').count()).toBe(1);
    expect(await page.getByTestId('nav-users').count()).toBe(0);
    await noSidewaysScroll(page);
    for (const id of ['nav-persons', 'user-menu', 'new-person', 'person-search']) await expectTouchTarget(page, id);
    await page.screenshot({ path: screenshots.listPhone });

    // Another village's record, opened by its address: "not found", nothing about it.
    for (const other of [persons.wahyu, persons.rusdi]) {
      await page.goto(new URL(`/warga/${other}`, server.url).toString());
      await page.getByTestId('error').waitFor();
      expect(await text(page, '[data-testid="error"] p')).toContain('tidak ditemukan');
      expect(await page.getByTestId('person-title').count()).toBe(0);
    }

    // Registration: the PSM's only village is already chosen; a NIK/birth date mismatch warns, never blocks.
    await page.goto(new URL('/warga/baru', server.url).toString());
    await page.getByTestId('person-form').waitFor();
    expect(await page.getByTestId('village-picker').getByTestId('picked-area').getAttribute('data-code')).toBe(PAJANG);
    await page.getByTestId('full-name').fill('Ani Lestari');
    await page.getByTestId('sex-P').check();
    await page.getByTestId('birth-date').fill('2015-06-20');
    await page.getByTestId('nik').fill(syntheticNik('33.72.01', '2015-06-21', 'P', 7));
    await page.getByTestId('address').fill('Jl. Pajang Raya 5');
    await page.getByTestId('rt').fill('2');
    await page.getByTestId('rw').fill('4');
    await page.getByTestId('save-person').click();
    await page.getByTestId('registered').waitFor();
    expect(pathOf(page)).toMatch(/^\/warga\/[0-9a-f-]{36}$/);
    expect(await text(page, '[data-testid="person-title"]')).toBe('Ani Lestari');
    expect(await page.locator('[data-testid="warning"][data-field="birthDate"]').count()).toBe(1);
    expect(await page.getByTestId('tab-history').count()).toBe(0); // a PSM has no person.history

    // Reveal Suparmi's NIK: the reason is required (≥ 10 characters) and explained.
    await page.getByTestId('nav-persons').click();
    expect(await names(page)).toEqual(['Ani Lestari', 'Suparmi']);
    await page.locator(`[data-testid="person-row"][data-id="${persons.suparmi}"] a`).click();
    await page.getByTestId('reveal-nik').click();
    const dialog = page.getByTestId('reveal-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Alasan dicatat dalam jejak audit');
    await page.getByTestId('reveal-reason').fill('perlu');
    expect(await page.getByTestId('reveal-submit').isDisabled()).toBe(true);
    await page.getByTestId('reveal-reason').fill(revealReason);
    await page.getByTestId('reveal-submit').click();
    await page.locator('[data-testid="nik-value"][data-revealed="true"]').waitFor();
    expect(await text(page, '[data-testid="nik-value"]')).toBe(suparmiNik);
    expect(await page.getByTestId('reveal-dialog').count()).toBe(0);
    await noSidewaysScroll(page);
    await page.screenshot({ path: screenshots.detailPhone });
    // Masked again after 30 s.
    await page.clock.fastForward(31_000);
    await page.locator('[data-testid="nik-value"][data-revealed="false"]').waitFor();
    expect(await text(page, '[data-testid="nik-value"]')).not.toContain(suparmiNik.slice(4, 12));

    // Sign out: the next protected screen asks to sign in again.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('signed-out').waitFor();
    await page.goto(new URL('/warga', server.url).toString());
    await page.getByTestId('sign-in').waitFor();
    expect(pathOf(page)).toBe('/masuk?next=%2Fwarga');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('a Dinsos kab/kota user sees Solo but not Bangka, the reveal in the processing history, and creates a PSM', async () => {
    const context = await browser.newContext(desktop);
    const page = await openPage(context, '/masuk');
    await signInOnPage(page, dinsos);
    await page.getByTestId('nav-users').waitFor();
    expect(pathOf(page)).toBe('/');

    await page.getByTestId('nav-persons').click();
    expect(await names(page)).toEqual(['Ani Lestari', 'Suparmi', 'Wahyu Nugroho']);
    await page.screenshot({ path: screenshots.listDesktop });

    // Area filter by search: one kelurahan only.
    await page.getByTestId('person-area-filter').getByTestId('area-input').fill('laweyan');
    await page.locator(`[data-testid="person-area-filter"] [data-testid="area-option"][data-code="${LAWEYAN}"]`).click();
    await expect.poll(() => names(page)).toEqual(['Wahyu Nugroho']);
    await page.getByTestId('person-area-filter').getByTestId('area-change').click();
    await expect.poll(() => names(page)).toEqual(['Ani Lestari', 'Suparmi', 'Wahyu Nugroho']);

    // The processing history shows the PSM's reveal with its reason.
    await page.locator(`[data-testid="person-row"][data-id="${persons.suparmi}"] a`).click();
    await page.getByTestId('tab-history').click();
    const reveal = page.locator('[data-testid="history-item"][data-action="person.nik_revealed"]');
    await reveal.waitFor();
    expect(await reveal.count()).toBe(1);
    expect(await reveal.getByTestId('history-actor').textContent()).toBe(psm.username);
    expect(await reveal.getByTestId('history-purpose').textContent()).toBe(`Alasan: ${revealReason}`);
    expect(await reveal.getByTestId('history-action').textContent()).toBe('NIK dilihat');
    await page.screenshot({ path: screenshots.historyDesktop });
    await page.getByTestId('tab-data').click();
    await page.getByTestId('person-facts').waitFor();
    await page.screenshot({ path: screenshots.detailDesktop });

    // The Bangka person is not there, even by address.
    await page.goto(new URL(`/warga/${persons.rusdi}`, server.url).toString());
    await page.getByTestId('error').waitFor();
    expect(await text(page, '[data-testid="error"] p')).toContain('tidak ditemukan');

    // Users: only accounts inside Kota Surakarta.
    await page.getByTestId('nav-users').click();
    await page.getByTestId('user-list').waitFor();
    const usernames = await page.getByTestId('user-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-username')));
    expect(usernames).toContain('psm.pajang');
    expect(usernames).toContain('psm.laweyan');
    expect(usernames).not.toContain('psm.sungailiat');

    // A new PSM for Kel. Kerten: the temporary password is shown once.
    await page.getByTestId('new-user').click();
    await page.getByTestId('user-form').waitFor();
    await page.getByTestId('new-username').fill('psm.kerten');
    await page.getByTestId('new-display-name').fill('Dewi Kartika');
    const roleOptions = await page
      .getByTestId('grant-role')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(roleOptions.sort()).toEqual(['ipsm_pengurus', 'mitra', 'psm']);
    await page.getByTestId('grant-role').selectOption('psm');
    await page.getByTestId('grant-area').getByTestId('area-input').fill('kerten');
    const options = page.locator('[data-testid="grant-area"] [data-testid="area-option"]');
    await options.first().waitFor();
    // Searched inside 33.72 and at village level only.
    for (const code of await options.evaluateAll((os) => os.map((o) => o.getAttribute('data-code')))) {
      expect(code).toMatch(/^33\.72\.\d{2}\.\d{4}$/);
    }
    await page.locator('[data-testid="grant-area"] [data-testid="area-option"][data-code="33.72.01.1009"]').click();
    await page.getByTestId('create-user').click();
    await page.getByTestId('user-created').waitFor();
    const temporary = await text(page, '[data-testid="temporary-password"]');
    expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await page.getByTestId('copy-password').count()).toBe(1);
    await page.screenshot({ path: screenshots.newUserDesktop });

    // The new PSM signs in with it and must choose a password first.
    const psmContext = await browser.newContext(phone);
    const psmPage = await openPage(psmContext, '/masuk');
    await signInOnPage(psmPage, { username: 'psm.kerten', password: temporary });
    await psmPage.getByTestId('must-change').waitFor();
    expect(await psmPage.getByTestId('nav-persons').count()).toBe(0);
    expect(await psmPage.getByTestId('password-rules').textContent()).toContain('Minimal 10 karakter');
    await psmPage.getByTestId('current-password').fill(temporary);
    await psmPage.getByTestId('new-password').fill('psm.kerten 2026!');
    await psmPage.getByTestId('confirm-password').fill('psm.kerten 2026!');
    await psmPage.getByTestId('save-password').click();
    await psmPage.locator('[data-field="newPassword"] [data-testid="field-error"]').waitFor();
    expect(await text(psmPage, '[data-field="newPassword"] [data-testid="field-error"]')).toContain('nama pengguna');
    await psmPage.getByTestId('new-password').fill('Sawah hijau di Kerten 7');
    await psmPage.getByTestId('confirm-password').fill('Sawah hijau di Kerten 7');
    await psmPage.getByTestId('save-password').click();
    await psmPage.getByTestId('nav-persons').waitFor();
    expect(await psmPage.getByTestId('change-password').count()).toBe(0);
    await psmContext.close();

    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('explains a wrong password in both languages, and an expired session returns to the same screen', async () => {
    const problem = await fetch(new URL('/api/v1/auth/login', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: dinsos.username, password: 'bukan kata sandinya' }),
    });
    expect(problem.status).toBe(401);
    const body = (await problem.json()) as { code: string; message: { id: string; en: string } };
    expect(body.code).toBe('invalid_credentials');

    const context = await browser.newContext(phone);
    const page = await openPage(context, '/masuk');
    await signInOnPage(page, { username: dinsos.username, password: 'salah ketik lagi' });
    await page.getByTestId('sign-in-error').waitFor();
    expect(await page.getByTestId('sign-in-error').getAttribute('data-code')).toBe('invalid_credentials');
    expect(await text(page, '[data-testid="sign-in-error"] p')).toBe(body.message.id);
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => text(page, '[data-testid="sign-in-error"] p')).toBe(body.message.en);
    await page.getByTestId('lang-switch').click();
    await noSidewaysScroll(page);
    for (const id of ['username', 'password', 'sign-in']) await expectTouchTarget(page, id);

    // Signed in, then the session ends on the server side (cookie gone): the next call
    // explains it and sign-in leads back to the same record.
    await signInOnPage(page, dinsos);
    await page.getByTestId('nav-persons').waitFor();
    await page.goto(new URL(`/warga/${persons.wahyu}`, server.url).toString());
    await page.getByTestId('person-title').waitFor();
    await context.clearCookies();
    await page.getByTestId('nav-users').click();
    await page.getByTestId('session-expired').waitFor();
    expect(await text(page, '[data-testid="session-expired"]')).toContain('Sesi Anda berakhir');
    expect(pathOf(page)).toBe('/masuk?next=%2Fpengguna');
    await signInOnPage(page, dinsos);
    await page.getByTestId('user-list').waitFor();
    expect(pathOf(page)).toBe('/pengguna');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
