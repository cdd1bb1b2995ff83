import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/src/platform/access/actor';
import * as distributions from '../../server/src/modules/distributions/distributions.service';
import * as memberships from '../../server/src/modules/programmes/memberships.service';
import { as, syntheticNik } from '../../server/test/actors';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { buildPerson } from '../../server/test/factories.people';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';
import { cameraPhoto, pending, phone, signedInPhone, waitSynced } from './offline-support';

/**
 * Programmes and social assistance (issue 8) against the real server: a PSM checks
 * recipients in at a distribution with no signal and the check-ins land exactly once with
 * a right discrepancy report; Dinsos staff walk an usulan through its stages and handle a
 * public complaint to closure, whose filer sees the outcome by the tracking code.
 */
const PAJANG = '33.72.01.1001';

let server: TestServer;
let browser: Browser;
let psm: BuiltUser;
let operator: BuiltUser;
let eventId: string;
const recipients: { id: string; nik: string; name: string }[] = [];

const actorOf = (u: BuiltUser): Actor => ({ kind: 'user', userId: u.id, username: u.username, grants: u.grants });

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const db = server.database;
  psm = await buildUser(db, {
    username: 'psm.penyaluran',
    displayName: 'Sri Wahyuni',
    grants: [{ role: 'psm', areaCode: PAJANG }],
  });
  operator = await buildUser(db, {
    username: 'dinsos.program',
    displayName: 'Operator Dinsos',
    grants: [{ role: 'dinsos_kab', areaCode: '33.72' }],
  });
  const names = ['Suparmi', 'Tukiyem', 'Wagiman', 'Painem'];
  for (const [i, fullName] of names.entries()) {
    const birthDate = `195${i}-0${i + 1}-1${i}`;
    const nik = syntheticNik('33.72.01', birthDate, i % 2 ? 'L' : 'P', 3100 + i);
    const p = await buildPerson(db, actorOf(operator), { villageCode: PAJANG, fullName, birthDate, sex: i % 2 ? 'L' : 'P', nik });
    await as(db, actorOf(operator), (ctx) =>
      memberships.createMembership(ctx, {
        programmeCode: 'sembako',
        personId: p.id,
        status: 'aktif',
        source: 'dtsen',
        infoDate: '2026-01-15',
      }),
    );
    recipients.push({ id: p.id, nik, name: fullName });
  }
  const event = await as(db, actorOf(operator), (ctx) =>
    distributions.createEvent(ctx, {
      programmeCode: 'sembako',
      areaCode: PAJANG,
      place: 'Balai Desa Pajang',
      heldOn: '2026-11-20',
      periodLabel: 'Tahap 4 2026',
    }),
  );
  eventId = event.id;
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

/** Polls with room for a loaded machine (uploads, sync rounds); the default second is too short here. */
const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 15_000, ...options });

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** The phone's stored records (IndexedDB `records`) as text, to look for what must not be there. */
const phoneRecords = (page: Page, userId: string) =>
  page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction('records').objectStore('records').getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return JSON.stringify(rows);
  }, `pilar-field-${userId}`);

const recipientRow = (page: Page, name: string) => page.getByTestId('field-recipient').filter({ hasText: name });

describe('distribution check-in offline', () => {
  it('checks recipients in with no signal, keeps them across an offline reload, and syncs each exactly once', async () => {
    const { context, page, errors } = await signedInPhone(browser, server.url, psm);
    // The frozen list came with the first sync: the distribution is on the phone.
    await page.getByTestId('field-distributions-link').click();
    await poll(() => page.getByTestId('field-distribution').count()).toBe(1);
    await context.setOffline(true);
    await poll(() => page.getByTestId('field-online').getAttribute('data-online')).toBe('false');
    await page.getByTestId('field-distribution').click();
    await poll(() => page.getByTestId('field-distribution-title').textContent()).toContain('Balai Desa Pajang');
    await poll(() => page.getByTestId('field-recipient').count()).toBe(4);

    // By NIK, received, with a proof photo.
    await page.getByTestId('checkin-nik').fill(recipients[0]!.nik);
    await page.getByTestId('checkin-nik-find').click();
    await poll(() => page.getByTestId('checkin-name').textContent()).toBe('Suparmi');
    await page.getByTestId('checkin-outcome-received').check();
    await page
      .getByTestId('checkin-photo')
      .setInputFiles({ name: 'bukti.png', mimeType: 'image/png', buffer: await cameraPhoto(page) });
    await page.getByTestId('checkin-preview').locator('img').waitFor();
    await page.getByTestId('checkin-save').click();
    await page.getByTestId('checkin-saved').waitFor();

    // From the list: represented by a child, and absent.
    await recipientRow(page, 'Tukiyem').click();
    await page.getByTestId('checkin-outcome-represented').check();
    await page.getByTestId('checkin-rep-name').fill('Budi Santoso');
    await page.getByTestId('checkin-rep-relation').fill('anak');
    await page.getByTestId('checkin-save').click();
    await page.getByTestId('checkin-saved').waitFor();
    await recipientRow(page, 'Wagiman').click();
    await page.getByTestId('checkin-outcome-absent').check();
    await page.getByTestId('checkin-save').click();
    await page.getByTestId('checkin-saved').waitFor();
    await poll(() => recipientRow(page, 'Tukiyem').getAttribute('data-status')).toBe('represented');
    // A second check-in of the same person is refused on the phone already.
    await page.getByTestId('checkin-nik').fill(recipients[0]!.nik);
    await page.getByTestId('checkin-nik-find').click();
    await page.getByTestId('checkin-nik-error').waitFor();
    await page.screenshot({ path: '/tmp/pilar-checkin-offline-360x640.png', fullPage: true });

    // Reload with no network: the check-ins still wait in the outbox.
    await page.reload();
    await poll(() => page.getByTestId('field-distribution-progress').textContent()).toContain('3 dari 4');
    await poll(() => recipientRow(page, 'Suparmi').getAttribute('data-status')).toBe('received');
    await poll(() => recipientRow(page, 'Painem').getAttribute('data-status')).toBe('none');
    await page.goto('/lapangan/penyaluran');
    await poll(() => pending(page)).toBe(3);
    await page.getByTestId('proofs-waiting').waitFor();

    // Signal again: the phone syncs by itself, then the proof photo follows.
    await context.setOffline(false);
    await poll(() => pending(page), { timeout: 30_000 }).toBe(0);
    await page.getByTestId('field-sync').click();
    await waitSynced(page);
    await poll(() => page.getByTestId('proofs-waiting').count(), { timeout: 30_000 }).toBe(0);

    const q = server.database.ownerQuery;
    const rows = await q(
      `SELECT p.full_name AS name, c.outcome, c.method, c.representative_name AS rep, c.proof_file_id IS NOT NULL AS proof, c.recorded_by AS by
       FROM distribution_checkin c JOIN person p ON p.regency_code = c.regency_code AND p.id = c.person_id WHERE c.event_id = $1 ORDER BY p.full_name`,
      [eventId],
    );
    expect(rows.rows).toEqual([
      { name: 'Suparmi', outcome: 'received', method: 'nik', rep: null, proof: true, by: psm.id },
      { name: 'Tukiyem', outcome: 'represented', method: 'list', rep: 'Budi Santoso', proof: false, by: psm.id },
      { name: 'Wagiman', outcome: 'absent', method: 'list', rep: null, proof: false, by: psm.id },
    ]);
    const muts = await q(`SELECT count(*)::int AS n FROM sync_mutation WHERE entity_type = 'distribution_checkin'`);
    expect(muts.rows[0]!.n).toBe(3);

    const report = await as(server.database, actorOf(operator), (ctx) => distributions.eventReport(ctx, eventId));
    expect(report.totals).toMatchObject({ expected: 4, received: 1, represented: 1, absent: 1, notCheckedIn: 1 });
    expect(report.missing.map((m) => m.displayName).sort()).toEqual(['Painem', 'Wagiman']);

    // The staff screen shows the same report.
    const staff = await signedIn(await browser.newContext(phone), operator, `/penyaluran/${eventId}`);
    await poll(() => staff.getByTestId('event-report-expected').textContent()).toBe('4');
    // The invitations with their QR codes come as a PDF for the Dinsos to print.
    const invitations = staff.waitForEvent('download');
    await staff.getByTestId('distribution-invitations').click();
    expect((await invitations).suggestedFilename()).toBe('undangan-penyaluran.pdf');
    expect(await staff.getByTestId('event-report-received').textContent()).toBe('1');
    expect(await staff.getByTestId('event-report-represented').textContent()).toBe('1');
    expect(await staff.getByTestId('event-report-absent').textContent()).toBe('1');
    await noSidewaysScroll(staff);
    await staff.screenshot({ path: '/tmp/pilar-distribution-report-360x640.png', fullPage: true });

    // The Dinsos dashboard of the village shows the same counts from the programme rollups.
    await staff.goto(new URL(`/dasbor/${PAJANG}`, server.url).toString());
    const dist = staff.locator('[data-testid="pf-distributions-row"][data-month="2026-11"][data-programme="sembako"]');
    await poll(() => dist.getByTestId('pf-expected').textContent()).toBe('4');
    expect(await dist.getByTestId('pf-received').textContent()).toBe('1');
    expect(await dist.getByTestId('pf-represented').textContent()).toBe('1');
    expect(await dist.getByTestId('pf-absent').textContent()).toBe('1');
    expect(await dist.textContent()).toContain('November 2026');
    const sembako = staff.locator('[data-testid="pf-memberships-row"][data-row="sembako"] td[data-col="aktif"]');
    expect(await sembako.textContent()).toBe('4');
    expect(await staff.getByTestId('programme-figures').textContent()).toContain('Penyaluran per bulan dan program');
    await noSidewaysScroll(staff);
    await staff.getByTestId('programme-figures').screenshot({ path: '/tmp/pilar-programme-figures-360x640.png' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('checks a recipient in offline by the code under the invitation QR, and the server records a QR check-in', async () => {
    const painem = recipients[3]!;
    const token = (
      await server.database.ownerQuery(`SELECT qr_token FROM distribution_recipient WHERE event_id = $1 AND person_id = $2`, [
        eventId,
        painem.id,
      ])
    ).rows[0]!.qr_token as string;
    const { context, page, errors } = await signedInPhone(browser, server.url, psm);
    await page.getByTestId('field-distributions-link').click();
    await poll(() => page.getByTestId('field-distribution').count()).toBe(1);
    await context.setOffline(true);
    await poll(() => page.getByTestId('field-online').getAttribute('data-online')).toBe('false');
    await page.getByTestId('field-distribution').click();
    await poll(() => recipientRow(page, 'Suparmi').getAttribute('data-status')).toBe('received');
    // The list on the phone holds a hash per invitation, never the token.
    const stored = await phoneRecords(page, psm.id);
    expect(stored).toContain('qrHash');
    expect(stored).not.toContain(token);

    await page.getByTestId('checkin-qr-open').click();
    // The camera path is offered only where the browser reads QR codes (not headless Linux).
    const scanner = await page.evaluate(() => 'BarcodeDetector' in window);
    expect(await page.getByTestId('checkin-qr-photo').count()).toBe(scanner ? 1 : 0);
    // A code that is on no invitation of this list, then one of a person already checked in.
    await page.getByTestId('checkin-qr-code').fill(`${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`);
    await page.getByTestId('checkin-qr-find').click();
    await poll(() => page.getByTestId('checkin-qr-error').textContent()).toBe('Tidak ada di daftar penerima ini');
    const suparmiToken = (
      await server.database.ownerQuery(`SELECT qr_token FROM distribution_recipient WHERE event_id = $1 AND person_id = $2`, [
        eventId,
        recipients[0]!.id,
      ])
    ).rows[0]!.qr_token as string;
    await page.getByTestId('checkin-qr-code').fill(suparmiToken);
    await page.getByTestId('checkin-qr-find').click();
    await poll(() => page.getByTestId('checkin-qr-error').textContent()).toBe('Penerima ini sudah dicatat');

    // The code as printed under the QR (groups of four), typed in capitals: Painem, found by QR.
    await page.getByTestId('checkin-qr-code').fill(token.toUpperCase().replace(/(.{4})/g, '$1 '));
    await page.getByTestId('checkin-qr-find').click();
    await poll(() => page.getByTestId('checkin-name').textContent()).toBe('Painem');
    expect(await page.getByTestId('checkin-form').textContent()).toContain('dicari dengan QR');
    await page.getByTestId('checkin-outcome-received').check();
    await page.getByTestId('checkin-save').click();
    await page.getByTestId('checkin-saved').waitFor();
    await poll(() => recipientRow(page, 'Painem').getAttribute('data-status')).toBe('received');
    await poll(() => page.getByTestId('field-distribution-progress').textContent()).toContain('4 dari 4');
    await noSidewaysScroll(page);

    await page.goto('/lapangan/penyaluran');
    await poll(() => pending(page)).toBe(1);

    await context.setOffline(false);
    await poll(() => pending(page), { timeout: 30_000 }).toBe(0);
    const rows = await server.database.ownerQuery(
      `SELECT outcome, method, recorded_by AS by FROM distribution_checkin WHERE event_id = $1 AND person_id = $2`,
      [eventId, painem.id],
    );
    expect(rows.rows).toEqual([{ outcome: 'received', method: 'qr', by: psm.id }]);
    // After the sync the phone holds the server's copy: the recipient stays checked in, no token kept.
    await page.getByTestId('field-sync').click();
    await waitSynced(page);
    await page.getByTestId('field-distribution').click();
    await poll(() => recipientRow(page, 'Painem').getAttribute('data-status')).toBe('received');
    expect(await phoneRecords(page, psm.id)).not.toContain(token);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('usulan and complaints for staff', () => {
  it('walks an usulan from draft to verified, and handles a public complaint to closure the filer can track', async () => {
    const context = await browser.newContext(phone);
    const page = await signedIn(context, operator, `/warga/${recipients[3]!.id}`);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // Draft from the person page.
    await page.getByTestId('person-programmes').waitFor();
    await page.getByTestId('usulan-new').click();
    await page.locator('[data-testid="usulan-programme"] option[value="pkh"]').waitFor({ state: 'attached' });
    await page.getByTestId('usulan-programme').selectOption('pkh');
    await page.getByTestId('usulan-reason').fill('Lansia tinggal sendiri, belum menerima PKH');
    await page.getByTestId('usulan-create').click();
    await page.waitForURL(/\/usulan\/[0-9a-f-]{36}$/);
    const usulanId = page.url().split('/').pop()!;
    await poll(() => page.getByTestId('usulan-status').getAttribute('data-status')).toBe('draft');

    // The cut-off (17th, local time) is shown before proposing: the batch the usulan will join.
    const batch = await page.getByTestId('usulan-cutoff').getAttribute('data-batch');
    expect(batch).toMatch(/^\d{4}-\d{2}$/);
    await page.getByTestId('usulan-step-propose').click();
    await poll(() => page.getByTestId('usulan-status').getAttribute('data-status')).toBe('proposed');
    const joined = await server.database.ownerQuery(`SELECT to_char(batch_month, 'YYYY-MM') AS m FROM usulan WHERE id = $1`, [
      usulanId,
    ]);
    expect(joined.rows[0].m).toBe(batch);

    // SPTJM in place of a musdes.
    await page
      .getByTestId('usulan-sptjm-file')
      .setInputFiles({ name: 'sptjm.png', mimeType: 'image/png', buffer: await cameraPhoto(page) });
    await page.getByTestId('usulan-sptjm-signer').fill('Kepala Desa Pajang');
    await page.getByTestId('usulan-sptjm-submit').click();
    await poll(() => page.getByTestId('usulan-status').getAttribute('data-status')).toBe('deliberated');

    // Field verification: an unanswered checklist is refused next to the field, then all answered.
    await page.getByTestId('usulan-verify-submit').click();
    await page.locator('[data-testid="field-error"][data-for="checklist"]').waitFor();
    for (const c of ['domisili', 'identitas', 'kondisi_rumah', 'belum_penerima', 'bukan_asn'])
      await page.getByTestId(`check-${c}-yes`).check();
    await page.getByTestId('usulan-verify-note').fill('Rumah sesuai, tinggal sendiri.');
    await page.getByTestId('usulan-verify-submit').click();
    await poll(() => page.getByTestId('usulan-status').getAttribute('data-status')).toBe('verified');
    // The operator holds no verifier approval: no further step is offered.
    await page.getByTestId('usulan-no-steps').waitFor();
    await noSidewaysScroll(page);
    await page.screenshot({ path: '/tmp/pilar-usulan-360x640.png', fullPage: true });
    const db = await server.database.ownerQuery(
      `SELECT status, deliberation, checklist->>'domisili' AS domisili FROM usulan WHERE id = $1`,
      [usulanId],
    );
    expect(db.rows).toEqual([{ status: 'verified', deliberation: 'sptjm', domisili: 'true' }]);

    // The list shows it with the cut-off of the batch.
    await page.goto(new URL('/usulan', server.url).toString());
    await poll(() => page.getByTestId('usulan-row').first().getAttribute('data-status')).toBe('verified');

    // A public complaint, filed without an account.
    const pub = await (await browser.newContext(phone)).newPage();
    await pub.goto(new URL('/pengaduan', server.url).toString());
    await pub.getByTestId('complaint-category').selectOption('bantuan_tidak_diterima');
    await pub.getByTestId('complaint-village').getByTestId('area-input').fill('Pajang');
    await pub.getByTestId('complaint-village').getByTestId('area-option').first().click();
    await pub.getByTestId('complaint-description').fill('Bantuan sembako bulan ini belum diterima ibu saya.');
    const question = (await pub.getByTestId('complaint-form').textContent()) ?? '';
    const [, a, b] = /Berapa (\d+) \+ (\d+)\?/.exec(question) ?? [];
    await pub.getByTestId('complaint-answer').fill(String(Number(a) + Number(b)));
    await pub.waitForTimeout(5_200); // the form refuses answers faster than a person types
    await pub.getByTestId('complaint-submit').click();
    const code = ((await pub.getByTestId('tracking-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);

    // Staff: inbox → detail → link the programme → stages → outcome → closed.
    await page.goto(new URL('/pengaduan/masuk', server.url).toString());
    await page.getByTestId('complaint-row').first().getByRole('link').click();
    await poll(() => page.getByTestId('complaint-header').getAttribute('data-stage')).toBe('diterima');
    await page.getByTestId('complaint-link-open').click();
    await page.locator('[data-testid="complaint-programme"] option[value="sembako"]').waitFor({ state: 'attached' });
    await page.getByTestId('complaint-programme').selectOption('sembako');
    await page.getByTestId('complaint-link-save').click();
    await poll(() => page.getByTestId('complaint-linked-programme').textContent()).toBe('sembako');
    await page.getByTestId('complaint-next-stage').selectOption('diverifikasi');
    await page.getByTestId('complaint-advance').click();
    await poll(() => page.getByTestId('complaint-header').getAttribute('data-stage')).toBe('diverifikasi');
    // "Selesai" without the outcome is refused next to the field.
    await page.getByTestId('complaint-next-stage').selectOption('selesai');
    await page.getByTestId('complaint-advance').click();
    await page.locator('[data-testid="field-error"][data-for="outcome"]').waitFor();
    await page.getByTestId('complaint-outcome').selectOption('terselesaikan');
    await page.getByTestId('complaint-outcome-note').fill('Bantuan sudah disalurkan ulang pada 21 November.');
    await page.getByTestId('complaint-advance').click();
    await poll(() => page.getByTestId('complaint-header').getAttribute('data-stage')).toBe('selesai');
    await page.getByTestId('complaint-next-stage').selectOption('ditutup');
    await page.getByTestId('complaint-advance').click();
    await poll(() => page.getByTestId('complaint-header').getAttribute('data-stage')).toBe('ditutup');
    await noSidewaysScroll(page);
    await page.screenshot({ path: '/tmp/pilar-complaint-desk-360x640.png', fullPage: true });

    // The filer tracks it by the code and sees the outcome.
    await pub.goto(new URL('/pengaduan/lacak', server.url).toString());
    await pub.getByTestId('track-code').fill(code);
    await pub.getByTestId('track-submit').click();
    await poll(() => pub.getByTestId('complaint-status').getAttribute('data-stage')).toBe('ditutup');
    expect(await pub.getByTestId('complaint-status').textContent()).toContain('Bantuan sudah disalurkan ulang pada 21 November.');
    expect(await pub.getByTestId('complaint-status').textContent()).not.toContain('Painem');

    // Intake at the Dinsos desk: the complaint is recorded with its channel and the code shown once.
    await page.goto(new URL('/pengaduan/masuk', server.url).toString());
    await page.getByTestId('staff-complaint-new').click();
    await page.getByTestId('staff-complaint-village').getByTestId('area-input').fill('Pajang');
    await page.getByTestId('staff-complaint-village').getByTestId('area-option').first().click();
    await page.getByTestId('staff-complaint-description').fill('Warga melapor KIS PBI-JK tidak aktif saat berobat.');
    await page.getByTestId('staff-complaint-submit').click();
    const staffCode = ((await page.getByTestId('staff-tracking-code').textContent()) ?? '').trim();
    expect(staffCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    const channels = await server.database.ownerQuery(
      `SELECT channel, count(*)::int AS n FROM complaint GROUP BY channel ORDER BY channel`,
    );
    expect(channels.rows).toEqual([
      { channel: 'dinsos', n: 1 },
      { channel: 'publik', n: 1 },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('agrees usulan in digital musdes minutes, and the Dinsos verifier approves a verified one', async () => {
    const db = server.database;
    const context = await browser.newContext(phone);
    const page = await signedIn(context, operator, `/warga/${recipients[2]!.id}`);
    await page.getByTestId('usulan-new').click();
    await page.locator('[data-testid="usulan-programme"] option[value="pkh"]').waitFor({ state: 'attached' });
    await page.getByTestId('usulan-programme').selectOption('pkh');
    await page.getByTestId('usulan-reason').fill('Keluarga dengan anak sekolah, pendapatan tidak tetap');
    await page.getByTestId('usulan-create').click();
    await page.waitForURL(/\/usulan\/[0-9a-f-]{36}$/);
    const usulanId = page.url().split('/').pop()!;
    await page.getByTestId('usulan-step-propose').click();
    await poll(() => page.getByTestId('usulan-status').getAttribute('data-status')).toBe('proposed');

    // The minutes: date, place, attendees by role, the list decided and the signed scan.
    await page.getByTestId('usulan-musdes-link').click();
    await page.getByTestId('musdes-village').fill(PAJANG);
    await page.getByTestId('musdes-place').fill('Balai Desa Pajang');
    await page.getByTestId('musdes-attendees').fill('25');
    await page.getByTestId('musdes-role-count').nth(1).fill('5');
    await page.getByTestId('musdes-role-count').nth(2).fill('3');
    await poll(() => page.getByTestId('musdes-usulan').count()).toBe(1);
    await page.getByTestId('musdes-usulan').check();
    await page
      .getByTestId('musdes-scan')
      .setInputFiles({ name: 'berita-acara.png', mimeType: 'image/png', buffer: await cameraPhoto(page) });
    await page.getByTestId('musdes-submit').click();
    await page.getByTestId('musdes-saved').waitFor();
    const minutes = await db.ownerQuery(
      `SELECT u.status, u.deliberation, m.place, m.attendee_count, m.signed_scan_file_id IS NOT NULL AS scan, jsonb_array_length(m.attendee_roles) AS roles
       FROM usulan u JOIN musdes m ON m.id = u.musdes_id WHERE u.id = $1`,
      [usulanId],
    );
    expect(minutes.rows).toEqual([
      { status: 'deliberated', deliberation: 'musdes', place: 'Balai Desa Pajang', attendee_count: 25, scan: true, roles: 3 },
    ]);
    await context.close();

    // The first usulan (verified in the previous test) goes to the Dinsos verifier.
    const verified = await db.ownerQuery(`SELECT id FROM usulan WHERE status = 'verified'`);
    const verifier = await buildUser(db, {
      username: 'dinsos.verifikator',
      grants: [{ role: 'dinsos_kab_verifier', areaCode: '33.72' }],
    });
    const vctx = await browser.newContext(phone);
    const vpage = await signedIn(vctx, verifier, `/usulan/${verified.rows[0]!.id}`);
    await vpage.getByTestId('usulan-step-approve_verifier').click();
    await poll(() => vpage.getByTestId('usulan-status').getAttribute('data-status')).toBe('verifier_approved');
    // The head of office's step is not the verifier's: nothing more is offered.
    await vpage.getByTestId('usulan-no-steps').waitFor();
    await vctx.close();
  });

  it('exports the approved batch as BNBA for SIKS-NG and imports the results with a per-row report, all rows or none', async () => {
    const db = server.database;
    const [row] = (
      await db.ownerQuery(`SELECT id, to_char(batch_month, 'YYYY-MM') AS month FROM usulan WHERE status = 'verifier_approved'`)
    ).rows as { id: string; month: string }[];
    const head = await buildUser(db, { username: 'dinsos.kepala', grants: [{ role: 'dinsos_kab_head', areaCode: '33.72' }] });
    const hctx = await browser.newContext(phone);
    const hpage = await signedIn(hctx, head, `/usulan/${row!.id}`);
    await hpage.getByTestId('usulan-step-approve_head').click();
    await poll(() => hpage.getByTestId('usulan-status').getAttribute('data-status')).toBe('approved');
    await hctx.close();

    const context = await browser.newContext(phone);
    const page = await signedIn(context, operator, '/usulan/bnba');
    await page.locator('[data-testid="bnba-programme"] option[value="pkh"]').waitFor({ state: 'attached' });
    await page.getByTestId('bnba-programme').selectOption('pkh');
    await page.getByTestId('bnba-month').fill(row!.month);
    await page.getByTestId('bnba-mode-full').check();
    await page.getByTestId('bnba-purpose').fill('Unggah usulan PKH ke SIKS-NG batch bulan ini');
    const download = page.waitForEvent('download');
    await page.getByTestId('bnba-export').click();
    expect((await download).suggestedFilename()).toBe(`bnba-33.72-pkh-${row!.month}.xlsx`);
    await poll(() => page.getByTestId('bnba-exported').textContent()).toContain('1 baris');
    expect((await db.ownerQuery(`SELECT status FROM usulan WHERE id = $1`, [row!.id])).rows[0].status).toBe('sent');

    // A result file with an unknown NIK: reported on its row, nothing applied.
    const resultFile = async (lines: { nik: string; status: string; reason?: string }[]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Hasil');
      ws.columns = [
        { header: 'NIK', key: 'nik' },
        { header: 'ID_USULAN', key: 'id' },
        { header: 'STATUS', key: 'status' },
        { header: 'ALASAN', key: 'reason' },
      ];
      for (const l of lines) ws.addRow({ nik: l.nik, id: '', status: l.status, reason: l.reason ?? '' });
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const painem = recipients[3]!.nik;
    const unknown = syntheticNik('33.72.01', '1970-01-01', 'L', 9999);
    await page.getByTestId('bnba-file').setInputFiles({
      name: 'hasil.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await resultFile([
        { nik: painem, status: 'Ditetapkan' },
        { nik: unknown, status: 'Ditetapkan' },
      ]),
    });
    await page.getByTestId('bnba-import').click();
    await poll(() => page.getByTestId('bnba-report').getAttribute('data-applied')).toBe('false');
    expect(
      await page.getByTestId('bnba-report-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status'))),
    ).toContain('error');
    expect((await db.ownerQuery(`SELECT status FROM usulan WHERE id = $1`, [row!.id])).rows[0].status).toBe('sent');

    // The corrected file is applied: the usulan is set.
    await page.getByTestId('bnba-file').setInputFiles({
      name: 'hasil.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await resultFile([{ nik: painem, status: 'Ditetapkan' }]),
    });
    await page.getByTestId('bnba-import').click();
    await poll(() => page.getByTestId('bnba-report').getAttribute('data-applied')).toBe('true');
    expect(await page.getByTestId('bnba-report-row').getAttribute('data-status')).toBe('ok');
    expect((await db.ownerQuery(`SELECT status FROM usulan WHERE id = $1`, [row!.id])).rows[0].status).toBe('set');
    await noSidewaysScroll(page);
    await page.screenshot({ path: '/tmp/pilar-bnba-360x640.png', fullPage: true });
    await context.close();
  });
});
