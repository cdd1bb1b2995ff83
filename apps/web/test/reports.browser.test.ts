import { PDFParse } from 'pdf-parse';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/src/platform/access/actor';
import { createActivity } from '../../server/src/modules/activities/activities.service';
import { as } from '../../server/test/actors';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';

/**
 * The PSM's monthly report against the real server (issue 7): a PSM logs an activity by
 * hand, makes the report from the log, downloads it and submits it; the IPSM coordinator
 * reviews it and does not count an entry; the PSM disputes that entry; the coordinator
 * cannot finalise until the dispute is answered, answers it, finalises; the PSM sees the answer.
 */

const PAJANG = '33.72.01.1001';
const shots = { reportPhone: '/tmp/pilar-monthly-report-360x640.png', reviewDesktop: '/tmp/pilar-monthly-review.png' };
const phone = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 800 } };

/** The month just ended (the report month), and a day in it. */
const now = new Date();
const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);

let server: TestServer;
let browser: Browser;
let psm: BuiltUser;
let reviewer: BuiltUser;
let meeting: string; // the activity the coordinator will not count

const actorOf = (u: BuiltUser): Actor => ({ kind: 'user', userId: u.id, username: u.username, grants: u.grants });

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const db = server.database;
  psm = await buildUser(db, { username: 'psm.pajang', displayName: 'Sri Rahayu', grants: [{ role: 'psm', areaCode: PAJANG }] });
  reviewer = await buildUser(db, {
    username: 'ipsm.surakarta',
    displayName: 'Koordinator IPSM Surakarta',
    grants: [{ role: 'ipsm_pengurus', areaCode: '33.72' }],
  });
  const a = await as(db, actorOf(psm), (ctx) =>
    createActivity(ctx, { duty: 'f', title: 'Rapat koordinasi dengan kecamatan', occurredAt: `${month}-10T03:00:00Z` }),
  );
  meeting = a.id;
  await as(db, actorOf(psm), (ctx) =>
    createActivity(ctx, { duty: 'c', title: 'Mendampingi warga ke puskesmas', occurredAt: `${month}-12T03:00:00Z` }),
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(context: BrowserContext, who: BuiltUser, next: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(new URL(`/masuk?next=${encodeURIComponent(next)}`, server.url).toString());
  await page.getByTestId('username').fill(who.username);
  await page.getByTestId('password').fill(who.password);
  await page.getByTestId('sign-in').click();
  return page;
}
const dutyRow = (page: Page, duty: string) => page.locator(`[data-testid="duty-row"][data-duty="${duty}"]`);
const entry = (page: Page, id: string) => page.locator(`[data-testid="report-entry"][data-activity="${id}"]`);
async function bytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

describe('monthly PSM report (real server)', () => {
  it('a PSM reports, disputes an entry, the reviewer answers before finalising, and the PSM sees the answer', async () => {
    const errors: string[] = [];
    const psmContext = await browser.newContext({ ...phone, acceptDownloads: true });
    const reviewContext = await browser.newContext(desktop);

    // 1. The PSM logs an activity by hand, with a photo, on a phone.
    const mine = await signIn(psmContext, psm, '/kegiatan/baru');
    mine.on('pageerror', (e) => errors.push(e.message));
    await mine.getByTestId('activity-form').waitFor();
    await mine.getByTestId('activity-duty').selectOption('b');
    await mine.getByTestId('activity-title').fill('Kerja bakti posyandu lansia');
    await mine.getByTestId('activity-when').fill(`${month}-14T09:00`);
    await mine.getByTestId('activity-note').fill('Bersama karang taruna RW 03');
    await mine.getByTestId('activity-photo').setInputFiles({
      name: 'kegiatan.png',
      mimeType: 'image/png',
      buffer: await QRCode.toBuffer('foto kegiatan', { type: 'png' }),
    });
    await mine.getByTestId('activity-save').click();
    await mine.getByTestId('activity-saved').waitFor();
    await noSidewaysScroll(mine);

    // 2. …then makes the month's report from the log: figures by duty.
    await mine.goto(new URL('/laporan-bulanan', server.url).toString());
    await mine.getByTestId('generate-month').fill(month);
    // The month's log: two entries seeded, the one just typed with its photo and date.
    await mine.getByTestId('own-activity').nth(2).waitFor();
    expect(await mine.getByTestId('own-activity').count()).toBe(3);
    const typed = mine.locator('[data-testid="own-activity"]', { hasText: 'Kerja bakti posyandu lansia' });
    expect(await typed.textContent()).toContain('dengan foto');
    expect(await typed.textContent()).toMatch(/14 \w+ \d{4}/);
    await mine.getByTestId('generate-report').click();
    await mine.getByTestId('report-title').waitFor();
    expect(await mine.getByTestId('report-title').textContent()).toContain('Sri Rahayu');
    expect(await dutyRow(mine, 'b').getAttribute('data-total')).toBe('1');
    expect(await dutyRow(mine, 'c').getAttribute('data-total')).toBe('1');
    expect(await dutyRow(mine, 'f').getAttribute('data-total')).toBe('1');
    expect(await mine.getByTestId('report-entry').count()).toBe(3);
    await noSidewaysScroll(mine);

    // 3. Downloads it as PDF (letterhead, purpose) and submits it.
    await mine.getByTestId('report-export-purpose').fill('Arsip laporan PSM Pajang');
    const [download] = await Promise.all([mine.waitForEvent('download'), mine.getByTestId('report-export-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await bytes(download);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text.replace(/\s+/g, ' ');
    expect(text).toContain('LAPORAN BULANAN');
    expect(text).toContain('Sri Rahayu');
    expect(text).toContain('Arsip laporan PSM Pajang');
    await mine.getByTestId('report-submit').click();
    await mine.locator('[data-testid="report-header"][data-status="submitted"]').waitFor();
    const reportPath = new URL(mine.url()).pathname;
    expect(reportPath).toMatch(/^\/laporan-bulanan\/[0-9a-f-]{36}$/);

    // 4. The coordinator finds it among the submitted reports; it cannot be final before a review.
    const review = await signIn(reviewContext, reviewer, '/laporan-bulanan');
    review.on('pageerror', (e) => errors.push(e.message));
    await review.getByTestId('area-report-list').getByTestId('report-row').first().click();
    await review.getByTestId('review-panel').waitFor();
    expect(await review.getByTestId('finalise').isDisabled()).toBe(true);
    expect(await review.getByTestId('finalise-blocked').textContent()).toContain('ditinjau');
    await review.getByTestId('review-feedback').fill('Laporan rapi. Rapat koordinasi belum ada notulanya.');
    await review.locator(`[data-testid="review-entry"][data-activity="${meeting}"] [data-testid="review-counted"]`).uncheck();
    await review
      .locator(`[data-testid="review-entry"][data-activity="${meeting}"] [data-testid="review-note"]`)
      .fill('Tanpa notula rapat');
    await review.getByTestId('review-submit').click();
    await review.locator('[data-testid="report-header"][data-status="reviewed"]').waitFor();
    expect(await dutyRow(review, 'f').getAttribute('data-counted')).toBe('0');

    // 5. The PSM sees the feedback and disputes the entry that was not counted.
    await mine.reload();
    await mine.getByTestId('report-feedback').waitFor();
    expect(await mine.getByTestId('report-feedback').textContent()).toContain('notulanya');
    expect(await entry(mine, meeting).getAttribute('data-counted')).toBe('false');
    expect(await entry(mine, meeting).getByTestId('entry-note').textContent()).toContain('Tanpa notula rapat');
    await entry(mine, meeting).getByTestId('dispute-open').click();
    await entry(mine, meeting)
      .getByTestId('dispute-comment')
      .fill('Notula sudah saya kirim lewat grup WhatsApp IPSM tanggal 11.');
    await entry(mine, meeting).getByTestId('dispute-submit').click();
    await mine.getByTestId('dispute-waiting').waitFor();
    expect(await entry(mine, meeting).getByTestId('dispute-open').count()).toBe(0); // one open dispute per entry

    // 6. The coordinator cannot finalise while the dispute is open, and says why; answers; finalises.
    await review.reload();
    await review.getByTestId('answer-form').waitFor();
    expect(await review.getByTestId('finalise').isDisabled()).toBe(true);
    expect(await review.getByTestId('finalise-blocked').textContent()).toContain('1 keberatan PSM belum dijawab');
    expect(await review.getByTestId('dispute-comment-text').textContent()).toContain('grup WhatsApp IPSM');
    await review.getByTestId('outcome-accepted').check();
    await review.getByTestId('answer-text').fill('Notula sudah diterima, kegiatan dihitung.');
    await review.getByTestId('answer-submit').click();
    await review.locator('[data-testid="dispute-answer"][data-outcome="accepted"]').waitFor();
    expect(await review.getByTestId('finalise-blocked').count()).toBe(0);
    await review.getByTestId('finalise').click();
    await review.locator('[data-testid="report-header"][data-status="final"]').waitFor();
    await review.screenshot({ path: shots.reviewDesktop, fullPage: true });

    // 7. The PSM sees the answer, the entry counted again, and the final report.
    await mine.reload();
    await mine.locator('[data-testid="report-header"][data-status="final"]').waitFor();
    expect(await mine.getByTestId('dispute-answer').textContent()).toContain('Notula sudah diterima, kegiatan dihitung.');
    expect(await entry(mine, meeting).getAttribute('data-counted')).toBe('true');
    expect(await dutyRow(mine, 'f').getAttribute('data-counted')).toBe('1');
    expect(await mine.getByTestId('dispute-open').count()).toBe(0);
    await noSidewaysScroll(mine);
    await mine.screenshot({ path: shots.reportPhone, fullPage: true });

    expect(errors).toEqual([]);
    await psmContext.close();
    await reviewContext.close();
  });
});
