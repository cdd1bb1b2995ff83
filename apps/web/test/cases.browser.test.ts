import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/src/platform/access/actor';
import * as partners from '../../server/src/modules/partners/partners.service';
import { as } from '../../server/test/actors';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { buildPerson } from '../../server/test/factories.people';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';

/**
 * Case work against the real server: a PSM opens a case for a person, assesses with the
 * default form, plans and delivers a service, refers to a partner whose user accepts and
 * completes in the inbox, and closes the case; the person's timeline shows it all.
 */

const PAJANG = '33.72.01.1001';
const shots = { casePhone: '/tmp/pilar-case-360x640.png', timelinePhone: '/tmp/pilar-timeline-360x640.png', inboxDesktop: '/tmp/pilar-inbox-1280x800.png' };

let server: TestServer;
let browser: Browser;
let psm: BuiltUser;
let mitra: BuiltUser;
let personId: string;
let partnerId: string;

const actorOf = (u: BuiltUser): Actor => ({ kind: 'user', userId: u.id, username: u.username, grants: u.grants });

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const db = server.database;
  psm = await buildUser(db, { username: 'psm.pajang', displayName: 'Sri Rahayu', grants: [{ role: 'psm', areaCode: PAJANG }] });
  const operator = await buildUser(db, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] });
  mitra = await buildUser(db, { username: 'lks.sejahtera', displayName: 'Petugas LKS', grants: [{ role: 'mitra', areaCode: '33.72' }] });
  partnerId = (await as(db, actorOf(operator), (ctx) => partners.createPartner(ctx, { areaCode: '33.72', kind: 'psks', psksCode: 'lks', name: 'LKS Sejahtera Bersama' }))).id;
  await as(db, actorOf(operator), (ctx) => partners.linkPartnerUser(ctx, partnerId, mitra.id));
  personId = (await buildPerson(db, actorOf(psm), { villageCode: PAJANG, fullName: 'Sukinem', birthDate: '1956-02-11', sex: 'P' })).id;
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
const caseStatus = (page: Page) => page.locator('[data-testid="case-header"] [data-testid="case-status"]').getAttribute('data-status');
async function expectStatus(page: Page, status: string) {
  await page.locator(`[data-testid="case-header"] [data-testid="case-status"][data-status="${status}"]`).waitFor();
  expect(await caseStatus(page)).toBe(status);
}
async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

describe('case screens (real server)', () => {
  it('a PSM takes a case from opening to closure with a referral answered by the partner; the timeline shows it all', async () => {
    const psmContext = await browser.newContext(phone);
    const p = await signedIn(psmContext, psm, `/warga/${personId}`);

    // Open a case from the person's "Kasus" tab.
    await p.getByTestId('tab-cases').click();
    await p.getByTestId('no-cases').waitFor();
    await p.getByTestId('open-case').click();
    await p.locator('[data-testid="case-ppks"] option[value="24"]').waitFor({ state: 'attached' });
    await p.getByTestId('case-ppks').selectOption('24');
    await p.getByTestId('case-need').fill('Kebutuhan makan harian dan bantuan sosial');
    await p.getByTestId('create-case').click();
    await p.getByTestId('case-title').waitFor();
    expect(new URL(p.url()).pathname).toMatch(/^\/kasus\/[0-9a-f-]{36}$/);
    expect(await p.getByTestId('case-title').textContent()).toBe('Sukinem');
    await expectStatus(p, 'identified');
    expect(await p.getByTestId('case-number').textContent()).toMatch(/\S+/);

    // Assessment with the default form for fakir miskin: required fields and showIf.
    await p.getByTestId('start-assessment').click();
    const form = p.locator('[data-testid="assessment-form"][data-form="fakir-miskin"]');
    await form.waitFor();
    await p.getByTestId('save-assessment').click();
    expect(await form.locator('[data-testid="field-error"]').count()).toBeGreaterThanOrEqual(4);
    await p.getByTestId('answer-jumlah_anggota').fill('4');
    await p.getByTestId('answer-penghasilan').selectOption('tidak_ada');
    await p.getByTestId('answer-kondisi_rumah').selectOption('tidak_layak');
    expect(await p.getByTestId('answer-program').count()).toBe(0);
    await p.getByTestId('answer-penerima_bansos-yes').check();
    await p.getByTestId('answer-program-pkh').check();
    await p.getByTestId('answer-kebutuhan-permakanan').check();
    await p.getByTestId('save-assessment').click();
    await p.locator('[data-testid="assessment"][data-form="fakir-miskin"]').waitFor();
    // Rendered with the labels of the form version it was given under.
    await expect.poll(() => p.getByTestId('assessment').textContent()).toContain('Program yang diterimaPKH');
    await p.getByTestId('case-action-assess').click();
    await expectStatus(p, 'assessed');

    // Plan: a goal and a planned service, then the intervention starts.
    await p.getByTestId('goal-input').fill('Kebutuhan makan terpenuhi setiap hari');
    await p.getByTestId('add-goal').click();
    await p.getByTestId('goal').waitFor();
    await p.locator('[data-testid="plan-service"] option[value="permakanan"]').waitFor({ state: 'attached' });
    await p.getByTestId('plan-service').selectOption('permakanan');
    await p.getByTestId('add-planned-service').click();
    await p.locator('[data-testid="planned-service"][data-code="permakanan"]').waitFor();
    await p.getByTestId('case-action-plan').click();
    await expectStatus(p, 'planned');
    await p.getByTestId('case-action-start').click();
    await expectStatus(p, 'in_intervention');

    // A delivery.
    await p.getByTestId('delivery-service').selectOption('permakanan');
    await p.getByTestId('delivery-quantity').fill('7');
    await p.getByTestId('add-delivery').click();
    await p.locator('[data-testid="delivery"][data-code="permakanan"]').waitFor();
    expect(await p.getByTestId('delivery').textContent()).toContain('7');

    // A referral to the partner.
    await p.locator(`[data-testid="referral-partner"] option[value="${partnerId}"]`).waitFor({ state: 'attached' });
    await p.getByTestId('referral-partner').selectOption(partnerId);
    await p.getByTestId('referral-need').fill('Pendampingan lansia dan pemeriksaan rutin');
    await p.getByTestId('send-referral').click();
    await p.locator('[data-testid="referral"][data-status="sent"]').waitFor();
    await noSidewaysScroll(p);
    await p.screenshot({ path: shots.casePhone, fullPage: true });
    const casePath = new URL(p.url()).pathname;

    // The partner's user accepts and completes it in the inbox (actions from the server).
    const mitraContext = await browser.newContext(desktop);
    const m = await signedIn(mitraContext, mitra, '/rujukan');
    const item = m.locator('[data-testid="inbox-item"][data-status="sent"]');
    await item.waitFor();
    expect(await item.textContent()).toContain('Sukinem');
    expect(await item.textContent()).not.toMatch(/\d{16}/); // no NIK
    expect(await m.getByTestId('inbox-complete').count()).toBe(0);
    await m.getByTestId('inbox-accept').click();
    await m.locator('[data-testid="inbox-item"][data-status="accepted"]').waitFor();
    await m.getByTestId('inbox-complete').click();
    await m.getByTestId('inbox-text').fill('Sudah diperiksa dan didampingi');
    await m.getByTestId('inbox-confirm').click();
    await m.locator('[data-testid="inbox-item"][data-status="completed"]').waitFor();
    expect(await m.getByTestId('inbox-accept').count()).toBe(0);
    await m.screenshot({ path: shots.inboxDesktop, fullPage: true });

    // Back on the phone: the referral is completed; the PSM closes the case.
    await p.reload();
    await p.locator('[data-testid="referral"][data-status="completed"]').waitFor();
    await p.getByTestId('case-action-close').click();
    await p.getByTestId('closure-reason').selectOption('dirujuk_tuntas');
    await p.getByTestId('step-submit').click();
    await expectStatus(p, 'closed');
    expect(await p.getByTestId('add-delivery').count()).toBe(0); // nothing is recorded on a closed case
    expect(await p.locator('[data-testid="case-event"][data-kind="case.close"]').count()).toBe(1);

    // The person's timeline shows every step.
    await p.goto(new URL(`/warga/${personId}`, server.url).toString());
    await p.getByTestId('tab-timeline').click();
    await p.getByTestId('timeline').waitFor();
    const kinds = await p.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    for (const kind of ['case.opened', 'assessment.recorded', 'case.assess', 'case.plan', 'case.start', 'service.delivered', 'referral.sent', 'referral.accepted', 'referral.completed', 'case.close']) {
      expect(kinds, kind).toContain(kind);
    }
    expect(kinds[0]).toBe('case.close'); // newest first
    await noSidewaysScroll(p);
    await p.screenshot({ path: shots.timelinePhone, fullPage: true });
    await p.getByTestId('tab-cases').click();
    await p.locator('[data-testid="case-row"] [data-testid="case-status"][data-status="closed"]').waitFor();
    expect(await p.locator('[data-testid="case-row"] a').getAttribute('href')).toBe(casePath);

    expect(pageErrors(p)).toEqual([]);
    expect(pageErrors(m)).toEqual([]);
    await psmContext.close();
    await mitraContext.close();
  });
});
