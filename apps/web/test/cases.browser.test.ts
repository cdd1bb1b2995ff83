import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/src/platform/access/actor';
import * as partners from '../../server/src/modules/partners/partners.service';
import { as, syntheticNik } from '../../server/test/actors';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { buildPerson } from '../../server/test/factories.people';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';

/**
 * Case work against the real server: a PSM registers a person (the same NIK is refused,
 * a near match is shown and deliberately passed), opens a case, assesses with the default
 * form, plans and delivers a service, records a visit with a photo and GPS, refers to a
 * partner whose user accepts and completes in the inbox, and closes the case; the
 * person's timeline shows it all, the visit photo included.
 */

const PAJANG = '33.72.01.1001';
const shots = {
  duplicatePhone: '/tmp/pilar-duplicate-360x640.png',
  casePhone: '/tmp/pilar-case-360x640.png',
  timelinePhone: '/tmp/pilar-timeline-360x640.png',
  inboxDesktop: '/tmp/pilar-inbox-1280x800.png',
};

let server: TestServer;
let browser: Browser;
let psm: BuiltUser;
let mitra: BuiltUser;
let existingId: string;
let partnerId: string;
/** Someone already registered in Pajang: same name and birth date as the person the PSM registers. */
const EXISTING = { fullName: 'Sukinem', birthDate: '1956-02-11', nik: syntheticNik('33.72.01', '1956-02-11', 'P', 77) };

/** A real 16×16 PNG (red square), built byte by byte: signature, IHDR, IDAT, IEND with CRCs. */
function pngSquare(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => (b.reduce((c, x) => crcTable[(c ^ x) & 0xff]! ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const size = 16;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([200, 16, 46]))]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const actorOf = (u: BuiltUser): Actor => ({ kind: 'user', userId: u.id, username: u.username, grants: u.grants });

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const db = server.database;
  psm = await buildUser(db, { username: 'psm.pajang', displayName: 'Sri Rahayu', grants: [{ role: 'psm', areaCode: PAJANG }] });
  const operator = await buildUser(db, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] });
  mitra = await buildUser(db, {
    username: 'lks.sejahtera',
    displayName: 'Petugas LKS',
    grants: [{ role: 'mitra', areaCode: '33.72' }],
  });
  partnerId = (
    await as(db, actorOf(operator), (ctx) =>
      partners.createPartner(ctx, { areaCode: '33.72', kind: 'psks', psksCode: 'lks', name: 'LKS Sejahtera Bersama' }),
    )
  ).id;
  await as(db, actorOf(operator), (ctx) => partners.linkPartnerUser(ctx, partnerId, mitra.id));
  existingId = (await buildPerson(db, actorOf(psm), { villageCode: PAJANG, sex: 'P', ...EXISTING })).id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const phone = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 800 } };

/** Every URL the page asked for (navigations, API calls): no NIK or name may appear in one. */
const requested: string[] = [];

async function signedIn(context: BrowserContext, user: BuiltUser, path: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requested.push(r.url()));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(new URL(`/masuk?next=${encodeURIComponent(path)}`, server.url).toString());
  await page.getByTestId('username').fill(user.username);
  await page.getByTestId('password').fill(user.password);
  await page.getByTestId('sign-in').click();
  await page.waitForURL((u) => u.pathname === path);
  return page;
}
const pageErrors = (page: Page) => (page as Page & { errors: string[] }).errors;
const caseStatus = (page: Page) =>
  page.locator('[data-testid="case-header"] [data-testid="case-status"]').getAttribute('data-status');
async function expectStatus(page: Page, status: string) {
  await page.locator(`[data-testid="case-header"] [data-testid="case-status"][data-status="${status}"]`).waitFor();
  expect(await caseStatus(page)).toBe(status);
}
async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}
/** True once the image has been fetched and decoded (a broken or refused photo has no width). */
const loadedImage = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);

/** Registration: the same NIK is refused with a link to the record; a near match warns and is passed on purpose. Returns the new person's id. */
async function registerPastNearMatch(p: Page): Promise<string> {
  await p.getByTestId('full-name').fill(EXISTING.fullName);
  await p.getByTestId('sex-P').check();
  await p.getByTestId('birth-date').fill(EXISTING.birthDate);
  await p.getByTestId('nik').fill(EXISTING.nik);
  await p.getByTestId('save-person').click();
  const exact = p.getByTestId('duplicate-exact');
  await exact.waitFor();
  expect(await exact.textContent()).toContain('Sukinem');
  expect(await exact.textContent()).not.toContain(EXISTING.nik); // masked only
  expect(await p.getByTestId('open-existing').getAttribute('href')).toBe(`/warga/${existingId}`);
  expect(await p.getByTestId('register-anyway').count()).toBe(0); // no way past the same NIK

  // Another Sukinem, born the same day in the same kelurahan, without an e-KTP yet.
  await p.getByTestId('no-nik').check();
  await p.getByTestId('nik-reason').selectOption('belum_rekam');
  await p.getByTestId('address').fill('Jl. Pajang Baru RT 2');
  await p.getByTestId('save-person').click();
  const warning = p.getByTestId('duplicate-warning');
  await warning.waitFor();
  expect(await p.getByTestId('duplicate-exact').count()).toBe(0);
  const candidate = p.getByTestId('duplicate-candidate');
  expect(await candidate.count()).toBe(1);
  expect(await candidate.getAttribute('data-reasons')).toBe('name birth_date village');
  expect(await p.getByTestId('candidate-link').getAttribute('href')).toBe(`/warga/${existingId}`);
  expect(await candidate.textContent()).toContain('lahir 1956');
  expect(new URL(p.url()).pathname).toBe('/warga/baru'); // nothing saved yet
  await noSidewaysScroll(p);
  await p.screenshot({ path: shots.duplicatePhone });

  await p.getByTestId('register-anyway').click();
  await p.getByTestId('registered').waitFor();
  const id = /^\/warga\/([0-9a-f-]{36})$/.exec(new URL(p.url()).pathname)?.[1];
  expect(id).toBeDefined();
  expect(id).not.toBe(existingId);
  expect(await p.getByTestId('person-title').textContent()).toBe('Sukinem');
  return id!;
}

/** A home visit on the case page: refused location says so, then a GPS fix and a real photo. */
async function recordVisitWithPhoto(p: Page, context: BrowserContext) {
  const form = p.getByTestId('visit-form');
  await form.scrollIntoViewIfNeeded();
  await p.getByTestId('visit-locate').click();
  const refused = p.locator('[data-testid="visit-location"][data-state="unavailable"]');
  await refused.waitFor();
  expect(await refused.textContent()).toContain('Lokasi tidak tersedia');
  await context.grantPermissions(['geolocation'], { origin: server.url });
  await context.setGeolocation({ latitude: -7.5641, longitude: 110.7929, accuracy: 12 });
  await p.getByTestId('visit-locate').click();
  await p.locator('[data-testid="visit-location"][data-state="located"]').waitFor();
  expect(await p.getByTestId('visit-location').textContent()).toContain('-7.56410');

  await p.getByTestId('visit-kind-kunjungan').check();
  await p.getByTestId('visit-note').fill('Rumah bocor di bagian dapur; persediaan beras tinggal 2 hari');
  await p.getByTestId('visit-photo-input').setInputFiles({ name: 'dapur.png', mimeType: 'image/png', buffer: pngSquare() });
  await p.getByTestId('visit-photo-preview').waitFor();
  await p.getByTestId('save-visit').click();
  const visit = p.locator('[data-testid="visit"][data-kind="kunjungan"][data-photos="1"]');
  await visit.waitFor();
  expect(await visit.textContent()).toContain('Rumah bocor di bagian dapur');
  expect(await visit.textContent()).toContain('lokasi GPS');
  await expect.poll(() => loadedImage(p, '[data-testid="visit"] [data-testid="visit-photo"]')).toBe(true);
  expect(await p.getByTestId('visit-note').inputValue()).toBe(''); // the form is ready for the next one
  await p.locator('[data-testid="case-event"][data-kind="visit.recorded"]').waitFor();
}

describe('case screens (real server)', () => {
  it('a PSM takes a case from opening to closure with a referral answered by the partner; the timeline shows it all', async () => {
    const psmContext = await browser.newContext(phone);
    const p = await signedIn(psmContext, psm, '/warga/baru');
    const personId = await registerPastNearMatch(p);

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

    // A home visit with a photo and the phone's location.
    await recordVisitWithPhoto(p, psmContext);

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
    for (const kind of [
      'person.registered',
      'case.opened',
      'assessment.recorded',
      'case.assess',
      'case.plan',
      'case.start',
      'service.delivered',
      'visit.kunjungan',
      'referral.sent',
      'referral.accepted',
      'referral.completed',
      'case.close',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(kinds[0]).toBe('case.close'); // newest first
    expect(kinds.at(-1)).toBe('person.registered');
    // The visit's note and photo are on its entry; the photo opens large.
    const visitItem = p.locator('[data-testid="timeline-item"][data-kind="visit.kunjungan"]');
    expect(await visitItem.getByTestId('timeline-note').textContent()).toContain('Rumah bocor di bagian dapur');
    await expect
      .poll(() => loadedImage(p, '[data-testid="timeline-item"][data-kind="visit.kunjungan"] [data-testid="visit-photo"]'))
      .toBe(true);
    await visitItem.getByTestId('visit-photo-open').click();
    await p.getByTestId('photo-viewer-image').waitFor();
    await expect.poll(() => loadedImage(p, '[data-testid="photo-viewer-image"]')).toBe(true);
    await p.getByTestId('photo-viewer-close').click();
    await p.getByTestId('photo-viewer-image').waitFor({ state: 'detached' });
    await noSidewaysScroll(p);
    await p.screenshot({ path: shots.timelinePhone, fullPage: true });
    await p.getByTestId('tab-cases').click();
    await p.locator('[data-testid="case-row"] [data-testid="case-status"][data-status="closed"]').waitFor();
    expect(await p.locator('[data-testid="case-row"] a').getAttribute('href')).toBe(casePath);

    expect(pageErrors(p)).toEqual([]);
    expect(pageErrors(m)).toEqual([]);
    // Record ids only: neither the NIK nor the name ever travelled in a URL.
    expect(requested.length).toBeGreaterThan(20);
    expect(requested.filter((u) => u.includes(EXISTING.nik) || /sukinem/i.test(decodeURIComponent(u)))).toEqual([]);
    await psmContext.close();
    await mitraContext.close();
  });
});
