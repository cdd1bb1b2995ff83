import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticNik } from '../../server/test/actors';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';

/**
 * PSM registry against the real server: an IPSM operator registers a PSM on a phone, a
 * Dinsos verifier returns it with a reason, the operator resubmits, the verifier verifies;
 * the card PDF answers, and the village's coverage goes from 0 to 1 active PSM.
 */

const PAJANG = '33.72.01.1001'; // Kel. Pajang, Laweyan, Kota Surakarta
const LAWEYAN_DISTRICT = '33.72.01';
const shots = {
  formPhone: '/tmp/pilar-member-new-360x640.png',
  detailPhone: '/tmp/pilar-member-360x640.png',
  coveragePhone: '/tmp/pilar-coverage-360x640.png',
};

let server: TestServer;
let browser: Browser;
let ipsm: BuiltUser;
let verifier: BuiltUser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  ipsm = await buildUser(server.database, { username: 'ipsm.solo', displayName: 'Sekretaris IPSM Solo', grants: [{ role: 'ipsm_pengurus', areaCode: '33.72' }] });
  verifier = await buildUser(server.database, { username: 'verifikator.solo', displayName: 'Verifikator Dinsos', grants: [{ role: 'dinsos_kab_verifier', areaCode: '33.72' }] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const phone = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 800 } };

async function signedIn(context: BrowserContext, user: BuiltUser, path: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(new URL(`/masuk?next=${encodeURIComponent(path)}`, server.url).toString());
  await page.getByTestId('username').fill(user.username);
  await page.getByTestId('password').fill(user.password);
  await page.getByTestId('sign-in').click();
  await page.waitForURL((u) => u.pathname === path);
  return page;
}
const pageErrors = (page: Page) => (page as Page & { errors: string[] }).errors;
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();
async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}
async function expectTouchTarget(page: Page, testId: string) {
  const box = await page.getByTestId(testId).first().boundingBox();
  expect(box, `${testId} is visible`).not.toBeNull();
  expect(box!.height, `${testId} height`).toBeGreaterThanOrEqual(44);
}
/** The "villages with ≥ 1 active PSM" tile of the coverage page. */
async function villagesWithActive(page: Page): Promise<string> {
  await page.getByTestId('coverage-figures').waitFor();
  return text(page, '[data-testid="figure"][data-key="villagesWithActive"] [data-testid="figure-value"]');
}
async function memberStatus(page: Page): Promise<string | null> {
  return page.locator('[data-testid="member-header"] [data-testid="member-status"], .record-header [data-testid="member-status"]').first().getAttribute('data-status');
}

describe('PSM registry screens (real server)', () => {
  it('registers, returns, resubmits and verifies a PSM; prints the card; coverage of the village goes 0 → 1', async () => {
    // Coverage before: Pajang has no active PSM (drilled from the district).
    const vContext = await browser.newContext(desktop);
    const v = await signedIn(vContext, verifier, `/psm/cakupan/${LAWEYAN_DISTRICT}`);
    const pajangRow = v.locator(`[data-testid="coverage-child"][data-code="${PAJANG}"]`);
    await pajangRow.waitFor();
    expect(await pajangRow.getByTestId('child-with-active').textContent()).toBe('0');
    await pajangRow.getByTestId('drill').click();
    await v.locator(`[data-testid="coverage-area"][data-code="${PAJANG}"]`).waitFor();
    expect(await villagesWithActive(v)).toBe('0');
    expect(await v.locator(`[data-testid="village-without"][data-code="${PAJANG}"]`).count()).toBe(1);

    // The IPSM operator registers a PSM on a phone.
    const iContext = await browser.newContext(phone);
    const p = await signedIn(iContext, ipsm, '/psm');
    await p.getByTestId('member-count').waitFor();
    expect(await p.getByTestId('nav-members').count()).toBe(1);
    await p.getByTestId('new-member').click();
    await p.getByTestId('member-form').waitFor();
    await p.getByTestId('member-village').getByTestId('area-input').fill('pajang');
    await p.locator(`[data-testid="member-village"] [data-testid="area-option"][data-code="${PAJANG}"]`).click();
    await p.getByTestId('member-fullName').fill('Sri Wahyuni');
    await p.getByTestId('member-sex-P').check();
    await p.getByTestId('member-birthDate').fill('1985-04-17');
    await p.getByTestId('member-nik').fill(syntheticNik(LAWEYAN_DISTRICT, '1985-04-17', 'P', 77));
    await p.getByTestId('member-phone').fill('0812 3456 7890');
    await p.getByTestId('member-skNumber').fill('141/12/2025');
    await p.getByTestId('member-skDate').fill('2025-03-01');
    await p.getByTestId('member-skIssuer').fill('Lurah Pajang');
    await noSidewaysScroll(p);
    await expectTouchTarget(p, 'save-member');
    await p.screenshot({ path: shots.formPhone, fullPage: true });
    await p.getByTestId('save-member').click();
    await p.getByTestId('member-title').waitFor();
    expect(await text(p, '[data-testid="member-title"]')).toBe('Sri Wahyuni');
    expect(await memberStatus(p)).toBe('diajukan');
    const memberUrl = new URL(p.url()).pathname;
    expect(memberUrl).toMatch(/^\/psm\/[0-9a-f-]{36}$/);
    // NIK shown masked only; the requirements checklist judged by the server.
    expect(await text(p, '[data-testid="member-facts"]')).toContain('3372********0077');
    expect(await p.locator('[data-testid="requirement"][data-code="sk_desa"]').getAttribute('data-met')).toBe('true');
    expect(await p.locator('[data-testid="requirement"][data-code="pelatihan"]').getAttribute('data-met')).toBe('false');
    // An IPSM operator cannot verify: no such button is offered (from `transitions`).
    expect(await p.getByTestId('transition-verify').count()).toBe(0);
    expect(await p.getByTestId('print-card').count()).toBe(0);

    // The verifier finds it among the submitted registrations and returns it with a reason.
    await v.goto(new URL('/psm', server.url).toString());
    await v.getByTestId('filter-status').selectOption('diajukan');
    const row = v.locator('[data-testid="member-row"]', { hasText: 'Sri Wahyuni' });
    await row.waitFor();
    await row.locator('a').click();
    await v.getByTestId('transition-return').click();
    await v.getByTestId('return-reason').fill('Lampirkan surat keterangan sehat');
    await v.getByTestId('transition-submit').click();
    await v.getByTestId('member-saved').waitFor();
    expect(await memberStatus(v)).toBe('dikembalikan');

    // The operator sees why and resubmits.
    await p.reload();
    await p.getByTestId('return-reason-shown').waitFor();
    expect(await text(p, '[data-testid="return-reason-shown"]')).toContain('Lampirkan surat keterangan sehat');
    await p.getByTestId('transition-resubmit').click();
    await p.getByTestId('member-saved').waitFor();
    expect(await memberStatus(p)).toBe('diajukan');

    // The verifier verifies: active, with the status history and the card.
    await v.reload();
    await v.getByTestId('transition-verify').click();
    await v.getByTestId('member-saved').waitFor();
    expect(await memberStatus(v)).toBe('aktif');
    expect(await v.getByTestId('transition-verify').count()).toBe(0);
    expect((await v.locator('[data-testid="status-event"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-to'))))).toEqual(['aktif', 'diajukan', 'dikembalikan', 'diajukan']);
    const href = await v.getByTestId('print-card').getAttribute('href');
    expect(href).toBe(`${memberUrl.replace('/psm/', '/api/v1/members/')}/card.pdf`);
    const card = await v.request.get(new URL(href!, server.url).toString());
    expect(card.status()).toBe(200);
    expect(card.headers()['content-type']).toBe('application/pdf');
    expect((await card.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The operator's phone now shows it active and the card link; coverage of Pajang is 1.
    await p.reload();
    await p.getByTestId('print-card').waitFor();
    await noSidewaysScroll(p);
    await p.screenshot({ path: shots.detailPhone, fullPage: true });
    await p.goto(new URL(`/psm/cakupan/${PAJANG}`, server.url).toString());
    expect(await villagesWithActive(p)).toBe('1');
    expect(await text(p, '[data-testid="figure"][data-key="activeMembers"] [data-testid="figure-value"]')).toBe('1');
    expect(await p.locator('[data-testid="bar"][data-key="one"]').getAttribute('data-value')).toBe('1');
    expect(await p.getByTestId('without-empty').count()).toBe(1);
    await p.getByTestId('coverage-up').click();
    const row2 = p.locator(`[data-testid="coverage-child"][data-code="${PAJANG}"]`);
    await row2.waitFor();
    expect(await row2.getByTestId('child-with-active').textContent()).toBe('1');
    await noSidewaysScroll(p);
    await p.screenshot({ path: shots.coveragePhone, fullPage: true });

    expect(pageErrors(p)).toEqual([]);
    expect(pageErrors(v)).toEqual([]);
    await iContext.close();
    await vContext.close();
  });
});
