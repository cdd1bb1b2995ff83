import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/src/platform/access/actor';
import * as people from '../../server/src/modules/people/people.service';
import { as } from '../../server/test/actors';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { buildPerson } from '../../server/test/factories.people';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';

/**
 * The data protection officer's screens against the real server (issue 11): an access
 * request from intake to the downloaded export, a restriction that hides the person from
 * a PSM's list, and a breach with the "who read what when" query.
 */

const PAJANG = '33.72.01.1001';
const SOLO = '33.72';
const shots = { requestPhone: '/tmp/pilar-privacy-request-360x640.png', breachDesktop: '/tmp/pilar-privacy-breach-1280x800.png' };

let server: TestServer;
let browser: Browser;
let dpo: BuiltUser;
let psm: BuiltUser;
let operator: BuiltUser;
const ids = { sutini: '', ratna: '', bejo: '', other: '' };

const actorOf = (u: BuiltUser): Actor => ({ kind: 'user', userId: u.id, username: u.username, grants: u.grants });

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const db = server.database;
  dpo = await buildUser(db, {
    username: 'dpo.surakarta',
    displayName: 'Petugas PDP',
    grants: [{ role: 'dinsos_kab_head', areaCode: SOLO }],
  });
  psm = await buildUser(db, { username: 'psm.pajang', displayName: 'Sri Rahayu', grants: [{ role: 'psm', areaCode: PAJANG }] });
  operator = await buildUser(db, {
    username: 'operator.bocor',
    displayName: 'Operator Diperiksa',
    grants: [{ role: 'dinsos_kab', areaCode: SOLO }],
  });
  ids.sutini = (await buildPerson(db, actorOf(psm), { villageCode: PAJANG, fullName: 'Sutini Akses' })).id;
  ids.ratna = (await buildPerson(db, actorOf(psm), { villageCode: PAJANG, fullName: 'Ratna Dibatasi' })).id;
  ids.bejo = (await buildPerson(db, actorOf(psm), { villageCode: PAJANG, fullName: 'Bejo Lainnya' })).id;
  ids.other = (await buildPerson(db, actorOf(psm), { villageCode: PAJANG, fullName: 'Karsih Tidak Dibaca' })).id;
  // The operator under investigation reads two records (and lists none).
  await as(db, actorOf(operator), (ctx) => people.getPerson(ctx, ids.sutini));
  await as(db, actorOf(operator), (ctx) => people.getPerson(ctx, ids.bejo));
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

/** Intake through the form: picks the person by name search, returns the new request's id (from the URL). */
async function recordRequest(p: Page, name: string, personId: string, kind: string): Promise<string> {
  await p.getByTestId('new-request').click();
  await p.getByTestId('person-search').fill(name.slice(0, 6));
  await p.locator(`[data-testid="person-choice"][data-id="${personId}"]`).click();
  await p.locator(`[data-testid="picked-person"][data-id="${personId}"]`).waitFor();
  await p.getByTestId('request-kind').selectOption(kind);
  await p.getByTestId('request-channel').selectOption('kantor');
  await p.getByTestId('register-request').click();
  await p.locator(`[data-testid="request"][data-kind="${kind}"][data-status="received"]`).waitFor();
  const path = new URL(p.url()).pathname;
  expect(path).toMatch(/^\/privasi\/permintaan\/[0-9a-f-]{36}$/);
  // No name and no NIK in the address.
  expect(p.url()).not.toContain(name.split(' ')[0]!);
  return path.split('/').pop()!;
}

async function checkIdentityAndFulfil(p: Page, summary: string) {
  await p.getByTestId('identity-method').selectOption('tatap_muka');
  await p.getByTestId('identity-document').selectOption('ktp');
  await p.getByTestId('record-identity').click();
  await p.locator('[data-testid="request"][data-status="identity_verified"]').waitFor();
  expect(await p.getByTestId('identity').textContent()).toContain(dpo.username);
  await p.getByTestId('fulfil-summary').fill(summary);
  await p.getByTestId('fulfil').click();
  await p.locator('[data-testid="request"][data-status="answered"]').waitFor();
}

describe('privacy screens (real server)', () => {
  it('the DPO takes an access request from intake to the downloaded export with the person’s processing history', async () => {
    const context = await browser.newContext(phone);
    const p = await signedIn(context, dpo, '/privasi');
    await p.getByTestId('requests-empty').waitFor();

    const requestId = await recordRequest(p, 'Sutini Akses', ids.sutini, 'access');
    // The 3 × 24 h timer: on time, about 72 hours left.
    const timer = p.locator('[data-testid="deadline"][data-state="on_time"]');
    await timer.waitFor();
    expect(await p.getByTestId('deadline-left').textContent()).toMatch(/sisa 7[01] jam \d+ menit/);
    expect(await p.getByTestId('request-person').textContent()).toBe('Sutini Akses');
    await p.screenshot({ path: shots.requestPhone, fullPage: true });
    expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await checkIdentityAndFulfil(p, 'Salinan data dan riwayat pemrosesan terlampir.');
    expect(await p.locator('[data-testid="deadline"]').getAttribute('data-state')).toBe('done');

    const truth = await server.database.ownerQuery(
      `SELECT action FROM audit_event WHERE person_id = $1 OR details -> 'ids' ? $1::text ORDER BY occurred_at, id`,
      [ids.sutini],
    );
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('download-export').click()]);
    expect(download.suggestedFilename()).toBe('data-pribadi.json');
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
      person: { id: string; fullName: string } | null;
      processingHistory: { action: string }[];
    };
    expect(exported.person?.fullName).toBe('Sutini Akses');
    // Every audit entry about the person up to the export (the export's own reads come after), in order.
    expect(exported.processingHistory.map((h) => h.action)).toEqual(truth.rows.map((r) => r.action));
    expect(exported.processingHistory.map((h) => h.action)).toEqual(
      expect.arrayContaining([
        'person.created',
        'person.read',
        'privacy.request_received',
        'privacy.identity_checked',
        'privacy.request_answered',
      ]),
    );
    // Nothing about anyone else.
    const text = JSON.stringify(exported);
    expect(text).not.toContain(ids.bejo);
    expect(text).not.toContain('Bejo Lainnya');

    const [letter] = await Promise.all([p.waitForEvent('download'), p.getByTestId('download-letter').click()]);
    expect(letter.suggestedFilename()).toBe('jawaban-permintaan.pdf');
    expect((await readFile((await letter.path())!)).subarray(0, 5).toString()).toBe('%PDF-');

    // Back on the list, the request shows as answered.
    await p.goto(new URL('/privasi', server.url).toString());
    await p.getByTestId('requests-closed').click();
    await p.locator(`[data-testid="request-row"][data-id="${requestId}"]`).waitFor();
    expect(pageErrors(p)).toEqual([]);
    await context.close();
  });

  it('a restriction request hides the person from a PSM’s list; the DPO still sees them', async () => {
    const psmContext = await browser.newContext(phone);
    const field = await signedIn(psmContext, psm, '/warga');
    await field.locator(`[data-testid="person-row"][data-id="${ids.ratna}"]`).waitFor();

    const context = await browser.newContext(desktop);
    const p = await signedIn(context, dpo, '/privasi');
    await recordRequest(p, 'Ratna Dibatasi', ids.ratna, 'restriction');
    await checkIdentityAndFulfil(p, 'Pemrosesan data Anda dibatasi sesuai permintaan.');

    await field.reload();
    await field.getByTestId('person-list').waitFor();
    const listed = await field
      .locator('[data-testid="person-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(listed).toContain(ids.bejo);
    expect(listed).not.toContain(ids.ratna);

    await p.getByTestId('privacy-tab-requests').click();
    await p.locator(`[data-testid="restricted-person"][data-id="${ids.ratna}"]`).waitFor();
    expect(pageErrors(p)).toEqual([]);
    expect(pageErrors(field)).toEqual([]);
    await context.close();
    await psmContext.close();
  });

  it('the DPO records a breach and finds exactly the persons the investigated account read', async () => {
    const context = await browser.newContext(desktop);
    const p = await signedIn(context, dpo, '/privasi/insiden');
    await p.getByTestId('breach-new-open').click();
    await p.getByTestId('breach-title').fill('Akun operator dipakai orang lain');
    await p.getByTestId('breach-description').fill('Kata sandi operator diketahui pihak luar dan dipakai membuka data warga.');
    await p.getByTestId('breach-how').fill('Dilaporkan oleh operator sendiri setelah menerima pesan penipuan.');
    await p.getByTestId('breach-systems').fill('aplikasi web');
    await p.getByTestId('create-breach').click();
    await p.getByTestId('breach-heading').waitFor();
    expect(await p.getByTestId('breach-heading').textContent()).toBe('Akun operator dipakai orang lain');
    expect(new URL(p.url()).pathname).toMatch(/^\/privasi\/insiden\/[0-9a-f-]{36}$/);
    await p.locator('[data-testid="deadline"][data-state="on_time"]').waitFor();

    // Both notices start as drafts listing the three mandatory contents (Pasal 46(2)).
    for (const audience of ['subjects', 'authority']) {
      await p.locator(`[data-testid="notice-${audience}"][data-status="draft"]`).waitFor();
      for (const field of ['dataExposed', 'whenAndHow', 'measuresTaken'])
        await p.getByTestId(`notice-${audience}-${field}`).waitFor();
    }

    await p.getByTestId('affected-user-search').fill('operator.bo');
    await p.locator(`[data-testid="user-choice"][data-username="${operator.username}"]`).click();
    await p.getByTestId('affected-record').check();
    await p.getByTestId('run-affected-query').click();
    const result = p.getByTestId('affected-result');
    await result.waitFor();
    const found = await p
      .locator('[data-testid="affected-person"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(found.sort()).toEqual([ids.sutini, ids.bejo].sort());
    expect(await result.getAttribute('data-total')).toBe('2');
    await expect.poll(() => p.getByTestId('breach-affected-count').textContent()).toBe('2');

    // A notice is refused as ready while a mandatory content is empty, then accepted.
    await p.getByTestId('notice-authority-ready').click();
    await p
      .locator(
        '[data-testid="notice-authority"] [data-testid="error"], [data-testid="notice-authority"] [data-testid="field-error"]',
      )
      .first()
      .waitFor();
    await p.getByTestId('notice-authority-dataExposed').fill('Nama, alamat dan NIK tersamar dua warga Pajang.');
    await p
      .getByTestId('notice-authority-whenAndHow')
      .fill('Antara 16 dan 23 November melalui akun operator yang kata sandinya bocor.');
    await p.getByTestId('notice-authority-measuresTaken').fill('Kata sandi diganti, sesi dicabut, akses operator ditinjau.');
    await p.getByTestId('notice-authority-contact').fill('Petugas PDP Dinsos Surakarta, pdp@surakarta.go.id');
    await p.getByTestId('notice-authority-save').click();
    await p.locator('[data-testid="notice-authority"]').getByTestId('notice-authority-ready').click();
    await p.locator('[data-testid="notice-authority"][data-status="ready"]').waitFor();
    await p.getByTestId('delivery-authority-log').click();
    await p.getByTestId('deliveries-authority').waitFor();
    expect(await p.getByTestId('deliveries-authority').textContent()).toContain('Portal lembaga');
    await p.screenshot({ path: shots.breachDesktop, fullPage: true });
    expect(pageErrors(p)).toEqual([]);
    await context.close();
  });

  it('the DPO keeps the contact, holds and documents; the public page shows the contact', async () => {
    const context = await browser.newContext(phone);
    const p = await signedIn(context, dpo, '/privasi/tata-kelola');
    await p.getByTestId('purpose').first().waitFor();
    expect(await p.getByTestId('ropa-pdf').getAttribute('href')).toBe('/api/v1/privacy/ropa/pdf');
    const [ropa] = await Promise.all([p.waitForEvent('download'), p.getByTestId('ropa-pdf').click()]);
    expect((await readFile((await ropa.path())!)).subarray(0, 5).toString()).toBe('%PDF-');

    await p.getByTestId('office-new').click();
    await p.getByTestId('office-areaCode').fill(SOLO);
    await p.getByTestId('office-officeName').fill('Dinas Sosial Kota Surakarta');
    await p.getByTestId('office-dpoName').fill('Dwi Lestari');
    await p.getByTestId('office-dpoEmail').fill('bukan-surel');
    await p.getByTestId('office-save').click();
    await p.locator('[data-field="dpoEmail"] [data-testid="field-error"]').waitFor();
    await p.getByTestId('office-dpoEmail').fill('pdp@surakarta.go.id');
    await p.getByTestId('office-save').click();
    await p.locator(`[data-testid="office"][data-area="${SOLO}"]`).waitFor();
    expect(await p.locator(`[data-testid="office"][data-area="${SOLO}"] [data-testid="office-dpo"]`).textContent()).toContain(
      'pdp@surakarta.go.id',
    );

    // A legal hold on a person, then released.
    await p.getByTestId('privacy-tab-retention').click();
    await p.getByTestId('retention-rule').first().waitFor();
    await p.getByTestId('hold-new').click();
    await p.getByTestId('person-search').fill('Karsih');
    await p.locator(`[data-testid="person-choice"][data-id="${ids.other}"]`).click();
    await p.getByTestId('hold-reason').fill('Pemeriksaan Inspektorat atas bantuan 2026');
    await p.getByTestId('place-hold').click();
    const hold = p.locator('[data-testid="hold"][data-released="false"]');
    await hold.waitFor();
    await hold.locator('summary').click();
    await hold.getByTestId('release-reason').fill('Pemeriksaan Inspektorat selesai');
    await hold.getByTestId('release-hold').click();
    await p.locator('[data-testid="hold"][data-released="true"]').waitFor();
    expect(pageErrors(p)).toEqual([]);

    // Anyone, signed out, finds the officer on the public privacy page.
    const visitor = await (await browser.newContext(phone)).newPage();
    await visitor.goto(new URL('/statistik', server.url).toString());
    await visitor.getByTestId('privacy-notice-link').click();
    const contact = visitor.locator(`[data-testid="public-dpo"][data-area="${SOLO}"]`);
    await contact.waitFor();
    expect(await contact.textContent()).toContain('Dwi Lestari');
    expect(await contact.textContent()).toContain('pdp@surakarta.go.id');
    await context.close();
  });
});
