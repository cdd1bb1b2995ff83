import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as members from '../../server/src/modules/members/members.service';
import { actorWith, as, syntheticNik } from '../../server/test/actors';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { buildMember } from '../../server/test/factories.members';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';

/**
 * PSM registry administration against the real server: an IPSM operator makes a
 * self-registration link; a PSM registers through it on a phone without an account;
 * the Dinsos verifier verifies; the operator records a training (with its certificate),
 * an award and a move to another village; the verifier switches a requirement off for
 * the regency and the member's checklist follows.
 */

const SOLO = '33.72';
const PAJANG = '33.72.01.1001';
const SONDAKAN = '33.72.01.1008';
const LAWEYAN_DISTRICT = '33.72.01';
const shots = {
  linkPhone: '/tmp/pilar-registration-link-360x640.png',
  selfRegisterPhone: '/tmp/pilar-self-register-360x640.png',
  recordsPhone: '/tmp/pilar-member-records-360x640.png',
  settingsPhone: '/tmp/pilar-requirement-settings-360x640.png',
  editPhone: '/tmp/pilar-member-edit-360x640.png',
  linksPhone: '/tmp/pilar-registration-links-360x640.png',
};
// The smallest valid PNG (1×1): a scanned certificate stand-in.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==',
  'base64',
);

/** A one-page blank PDF with a correct cross-reference table: the scanned SK stand-in. */
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
const PDF = tinyPdf();

let server: TestServer;
let browser: Browser;
let ipsm: BuiltUser;
let verifier: BuiltUser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  ipsm = await buildUser(server.database, {
    username: 'ipsm.solo',
    displayName: 'Sekretaris IPSM Solo',
    grants: [{ role: 'ipsm_pengurus', areaCode: SOLO }],
  });
  verifier = await buildUser(server.database, {
    username: 'verifikator.solo',
    displayName: 'Verifikator Dinsos',
    grants: [{ role: 'dinsos_kab_verifier', areaCode: SOLO }],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const phone = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 800 } };

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
async function signedIn(context: BrowserContext, user: BuiltUser, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(new URL(`/masuk?next=${encodeURIComponent(path)}`, server.url).toString());
  await page.getByTestId('username').fill(user.username);
  await page.getByTestId('password').fill(user.password);
  await page.getByTestId('sign-in').click();
  await page.waitForURL((u) => u.pathname === path);
  return { page, errors };
}
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();
async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}
async function expectTouchTarget(page: Page, testId: string) {
  const box = await page.getByTestId(testId).first().boundingBox();
  expect(box, `${testId} is visible`).not.toBeNull();
  expect(box!.height, `${testId} height`).toBeGreaterThanOrEqual(44);
}
async function pickArea(page: Page, pickerTestId: string, query: string, code: string) {
  await page.getByTestId(pickerTestId).getByTestId('area-input').fill(query);
  await page.locator(`[data-testid="${pickerTestId}"] [data-testid="area-option"][data-code="${code}"]`).click();
}
const requirement = (page: Page, code: string) => page.locator(`[data-testid="requirement"][data-code="${code}"]`);
const memberStatus = (page: Page) => page.locator('.record-header [data-testid="member-status"]').getAttribute('data-status');

describe('PSM registry administration (real server)', () => {
  it('self-registers through a link, verifies, records training, award and a move, and follows the requirement settings', async () => {
    // ── The IPSM operator makes a self-registration link for Kota Surakarta (phone).
    const iContext = await browser.newContext(phone);
    const { page: op, errors: opErrors } = await signedIn(iContext, ipsm, '/psm');
    await op.getByTestId('member-tools').waitFor();
    expect(await op.getByTestId('import-members').getAttribute('href')).toBe('/impor/psm');
    const template = await op.request.get(
      new URL((await op.getByTestId('import-template').getAttribute('href'))!, server.url).toString(),
    );
    expect(template.status()).toBe(200);
    expect(template.headers()['content-type']).toContain('spreadsheetml');
    // Only Dinsos verifiers configure requirements.
    expect(await op.getByTestId('requirement-settings-link').count()).toBe(0);
    await op.getByTestId('registration-links').click();
    await op.getByTestId('link-form').waitFor();
    // The operator's sole regency is chosen already, with its name.
    await op.locator(`[data-testid="link-regency"] [data-testid="picked-area"][data-code="${SOLO}"]`).waitFor();
    await op.getByTestId('link-days').fill('14');
    await op.getByTestId('link-note').fill('PSM Kecamatan Laweyan');
    await expectTouchTarget(op, 'create-link');
    await op.getByTestId('create-link').click();
    await op.getByTestId('created-link').waitFor();
    const url = await text(op, '[data-testid="registration-url"]');
    expect(url).toMatch(new RegExp(`^${server.url}/daftar-psm/${SOLO.replace('.', '\\.')}#[A-Za-z0-9_-]{20,}$`));
    expect(await text(op, '[data-testid="created-link"] h2')).toContain('Surakarta');
    expect(await text(op, '[data-testid="link-expiry"]')).toMatch(/^Berlaku sampai \d{1,2} \w+ \d{4}\.$/);
    await noSidewaysScroll(op);
    await op.screenshot({ path: shots.linkPhone, fullPage: true });

    // ── A PSM opens the link on a phone, without an account, and registers.
    const pContext = await browser.newContext(phone);
    const psm = await pContext.newPage();
    const psmErrors = watchErrors(psm);
    await psm.goto(url);
    await psm.getByTestId('self-register-form').waitFor();
    expect((await text(psm, '[data-testid="self-register-regency"]')).toLowerCase()).toContain('surakarta');
    // Sent empty: the server's messages appear next to the fields, nothing is stored.
    await psm.getByTestId('self-register-submit').click();
    await psm.locator('[data-testid="field-error"][data-for="fullName"]').waitFor();
    expect(await psm.locator('[data-testid="field-error"][data-for="birthDate"]').count()).toBe(1);
    await pickArea(psm, 'member-village', 'pajang', PAJANG);
    await psm.getByTestId('member-fullName').fill('Rina Marlina');
    await psm.getByTestId('member-sex-P').check();
    await psm.getByTestId('member-birthDate').fill('1990-08-12');
    await psm.getByTestId('member-nik').fill(syntheticNik(LAWEYAN_DISTRICT, '1990-08-12', 'P', 41));
    await psm.getByTestId('member-phone').fill('0813 2222 4444');
    await psm.getByTestId('member-skNumber').fill('400/21/2026');
    await psm.getByTestId('member-skDate').fill('2026-02-02');
    await psm.getByTestId('member-skIssuer').fill('Lurah Pajang');
    await noSidewaysScroll(psm);
    await expectTouchTarget(psm, 'self-register-submit');
    await psm.screenshot({ path: shots.selfRegisterPhone, fullPage: true });
    await psm.getByTestId('self-register-submit').click();
    await psm.getByTestId('registration-received').waitFor();
    expect(await text(psm, '[data-testid="registration-message"]')).toBe(
      'Pendaftaran diterima dan menunggu verifikasi Dinas Sosial kabupaten/kota',
    );
    // The token never reached the server in a path: it is only in the fragment.
    expect(new URL(psm.url()).pathname).toBe(`/daftar-psm/${SOLO}`);
    // A link that is wrong says so (and stores nothing).
    await psm.goto(new URL(`/daftar-psm/${SOLO}#${'x'.repeat(32)}`, server.url).toString());
    await pickArea(psm, 'member-village', 'pajang', PAJANG);
    await psm.getByTestId('member-fullName').fill('Orang Lain');
    await psm.getByTestId('member-sex-L').check();
    await psm.getByTestId('member-birthDate').fill('1991-01-01');
    await psm.getByTestId('member-nik').fill(syntheticNik(LAWEYAN_DISTRICT, '1991-01-01', 'L', 42));
    await psm.getByTestId('self-register-submit').click();
    await psm.getByTestId('error').waitFor();
    expect(await text(psm, '[data-testid="error"]')).toContain('Tautan pendaftaran tidak berlaku');

    // ── The verifier finds it in the queue (source: mandiri) and verifies it.
    const vContext = await browser.newContext(desktop);
    const { page: v, errors: vErrors } = await signedIn(vContext, verifier, '/psm');
    await v.getByTestId('filter-status').selectOption('diajukan');
    const row = v.locator('[data-testid="member-row"]', { hasText: 'Rina Marlina' });
    await row.waitFor();
    expect(await v.locator('[data-testid="member-row"]', { hasText: 'Orang Lain' }).count()).toBe(0);
    await row.locator('a').click();
    await v.getByTestId('member-title').waitFor();
    const memberPath = new URL(v.url()).pathname;
    expect(await memberStatus(v)).toBe('diajukan');
    expect(await text(v, '[data-testid="member-facts"]')).toContain('3372********0041');
    expect(await text(v, '[data-testid="member-source"]')).toBe('Pendaftaran mandiri');
    // A verifier may not record trainings, awards, moves or documents (no member.update).
    expect(await v.getByTestId('trainings-add').count()).toBe(0);
    expect(await v.getByTestId('transfers-add').count()).toBe(0);
    expect(await v.getByTestId('member-documents').count()).toBe(0);
    await v.getByTestId('transition-verify').click();
    await v.getByTestId('member-saved').waitFor();
    expect(await memberStatus(v)).toBe('aktif');
    expect(await requirement(v, 'pelatihan').getAttribute('data-met')).toBe('false');
    expect(await requirement(v, 'sehat').getAttribute('data-met')).toBe('false');
    expect(await requirement(v, 'sk_desa').getAttribute('data-met')).toBe('true');

    // ── The operator records a training with its certificate.
    await op.goto(new URL(memberPath, server.url).toString());
    await op.getByTestId('member-title').waitFor();
    expect(await memberStatus(op)).toBe('aktif');
    await op.getByTestId('trainings-add').click();
    await op.getByTestId('training-title').fill('Bimbingan Teknis PSM Tingkat Dasar');
    await op.getByTestId('training-organiser').fill('Dinas Sosial Kota Surakarta');
    await op.getByTestId('training-date').fill('2026-03-10');
    await op.getByTestId('training-certificate').setInputFiles({ name: 'sertifikat.png', mimeType: 'image/png', buffer: PNG });
    await expectTouchTarget(op, 'training-submit');
    await op.getByTestId('training-submit').click();
    await op.getByTestId('training').waitFor();
    expect(await text(op, '[data-testid="training"]')).toContain('Bimbingan Teknis PSM Tingkat Dasar');
    expect(await text(op, '[data-testid="training"]')).toContain('Dinas Sosial Kota Surakarta');
    expect(await text(op, '[data-testid="training"]')).toContain('10 Maret 2026');
    const certificate = await op.request.get(
      new URL((await op.getByTestId('training-certificate-link').getAttribute('href'))!, server.url).toString(),
    );
    expect(certificate.status()).toBe(200);
    expect(Buffer.from(await certificate.body()).equals(PNG)).toBe(true);
    expect(await requirement(op, 'pelatihan').getAttribute('data-met')).toBe('true');

    // ── An award: a Satyalancana before 5 years of service is saved with the server's warnings.
    await op.getByTestId('awards-add').click();
    await op.getByTestId('award-type').fill('Satyalancana Kebaktian Sosial');
    await op.getByTestId('award-level').selectOption('kabkota');
    await op.getByTestId('award-sk').fill('463/17/2026');
    await op.getByTestId('award-date').fill('2026-04-01');
    await op.getByTestId('award-submit').click();
    await op.getByTestId('award').waitFor();
    expect(await text(op, '[data-testid="award"]')).toContain('Satyalancana Kebaktian Sosial');
    expect(await text(op, '[data-testid="award"]')).toContain('Kabupaten/kota');
    expect(await text(op, '[data-testid="award"]')).toContain('SK 463/17/2026');
    const warningCodes = await op
      .locator('[data-testid="award-warnings"] li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(warningCodes.sort()).toEqual(['award.satyalancana_national', 'award.satyalancana_service']);

    // ── A move to Sondakan: recorded as a transfer, and the member's village changes.
    expect(await op.getByTestId('transfer').count()).toBe(0);
    await op.getByTestId('transfers-add').click();
    // The destination must differ from the current village: the server says so next to the field.
    await pickArea(op, 'transfer-village', 'pajang', PAJANG);
    await op.getByTestId('transfer-basis').fill('SK Lurah Sondakan 12/2026, pindah domisili');
    await op.getByTestId('transfer-submit').click();
    await op.locator('[data-testid="field-error"][data-for="toVillageCode"]').waitFor();
    expect(await text(op, '[data-testid="field-error"][data-for="toVillageCode"]')).toBe('Desa tujuan sama dengan desa sekarang');
    await op.getByTestId('transfer-village').getByTestId('area-change').click();
    await pickArea(op, 'transfer-village', 'sondakan', SONDAKAN);
    await op.getByTestId('transfer-date').fill('2026-05-04');
    await noSidewaysScroll(op);
    await op.getByTestId('transfer-submit').click();
    const transfer = op.locator(`[data-testid="transfer"][data-from="${PAJANG}"][data-to="${SONDAKAN}"]`);
    await transfer.waitFor();
    expect(await transfer.textContent()).toContain('Pajang → Sondakan');
    expect(await transfer.textContent()).toContain('4 Mei 2026');
    expect(await transfer.textContent()).toContain('SK Lurah Sondakan 12/2026, pindah domisili');
    expect(await text(op, '.record-header .row-meta')).toContain('Sondakan');
    expect(await text(op, '[data-testid="member-facts"]')).toContain('Sondakan, Laweyan');
    // Saved on the server, not only on screen.
    await op.reload();
    await op.getByTestId('transfer').waitFor();
    expect(await op.getByTestId('transfer').count()).toBe(1);
    expect(await text(op, '.record-header .row-meta')).toContain('Sondakan');

    // ── Photo and scanned SK: attached as soon as they are picked; a file that is not what it claims is refused.
    const memberId = memberPath.split('/').pop()!;
    const documents = async () =>
      (await server.database.ownerQuery(`SELECT photo_file_id, sk_file_id FROM member WHERE id = $1`, [memberId])).rows[0] as {
        photo_file_id: string | null;
        sk_file_id: string | null;
      };
    await op.getByTestId('no-photo').waitFor();
    expect(await text(op, '[data-testid="no-sk-file"]')).toBe('Pindaian SK belum diunggah.');
    await expectTouchTarget(op, 'document-photo-input');
    await op
      .getByTestId('document-photo-input')
      .setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: Buffer.from('ini catatan, bukan gambar\n') });
    const refused = op.locator('[data-testid="field-error"][data-for="photo"]');
    await refused.waitFor();
    expect(await text(op, '[data-testid="field-error"][data-for="photo"]')).toBe(
      'Jenis berkas tidak diterima (boleh: image/jpeg, image/png)',
    );
    expect((await documents()).photo_file_id).toBeNull();

    await op.getByTestId('document-photo-input').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: PNG });
    await op.getByTestId('document-photo-saved').waitFor();
    expect(await refused.count()).toBe(0);
    const photo = op.getByTestId('member-photo');
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
    const photoId = (await photo.getAttribute('src'))!.split('/').pop();
    expect((await documents()).photo_file_id).toBe(photoId);
    expect(await text(op, '[data-testid="document-photo"] .field-label')).toBe('Ganti foto');

    await op.getByTestId('document-sk-input').setInputFiles({ name: 'sk-desa.pdf', mimeType: 'application/pdf', buffer: PDF });
    await op.getByTestId('document-sk-saved').waitFor();
    await expectTouchTarget(op, 'sk-file-link');
    const skHref = (await op.getByTestId('sk-file-link').getAttribute('href'))!;
    const sk = await op.request.get(new URL(skHref, server.url).toString());
    expect(sk.status()).toBe(200);
    expect(sk.headers()['content-type']).toBe('application/pdf');
    expect(sk.headers()['content-disposition']).toBe('attachment');
    expect(Buffer.from(await sk.body()).equals(PDF)).toBe(true);
    expect((await documents()).sk_file_id).toBe(skHref.split('/').pop());
    // Still attached after a reload (read from the server, not kept on screen).
    await op.reload();
    await op.getByTestId('member-photo').waitFor();
    expect(await op.getByTestId('member-photo').getAttribute('src')).toBe(`/api/v1/files/${photoId}`);
    expect(await op.getByTestId('sk-file-link').getAttribute('href')).toBe(skHref);
    await noSidewaysScroll(op);
    await op.screenshot({ path: shots.recordsPhone, fullPage: true });

    // ── The verifier: only the health statement is missing; switching it off for the regency completes the checklist.
    await v.reload();
    await v.getByTestId('requirements-summary').waitFor();
    expect(await requirement(v, 'sehat').getAttribute('data-met')).toBe('false');
    expect(await v.locator('[data-testid="requirement"][data-met="false"]').count()).toBe(1);
    expect(await text(v, '[data-testid="requirements-summary"]')).toBe('Ada persyaratan yang belum terpenuhi.');
    await v.getByTestId('configure-requirements').click();
    await v.waitForURL((u) => u.pathname === `/psm/persyaratan/${SOLO}`);
    const sehat = v.locator('[data-testid="requirement-toggle"][data-code="sehat"]');
    await sehat.waitFor();
    expect(await sehat.isChecked()).toBe(true);
    expect(await v.getByTestId('requirement-toggle').count()).toBe(6);
    await sehat.uncheck();
    await v.getByTestId('save-requirements').click();
    await v.getByTestId('settings-saved').waitFor();
    expect(await sehat.isChecked()).toBe(false);
    await v.goBack();
    await v.getByTestId('requirements-summary').waitFor();
    expect(await requirement(v, 'sehat').count()).toBe(0);
    expect(await v.locator('[data-testid="requirement"]').count()).toBe(5);
    expect(await text(v, '[data-testid="requirements-summary"]')).toBe('Semua persyaratan terpenuhi.');

    // The operator sees the same checklist, and the settings screen only read-only.
    await op.reload();
    await op.getByTestId('requirements-summary').waitFor();
    expect(await requirement(op, 'sehat').count()).toBe(0);
    expect(await op.getByTestId('configure-requirements').count()).toBe(0);
    await op.goto(new URL(`/psm/persyaratan/${SOLO}`, server.url).toString());
    await op.getByTestId('settings-read-only').waitFor();
    expect(await op.locator('[data-testid="requirement-toggle"][data-code="sehat"]').isChecked()).toBe(false);
    expect(await op.locator('[data-testid="requirement-toggle"][data-code="sehat"]').isDisabled()).toBe(true);
    expect(await op.getByTestId('save-requirements').count()).toBe(0);
    await noSidewaysScroll(op);
    await op.screenshot({ path: shots.settingsPhone, fullPage: true });

    expect(opErrors).toEqual([]);
    expect(psmErrors).toEqual([]);
    expect(vErrors).toEqual([]);
    await Promise.all([iContext.close(), pContext.close(), vContext.close()]);
  });

  it('edits a PSM’s phone and SK desa (a stale version is refused), and a revoked link is refused on the public page', async () => {
    const sari = await buildMember(server.database, PAJANG, {
      input: { fullName: 'Sari Wulandari', phone: null, skNumber: null, skDate: null, skIssuer: null },
    });
    const iContext = await browser.newContext(phone);
    const { page: op, errors: opErrors } = await signedIn(iContext, ipsm, `/psm/${sari.id}`);
    await op.getByTestId('member-title').waitFor();
    await op.getByTestId('sk-number-first').waitFor();
    expect(await op.getByTestId('document-sk-input').count()).toBe(0);

    // ── The edit form opens filled from the record; the NIK and the village are not editable here.
    await expectTouchTarget(op, 'member-edit');
    await op.getByTestId('member-edit').click();
    await op.getByTestId('member-edit-form').waitFor();
    expect(await op.getByTestId('member-fullName').inputValue()).toBe('Sari Wulandari');
    expect(await op.getByTestId('member-nik').count()).toBe(0);
    expect(await op.getByTestId('member-phone').inputValue()).toBe('');
    // A required field left empty: the server's message appears next to it, nothing is saved.
    await op.getByTestId('member-fullName').fill('');
    await op.getByTestId('member-edit-submit').click();
    await op.locator('[data-testid="field-error"][data-for="fullName"]').waitFor();
    await op.getByTestId('member-fullName').fill('Sari Wulandari');
    await op.getByTestId('member-phone').fill('0812 3456 7890');
    await op.getByTestId('member-skNumber').fill('400/35/2026');
    await op.getByTestId('member-skDate').fill('2026-03-03');
    await op.getByTestId('member-skIssuer').fill('Lurah Pajang');
    // Someone else changes the record meanwhile: the save is refused with a reload hint.
    const admin = actorWith(['admin', 'ID']);
    await as(server.database, admin, (ctx) =>
      members.updateMember(ctx, sari.id, { address: 'Jl. Pajang Raya 5', version: sari.version }),
    );
    await op.getByTestId('member-edit-submit').click();
    await op.getByTestId('error').waitFor();
    expect(await text(op, '[data-testid="error"]')).toMatch(
      /^Data ini sudah diubah orang lain \(versi sekarang \d+\); muat ulang lalu ulangi$/,
    );
    expect(
      (await server.database.ownerQuery(`SELECT sk_number FROM member WHERE id = $1`, [sari.id])).rows[0].sk_number,
    ).toBeNull();
    await op.getByTestId('member-reload').click();
    await op.getByTestId('member-edit').waitFor();
    await op.getByTestId('member-edit').click();
    // Reloaded: the other user's change is in the form, and kept by this edit.
    expect(await op.getByTestId('member-address').inputValue()).toBe('Jl. Pajang Raya 5');
    await op.getByTestId('member-phone').fill('0812 3456 7890');
    await op.getByTestId('member-skNumber').fill('400/35/2026');
    await op.getByTestId('member-skDate').fill('2026-03-03');
    await op.getByTestId('member-skIssuer').fill('Lurah Pajang');
    await noSidewaysScroll(op);
    await op.screenshot({ path: shots.editPhone, fullPage: true });
    await op.getByTestId('member-edit-submit').click();
    await op.getByTestId('member-saved').waitFor();
    const facts = await text(op, '[data-testid="member-facts"]');
    expect(facts).toContain('0812 3456 7890');
    expect(facts).toContain('400/35/2026 · 3 Maret 2026 · Lurah Pajang');
    expect(await requirement(op, 'sk_desa').getAttribute('data-met')).toBe('true');
    // With the SK number recorded, its scan can be attached.
    await op.getByTestId('document-sk-input').setInputFiles({ name: 'sk-desa.pdf', mimeType: 'application/pdf', buffer: PDF });
    await op.getByTestId('document-sk-saved').waitFor();
    await op.reload();
    await op.getByTestId('member-facts').waitFor();
    expect(await text(op, '[data-testid="member-facts"]')).toContain('0812 3456 7890');
    expect(await text(op, '[data-testid="member-facts"]')).toContain('400/35/2026');
    expect(await text(op, '[data-testid="member-facts"]')).toContain('Jl. Pajang Raya 5');
    await op.getByTestId('sk-file-link').waitFor();
    const saved = (await server.database.ownerQuery(`SELECT sk_number, sk_issuer, address FROM member WHERE id = $1`, [sari.id]))
      .rows[0];
    expect(saved).toEqual({ sk_number: '400/35/2026', sk_issuer: 'Lurah Pajang', address: 'Jl. Pajang Raya 5' });

    // ── A registration link is listed (never its token) and revoked; the public page then refuses it.
    await op.goto(new URL('/psm/tautan-pendaftaran', server.url).toString());
    await op.getByTestId('link-form').waitFor();
    await op.getByTestId('link-note').fill('Tautan bocor ke grup umum');
    await op.getByTestId('create-link').click();
    await op.getByTestId('created-link').waitFor();
    const url = await text(op, '[data-testid="registration-url"]');
    const token = url.split('#')[1]!;
    const listed = op.locator('[data-testid="registration-link"]', { hasText: 'Tautan bocor ke grup umum' });
    await listed.waitFor();
    expect(await listed.getAttribute('data-state')).toBe('berlaku');
    const listedText = (await listed.textContent()) ?? '';
    expect(listedText).toContain('Sekretaris IPSM Solo');
    expect(listedText).toContain('Dipakai 0 dari 500 kali');
    expect(await text(op, '[data-testid="registration-links-list"]')).not.toContain(token);
    await expectTouchTarget(op, 'revoke-link');
    await listed.getByTestId('revoke-link').click();
    await listed.getByTestId('revoke-link-confirm').click();
    await op
      .locator('[data-testid="registration-link"][data-state="dicabut"]', { hasText: 'Tautan bocor ke grup umum' })
      .waitFor();
    expect(await text(op, '[data-testid="registration-link"][data-state="dicabut"] [data-testid="link-revoked"]')).toMatch(
      /^Dicabut .+ oleh Sekretaris IPSM Solo$/,
    );
    expect(await listed.getByTestId('revoke-link').count()).toBe(0);
    await noSidewaysScroll(op);
    await op.screenshot({ path: shots.linksPhone, fullPage: true });
    // Still revoked after a reload (read from the server).
    await op.reload();
    await op
      .locator('[data-testid="registration-link"][data-state="dicabut"]', { hasText: 'Tautan bocor ke grup umum' })
      .waitFor();

    const pContext = await browser.newContext(phone);
    const psm = await pContext.newPage();
    const psmErrors = watchErrors(psm);
    await psm.goto(url);
    await psm.getByTestId('self-register-form').waitFor();
    await pickArea(psm, 'member-village', 'pajang', PAJANG);
    await psm.getByTestId('member-fullName').fill('Lewat Tautan Dicabut');
    await psm.getByTestId('member-sex-L').check();
    await psm.getByTestId('member-birthDate').fill('1992-02-02');
    await psm.getByTestId('member-nik').fill(syntheticNik(LAWEYAN_DISTRICT, '1992-02-02', 'L', 43));
    await psm.getByTestId('self-register-submit').click();
    await psm.getByTestId('error').waitFor();
    expect(await text(psm, '[data-testid="error"]')).toContain('Tautan pendaftaran tidak berlaku');
    expect(await psm.getByTestId('registration-received').count()).toBe(0);
    const stored = await server.database.ownerQuery(
      `SELECT count(*)::int AS n FROM member WHERE full_name = 'Lewat Tautan Dicabut'`,
    );
    expect(stored.rows[0].n).toBe(0);

    expect(opErrors).toEqual([]);
    expect(psmErrors).toEqual([]);
    await Promise.all([iContext.close(), pContext.close()]);
  });
});
