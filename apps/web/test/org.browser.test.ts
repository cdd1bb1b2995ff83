import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as org from '../../server/src/modules/org/org.service';
import { actorWith, as } from '../../server/test/actors';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { buildMember } from '../../server/test/factories.members';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';

/**
 * IPSM unit screens against the real server: the IPSM Kota Surakarta operator records the
 * 2024–2029 board (forum, minutes, SK, positions) and the 2019–2024 board moves to history;
 * publishes an announcement a PSM in Laweyan then reads; creates an event and records who
 * attended; adds a link and a file to the library and downloads the file. An IPSM operator
 * of Kabupaten Bangka sees the Solo unit without any edit action.
 */

const PAJANG = '33.72.01.1001'; // Kel. Pajang, Laweyan, Kota Surakarta
const PURWOSARI = '33.72.02.1001';
const admin = actorWith(['admin', 'ID']);
const phone = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const shots = {
  boardPhone: '/tmp/pilar-org-board-360x640.png',
  formPhone: '/tmp/pilar-org-board-form-360x640.png',
  eventPhone: '/tmp/pilar-org-event-360x640.png',
  libraryPhone: '/tmp/pilar-org-library-360x640.png',
};
// A minimal PDF: the server decides the type from the bytes.
const pdf = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

let server: TestServer;
let browser: Browser;
let operator: BuiltUser;
let psm: BuiltUser;
let bangkaOperator: BuiltUser;
let unitId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const db = server.database;
  operator = await buildUser(db, {
    username: 'sekretaris.ipsm.solo',
    displayName: 'Sekretaris IPSM Solo',
    grants: [{ role: 'ipsm_pengurus', areaCode: '33.72' }],
  });
  psm = await buildUser(db, { username: 'psm.pajang', displayName: 'PSM Pajang', grants: [{ role: 'psm', areaCode: PAJANG }] });
  bangkaOperator = await buildUser(db, {
    username: 'ipsm.bangka',
    displayName: 'IPSM Bangka',
    grants: [{ role: 'ipsm_pengurus', areaCode: '19.01' }],
  });
  await buildMember(db, PAJANG, { input: { fullName: 'Hartono Wibowo' } });
  await buildMember(db, PURWOSARI, { input: { fullName: 'Rina Kusumawati' } });
  await buildMember(db, '19.01.01.1001', { input: { fullName: 'Hartati Bangka' } });
  const solo = await as(db, admin, (ctx) => org.createUnit(ctx, { areaCode: '33.72' }));
  unitId = solo.id;
  await as(db, admin, (ctx) =>
    org.createBoard(ctx, solo.id, {
      termStart: 2019,
      termEnd: 2024,
      chosenBy: 'muscab',
      chosenOn: '2019-03-02',
      skNumber: '460/12/2019',
      skIssuer: 'Wali Kota Surakarta',
      positions: [
        { position: 'ketua', personName: 'Suparmi Lestari' },
        { position: 'bendahara', personName: 'Bambang Riyadi' },
      ],
    }),
  );
  // Another regency's announcement must not reach a PSM in Solo.
  const bangka = await as(db, admin, (ctx) => org.createUnit(ctx, { areaCode: '19.01' }));
  await as(db, admin, (ctx) =>
    org.createAnnouncement(ctx, bangka.id, { title: 'Bulan Bhakti Bangka', body: 'Kegiatan di Sungailiat.' }),
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

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
const texts = async (l: Locator) => (await l.allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}
async function expectTouchTarget(page: Page, testId: string) {
  const box = await page.getByTestId(testId).first().boundingBox();
  expect(box, `${testId} is visible`).not.toBeNull();
  expect(box!.height, `${testId} height`).toBeGreaterThanOrEqual(44);
}
/** Picks a member by name in the member picker inside `scope`. */
async function pick(scope: Locator, name: string) {
  await scope.getByTestId('picker-input').fill(name.split(' ')[0]!);
  await scope.getByTestId('picker-option').filter({ hasText: name }).getByTestId('picker-choose').click();
}

describe('IPSM unit screens (real server)', () => {
  it('records a new board with SK and positions; the previous board shows in history', async () => {
    const context = await browser.newContext(phone);
    const p = await signedIn(context, operator, `/ipsm/${unitId}`);
    await p.getByTestId('board').waitFor();
    expect(await texts(p.getByTestId('board-term'))).toEqual(['Masa bakti 2019–2024']);
    expect(await p.getByTestId('past-board').count()).toBe(0);
    await expectTouchTarget(p, 'new-board');
    await p.getByTestId('new-board').click();

    const form = p.getByTestId('board-form');
    await form.waitFor();
    await p.getByTestId('board-termStart').fill('2024');
    await p.getByTestId('board-termEnd').fill('2029');
    await p.getByTestId('board-chosenBy').selectOption('muscab');
    await p.getByTestId('board-chosenOn').fill('2024-05-11');
    await p
      .getByTestId('board-minutes-file')
      .setInputFiles({ name: 'berita-acara-muscab.pdf', mimeType: 'application/pdf', buffer: pdf('notulen muscab') });
    await p.getByTestId('board-skNumber').fill('460/25/2024');
    await p.getByTestId('board-skDate').fill('2024-06-03');
    await p.getByTestId('board-skIssuer').fill('Wali Kota Surakarta');
    const rows = p.getByTestId('position-row');
    await pick(rows.nth(0), 'Hartono Wibowo');
    expect(await texts(rows.nth(0).getByTestId('position-member'))).toEqual([expect.stringContaining('Hartono Wibowo')]);
    await p.getByTestId('position-add').click();
    await rows.nth(1).getByTestId('position-kind').selectOption('sekretaris');
    await rows.nth(1).getByTestId('position-name').fill('Endang Susilowati');
    await p.getByTestId('position-add').click();
    await rows.nth(2).getByTestId('position-kind').selectOption('bidang');
    await rows.nth(2).getByTestId('position-title').fill('Bidang Pelatihan');
    await rows.nth(2).getByTestId('position-name').fill('Joko Prasetyo');
    await p.getByTestId('position-add').click();
    await rows.nth(3).getByTestId('position-name').fill('Dihapus Lagi');
    await rows.nth(3).getByTestId('position-remove').click();
    expect(await rows.count()).toBe(3);
    await noSidewaysScroll(p);
    await expectTouchTarget(p, 'board-save');
    await p.screenshot({ path: shots.formPhone, fullPage: true });
    // The server's refusal is shown next to the field it concerns.
    await p.getByTestId('board-termEnd').fill('2023');
    await p.getByTestId('board-save').click();
    await p.locator('[data-testid="field-error"][data-for="termEnd"]').waitFor();
    expect(await texts(p.locator('[data-testid="field-error"][data-for="termEnd"]'))).toEqual([
      'Akhir masa bakti sebelum awalnya',
    ]);
    await p.getByTestId('board-termEnd').fill('2029');
    await p.getByTestId('board-save').click();

    await p.waitForURL((u) => u.pathname === `/ipsm/${unitId}`);
    await p.getByTestId('past-board').first().waitFor();
    const board = p.getByTestId('board');
    expect(await texts(board.getByTestId('board-term'))).toEqual(['Masa bakti 2024–2029']);
    expect(await texts(board.getByTestId('board-chosen'))).toEqual(['Dipilih melalui: Muscab (Musyawarah Cabang) · 11 Mei 2024']);
    expect(await texts(board.getByTestId('board-sk'))).toEqual([
      'SK pengukuhan: 460/25/2024 · 3 Juni 2024 · Wali Kota Surakarta',
    ]);
    expect(await texts(board.getByTestId('board-position'))).toEqual([
      'KetuaHartono Wibowo',
      'SekretarisEndang Susilowati',
      'Bidang PelatihanJoko Prasetyo',
    ]);
    const minutes = await p.request.get(
      new URL((await board.getByTestId('board-minutes').getAttribute('href'))!, server.url).toString(),
    );
    expect(minutes.status()).toBe(200);
    expect((await minutes.body()).toString()).toContain('notulen muscab');
    // The 2019–2024 board is history now, ended on the day of the Muscab.
    const past = p.locator('[data-testid="past-board"][data-term="2019-2024"]');
    expect(await past.count()).toBe(1);
    expect(await texts(past.getByTestId('board-term'))).toEqual(['Masa bakti 2019–2024 · Berakhir 11 Mei 2024']);
    expect(await texts(past.getByTestId('board-position'))).toEqual(['KetuaSuparmi Lestari', 'BendaharaBambang Riyadi']);
    await noSidewaysScroll(p);
    await p.screenshot({ path: shots.boardPhone, fullPage: true });

    // A position is removed from the current board.
    await p.getByTestId('edit-board').click();
    await p.getByTestId('board-form').waitFor();
    expect(await p.getByTestId('board-skNumber').inputValue()).toBe('460/25/2024');
    await rows
      .filter({ has: p.locator('[data-testid="position-name"][value="Joko Prasetyo"]') })
      .getByTestId('position-remove')
      .click();
    await p.getByTestId('board-save').click();
    await p.waitForURL((u) => u.pathname === `/ipsm/${unitId}`);
    await p.getByTestId('past-board').first().waitFor();
    expect(await texts(p.getByTestId('board').getByTestId('board-position'))).toEqual([
      'KetuaHartono Wibowo',
      'SekretarisEndang Susilowati',
    ]);
    expect(await p.getByTestId('past-board').count()).toBe(1);
    expect(pageErrors(p)).toEqual([]);
    await context.close();
  });

  it('publishes an announcement that a PSM in the area reads; other regencies’ stay away', async () => {
    const context = await browser.newContext(phone);
    const p = await signedIn(context, operator, `/ipsm/${unitId}/pengumuman`);
    await p.getByTestId('new-announcement').click();
    await p.getByTestId('announcement-title-input').fill('Rapat koordinasi PSM');
    await p
      .getByTestId('announcement-body-input')
      .fill('Rapat PSM se-Kota Surakarta hari Sabtu, 5 Desember, pukul 09.00 di Balai Kota.');
    await p.getByTestId('announcement-publish').click();
    await p.getByTestId('announcement-published').waitFor();
    expect(await texts(p.getByTestId('announcement-published'))).toEqual([
      `Pengumuman diterbitkan untuk anggota di wilayah ${await areaName(p)}.`,
    ]);
    await p.getByTestId('announcement').first().waitFor();
    expect(await texts(p.getByTestId('announcement-title'))).toEqual(['Rapat koordinasi PSM']);
    await context.close();

    const psmContext = await browser.newContext(phone);
    const q = await signedIn(psmContext, psm, '/ipsm');
    await q.getByTestId('my-announcements').click();
    await q.waitForURL((u) => u.pathname === '/pengumuman');
    await q.getByTestId('announcement').first().waitFor();
    expect(await texts(q.getByTestId('announcement-title'))).toEqual(['Rapat koordinasi PSM']);
    expect(await texts(q.getByTestId('announcement-body'))).toEqual([
      'Rapat PSM se-Kota Surakarta hari Sabtu, 5 Desember, pukul 09.00 di Balai Kota.',
    ]);
    expect((await texts(q.getByTestId('announcement')))[0]).toContain('Dari IPSM');
    await noSidewaysScroll(q);
    // The PSM may read the unit but not manage it.
    await q.goto(new URL(`/ipsm/${unitId}/pengumuman`, server.url).toString());
    await q.getByTestId('announcement').first().waitFor();
    expect(await q.getByTestId('new-announcement').count()).toBe(0);
    expect(pageErrors(q)).toEqual([]);
    await psmContext.close();
  });

  it('creates an event and records its attendance', async () => {
    const context = await browser.newContext(phone);
    const p = await signedIn(context, operator, `/ipsm/${unitId}/kegiatan`);
    await p.getByTestId('new-event').click();
    await p.getByTestId('event-kind').selectOption('bulan_bhakti');
    await p.getByTestId('event-title').fill('Bulan Bhakti PSM 2026');
    await p.getByTestId('event-startsOn').fill('2026-12-01');
    await p.getByTestId('event-endsOn').fill('2026-12-03');
    await p.getByTestId('event-place').fill('Pendapi Gede Balai Kota Surakarta');
    await p.getByTestId('event-agenda').fill('1. Pembukaan\n2. Bakti sosial di Laweyan\n3. Penutupan');
    await p.getByTestId('event-save').click();

    await p.waitForURL((u) => u.pathname.startsWith('/ipsm/kegiatan/'));
    await p.getByTestId('event-title').waitFor();
    expect(await texts(p.getByTestId('event-title'))).toEqual(['Bulan Bhakti PSM 2026']);
    expect(await texts(p.getByTestId('event-when'))).toEqual([
      '1 Desember 2026 – 3 Desember 2026 · Pendapi Gede Balai Kota Surakarta',
    ]);
    expect(await p.getByTestId('event-agenda').textContent()).toContain('Bakti sosial di Laweyan');
    expect(await p.getByTestId('attendee').count()).toBe(0);
    const editor = p.getByTestId('attendance-editor');
    await pick(editor, 'Hartono Wibowo');
    await pick(editor, 'Rina Kusumawati');
    // A member of another regency is not offered.
    await editor.getByTestId('picker-input').fill('Hartati');
    await editor.getByText('Tidak ada anggota yang cocok.').waitFor();
    await editor.getByTestId('picker-input').fill('');
    expect(await editor.getByTestId('attendance-draft-row').count()).toBe(2);
    await p.getByTestId('attendance-save').click();
    await p.getByTestId('attendance-saved').waitFor();
    expect(await texts(p.getByTestId('attendance-saved'))).toEqual(['Daftar hadir disimpan (2 orang).']);
    expect((await texts(p.getByTestId('attendee'))).sort()).toEqual([
      expect.stringContaining('Hartono Wibowo'),
      expect.stringContaining('Rina Kusumawati'),
    ]);
    await noSidewaysScroll(p);
    await p.screenshot({ path: shots.eventPhone, fullPage: true });

    await p.reload();
    await p.getByTestId('attendee').first().waitFor();
    expect(await p.getByTestId('attendee').count()).toBe(2);
    await p.getByText('Kembali ke kegiatan unit').click();
    await p.getByTestId('event-row').first().waitFor();
    expect(await texts(p.getByTestId('event-row'))).toEqual([expect.stringContaining('Bulan Bhakti PSM 2026')]);
    expect(await texts(p.getByTestId('event-attendees'))).toEqual(['2 hadir']);
    expect(pageErrors(p)).toEqual([]);
    await context.close();
  });

  it('adds a link and a file to the library; the file downloads', async () => {
    const context = await browser.newContext(phone);
    const p = await signedIn(context, operator, `/ipsm/${unitId}/pustaka`);
    await p.getByTestId('new-library-item').click();
    await p.getByTestId('library-title').fill('Permensos 10/2019 tentang PSM');
    await p.getByTestId('library-url').fill('https://jdih.kemensos.go.id/');
    await p.getByTestId('library-save').click();
    await p.getByTestId('library-added').waitFor();
    await p.getByTestId('library-item').first().waitFor();

    await p.getByTestId('library-kind-file').check();
    await p.getByTestId('library-title').fill('Modul Bimtek PSM');
    await p.getByTestId('library-description').fill('Materi bimbingan teknis PSM 2026');
    await p
      .getByTestId('library-file')
      .setInputFiles({ name: 'modul-bimtek.pdf', mimeType: 'application/pdf', buffer: pdf('modul bimtek psm') });
    await p.getByTestId('library-save').click();
    await p.locator('[data-testid="library-item"][data-kind="file"]').waitFor();

    expect((await texts(p.getByTestId('library-item-title'))).sort()).toEqual([
      'Modul Bimtek PSM',
      'Permensos 10/2019 tentang PSM',
    ]);
    const link = p.locator('[data-testid="library-item"][data-kind="link"]');
    expect(await link.getByTestId('library-open').getAttribute('href')).toBe('https://jdih.kemensos.go.id/');
    const file = p.locator('[data-testid="library-item"][data-kind="file"]');
    expect(await file.textContent()).toContain('Materi bimbingan teknis PSM 2026');
    const [download] = await Promise.all([p.waitForEvent('download'), file.getByTestId('library-download').click()]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.toString()).toContain('modul bimtek psm');
    await noSidewaysScroll(p);
    await p.screenshot({ path: shots.libraryPhone, fullPage: true });
    expect(pageErrors(p)).toEqual([]);
    await context.close();
  });

  it('creates a kecamatan unit inside the kab/kota', async () => {
    const context = await browser.newContext(phone);
    const p = await signedIn(context, operator, '/ipsm');
    await p.getByTestId('unit-row').first().waitFor();
    await p.getByTestId('new-unit').click();
    await p.getByTestId('unit-area').getByTestId('area-input').fill('laweyan');
    await p.locator('[data-testid="unit-area"] [data-testid="area-option"][data-code="33.72.01"]').click();
    await p.getByTestId('unit-address').fill('Jl. Dr. Rajiman, Laweyan');
    await p.getByTestId('unit-save').click();
    await p.waitForURL((u) => /^\/ipsm\/[0-9a-f-]{36}$/.test(u.pathname) && u.pathname !== `/ipsm/${unitId}`);
    await p.getByTestId('unit-name').waitFor();
    expect(await texts(p.locator('.record-header .eyebrow'))).toEqual(['Kecamatan']);
    expect((await texts(p.getByTestId('unit-name')))[0]).toMatch(/^IPSM .*Laweyan/i);
    expect(await p.getByTestId('new-board').count()).toBe(1);
    expect(pageErrors(p)).toEqual([]);
    await context.close();
  });

  it('an IPSM operator of another regency sees the unit without edit actions', async () => {
    const context = await browser.newContext(phone);
    const p = await signedIn(context, bangkaOperator, `/ipsm/${unitId}`);
    await p.getByTestId('past-board').first().waitFor();
    expect(await texts(p.getByTestId('board').getByTestId('board-term'))).toEqual(['Masa bakti 2024–2029']);
    expect(await p.getByTestId('new-board').count()).toBe(0);
    expect(await p.getByTestId('edit-board').count()).toBe(0);
    await p.getByTestId('unit-tab-announcements').click();
    await p.getByTestId('announcement').first().waitFor();
    expect(await p.getByTestId('announcement-form').count()).toBe(0);
    expect(await p.getByTestId('new-announcement').count()).toBe(0);
    await p.getByTestId('unit-tab-events').click();
    await p.getByTestId('event-row').first().waitFor();
    expect(await p.getByTestId('new-event').count()).toBe(0);
    await p.getByTestId('event-row').first().getByRole('link').click();
    await p.getByTestId('attendance').waitFor();
    expect(await p.getByTestId('attendance-editor').count()).toBe(0);
    await p.goto(new URL(`/ipsm/${unitId}/pustaka`, server.url).toString());
    await p.getByTestId('library-item').first().waitFor();
    expect(await p.getByTestId('library-form').count()).toBe(0);
    expect(await p.getByTestId('new-library-item').count()).toBe(0);
    await p.goto(new URL(`/ipsm/${unitId}/pengurus/baru`, server.url).toString());
    await p.getByTestId('not-allowed').waitFor();
    expect(await p.getByTestId('board-form').count()).toBe(0);
    // Their unit form only searches their own regency.
    await p.goto(new URL('/ipsm', server.url).toString());
    await p.getByTestId('new-unit').click();
    await p.getByTestId('unit-area').getByTestId('area-input').fill('laweyan');
    await p.getByTestId('unit-area').getByText('Tidak ada wilayah yang cocok').waitFor();
    expect(await p.locator('[data-testid="unit-area"] [data-testid="area-option"][data-code="33.72.01"]').count()).toBe(0);
    expect(pageErrors(p)).toEqual([]);
    await context.close();
  });
});

/** The unit's area name as the server spells it (reference data). */
async function areaName(p: Page): Promise<string> {
  return (await p.getByTestId('unit-name').textContent())!.replace(/^IPSM /, '').trim();
}
