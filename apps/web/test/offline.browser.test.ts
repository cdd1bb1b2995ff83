import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';
import { cameraPhoto, pending, registerOnPhone, signedInPhone, syncMeta, waitSynced } from './offline-support';

/**
 * The PSM's phone with no signal (issue 6): after one online sign-in the field app opens
 * offline, registers a person, opens a case with an assessment on the versioned form and
 * records a visit with a photo and GPS, keeps them across a reload
 * with no network, and sends each exactly once when the signal returns.
 */
const PAJANG = '33.72.01.1001';

let server: TestServer;
let browser: Browser;
let psm: BuiltUser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  psm = await buildUser(server.database, { username: 'psm.offline', displayName: 'Sri Lestari', grants: [{ role: 'psm', areaCode: PAJANG }] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('field app offline', () => {
  it('registers a person, opens a case, gives an assessment and a visit with a photo offline, survives an offline reload, and syncs each exactly once', async () => {
    const { context, page, errors } = await signedInPhone(browser, server.url, psm);
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: -7.5667, longitude: 110.8167, accuracy: 12 });
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('field-online').getAttribute('data-online')).toBe('false');

    const personId = await registerOnPhone(page, { fullName: 'Mbah Sukinah', sex: 'P', birthDate: '1941-08-17', rt: '003', address: 'Jl. Melati 7' });
    expect(personId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await expect.poll(() => page.getByTestId('person-pending').textContent()).toContain('1');

    // A case for her and its assessment, on the form version the phone keeps (offline).
    await page.getByTestId('field-open-case').click();
    await page.getByTestId('c-ppks').selectOption('8');
    await page.getByTestId('c-need').fill('Tinggal sendiri, butuh alat bantu jalan.');
    await page.getByTestId('c-save').click();
    await page.getByTestId('field-person-title').waitFor();
    await page.getByTestId('field-assess').click();
    const form = page.getByTestId('assessment-form');
    await expect.poll(() => form.getAttribute('data-form')).toBe('lansia-terlantar');
    expect(await form.getAttribute('data-version')).toBe('1');
    await page.getByTestId('save-assessment').click(); // nothing filled in: the required questions say so
    await expect.poll(() => page.locator('[data-field="tinggal_dengan"] .field-error').count()).toBe(1);
    await page.getByTestId('answer-tinggal_dengan').selectOption('sendiri');
    await page.getByTestId('answer-ada_pengasuh-yes').check();
    await page.getByTestId('answer-nama_hubungan_pengasuh').fill('Keponakan'); // shown only once a carer exists
    await page.getByTestId('answer-kemandirian').selectOption('sebagian');
    await page.getByTestId('answer-sakit_kronis-no').check();
    await page.getByTestId('answer-makan_per_hari').fill('2');
    await page.getByTestId('answer-penghasilan').selectOption('tidak_ada');
    await page.getByTestId('answer-kebutuhan-alat_bantu').check();
    await page.getByTestId('save-assessment').click();
    await page.getByTestId('field-person-title').waitFor();
    await expect.poll(() => page.getByTestId('field-assessment').count()).toBe(1);

    // A home visit with a large camera photo and the phone's location.
    const photo = await cameraPhoto(page);
    await page.getByTestId('field-add-visit').click();
    await page.getByTestId('v-note').fill('Kunjungan rumah: kondisi atap bocor.');
    await page.getByTestId('v-photo').setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: photo });
    await page.getByTestId('v-previews').locator('img').first().waitFor();
    await page.getByTestId('v-gps-take').click();
    await page.getByTestId('v-gps-taken').waitFor();
    await page.getByTestId('v-save').click();
    await page.getByTestId('field-person-title').waitFor();
    await expect.poll(async () => page.getByTestId('field-visit').count()).toBe(1);

    // The photo waits in IndexedDB already made small (JPEG, long side ≤ 1280 px).
    const stored = await page.evaluate(async (name) => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
      });
      const blobs = await new Promise<{ blob: Blob }[]>((resolve) => {
        const r = db.transaction('blobs').objectStore('blobs').getAll();
        r.onsuccess = () => resolve(r.result as { blob: Blob }[]);
      });
      db.close();
      const bmp = await createImageBitmap(blobs[0]!.blob);
      return { count: blobs.length, type: blobs[0]!.blob.type, size: blobs[0]!.blob.size, w: bmp.width, h: bmp.height };
    }, `pilar-field-${psm.id}`);
    expect(stored).toMatchObject({ count: 1, type: 'image/jpeg', w: 1280, h: 960 });
    expect(stored.size).toBeLessThan(photo.length);

    // Reload with no network: the shell comes from the service worker, the session from the last /me.
    await page.reload();
    await expect.poll(() => page.getByTestId('field-person-title').textContent()).toBe('Mbah Sukinah');
    await expect.poll(async () => page.getByTestId('field-visit').count()).toBe(1);
    await expect.poll(async () => page.getByTestId('field-case').count()).toBe(1);
    await expect.poll(async () => page.getByTestId('field-assessment').count()).toBe(1);
    await page.screenshot({ path: '/tmp/pilar-field-person-offline-360x640.png', fullPage: true });
    await page.goto('/lapangan'); // a new navigation offline, also answered by the service worker
    await expect.poll(() => pending(page)).toBe(5); // registration, case, assessment, photo, visit
    await expect(page.getByTestId('field-person-name').allTextContents()).resolves.toContain('Mbah Sukinah');
    await page.screenshot({ path: '/tmp/pilar-field-home-offline-360x640.png' });

    // Signal again: the phone syncs by itself.
    await context.setOffline(false);
    await expect.poll(() => pending(page), { timeout: 30_000 }).toBe(0);
    await page.getByTestId('field-sync').click();
    await waitSynced(page);
    const meta = await syncMeta(page, psm.id);
    expect(meta.cursor).toBeTruthy();
    expect(meta.lastError).toBeNull();

    const q = server.database.ownerQuery;
    const persons = await q(`SELECT full_name, sex, rt, address, nik_missing_reason FROM person WHERE id = $1`, [personId]);
    expect(persons.rows).toEqual([{ full_name: 'Mbah Sukinah', sex: 'P', rt: '003', address: 'Jl. Melati 7', nik_missing_reason: 'belum_rekam' }]);
    const cases = await q(`SELECT ppks_code, need, created_by FROM ppks_case WHERE person_id = $1`, [personId]);
    expect(cases.rows).toEqual([{ ppks_code: 8, need: 'Tinggal sendiri, butuh alat bantu jalan.', created_by: psm.id }]);
    const assessments = await q(`SELECT form_code, form_version, answers, assessed_by FROM assessment WHERE person_id = $1`, [personId]);
    expect(assessments.rows).toEqual([
      {
        form_code: 'lansia-terlantar',
        form_version: 1,
        answers: { tinggal_dengan: 'sendiri', ada_pengasuh: true, nama_hubungan_pengasuh: 'Keponakan', kemandirian: 'sebagian', sakit_kronis: false, makan_per_hari: 2, penghasilan: 'tidak_ada', kebutuhan: ['alat_bantu'] },
        assessed_by: psm.id,
      },
    ]);
    const visits = await q(`SELECT kind, note, cardinality(file_ids) AS files, lat::float AS lat, lng::float AS lng, created_by FROM visit WHERE person_id = $1`, [personId]);
    expect(visits.rows).toEqual([{ kind: 'kunjungan', note: 'Kunjungan rumah: kondisi atap bocor.', files: 1, lat: -7.5667, lng: 110.8167, created_by: psm.id }]);
    const uploads = await q(`SELECT count(*)::int AS n FROM stored_file WHERE created_by = $1`, [psm.id]);
    expect(uploads.rows[0]!.n).toBe(1);
    const files = await q(`SELECT content_type FROM stored_file WHERE id IN (SELECT unnest(file_ids) FROM visit WHERE person_id = $1 AND kind = 'kunjungan')`, [personId]);
    expect(files.rows).toEqual([{ content_type: 'image/jpeg' }]);
    // Each write was applied once: one mutation per record, one upload.
    const mutations = await q(`SELECT entity_type, count(*)::int AS n FROM sync_mutation WHERE user_id = $1 GROUP BY entity_type ORDER BY entity_type`, [psm.id]);
    expect(mutations.rows).toEqual([
      { entity_type: 'assessment', n: 1 },
      { entity_type: 'case', n: 1 },
      { entity_type: 'file', n: 1 },
      { entity_type: 'person', n: 1 },
    ]);

    // Once synced, the record on the phone is the server's (masked NIK, no NIK in clear).
    await page.getByTestId('field-person').filter({ hasText: 'Mbah Sukinah' }).click();
    await expect(page.getByTestId('person-pending').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
