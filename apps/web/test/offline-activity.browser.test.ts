import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';
import { cameraPhoto, pending, signedInPhone, waitSynced } from './offline-support';

/**
 * The PSM's activity log on the phone with no signal (issues 6 and 7): an activity with a
 * photo and GPS is recorded offline, survives an offline reload, and reaches the server
 * exactly once; one the server refuses is listed by its title (not as a person) and is
 * fixed in the activity editor, not the person editor.
 */
const PAJANG = '33.72.01.1001';

/** A `datetime-local` value `days` ago at `hh:mm` (always in the past, always inside the phone's history window). */
function daysAgo(days: number, hhmm: string): string {
  const d = new Date(Date.now() - days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${hhmm}`;
}

let server: TestServer;
let browser: Browser;
let psm: BuiltUser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  psm = await buildUser(server.database, {
    username: 'psm.kegiatan',
    displayName: 'Wulan Sari',
    grants: [{ role: 'psm', areaCode: PAJANG }],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('activity log offline', () => {
  it('records an activity with a photo and GPS offline, keeps it across an offline reload, sends it once, and lists a refused one by its title', async () => {
    const { context, page, errors } = await signedInPhone(browser, server.url, psm);
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: -7.5701, longitude: 110.8243, accuracy: 9 });
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('field-online').getAttribute('data-online')).toBe('false');

    // "Catat kegiatan" from the field home; the phone checks the shape before saving.
    await page.getByTestId('field-activities').click();
    await page.getByTestId('act-save').click();
    await expect.poll(() => page.locator('[data-field="title"] .field-error').count()).toBe(1);
    await page.getByTestId('act-duty').selectOption('c');
    await page.getByTestId('act-title').fill('Pendampingan lansia ke puskesmas');
    await page.getByTestId('act-when').fill(daysAgo(3, '09:30'));
    await page.getByTestId('act-note').fill('Mengantar Mbah Karto periksa tekanan darah.');
    const photo = await cameraPhoto(page);
    await page.getByTestId('act-photo').setInputFiles({ name: 'IMG_0042.png', mimeType: 'image/png', buffer: photo });
    await page.getByTestId('act-preview').locator('img').waitFor();
    await page.getByTestId('v-gps-take').click();
    await page.getByTestId('v-gps-taken').waitFor();
    await page.getByTestId('act-save').click();
    await page.getByTestId('act-saved').waitFor();

    // A second one, for a programme the server does not know: the phone cannot tell.
    await page.getByTestId('act-duty').selectOption('program');
    await page.getByTestId('act-programme').fill('bansoslain');
    await page.getByTestId('act-title').fill('Sosialisasi bantuan sembako');
    await page.getByTestId('act-when').fill(daysAgo(2, '14:00'));
    await page.getByTestId('act-save').click();
    await expect.poll(() => page.getByTestId('act-item').count()).toBe(2);
    await expect(page.getByTestId('act-item-waiting').count()).resolves.toBe(2);

    // The photo waits already made small.
    const blobs = await page.evaluate(async (name) => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
      });
      const rows = await new Promise<{ blob: Blob }[]>((resolve) => {
        const r = db.transaction('blobs').objectStore('blobs').getAll();
        r.onsuccess = () => resolve(r.result as { blob: Blob }[]);
      });
      db.close();
      return rows.map((b) => ({ type: b.blob.type, size: b.blob.size }));
    }, `pilar-field-${psm.id}`);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toBe('image/jpeg');
    expect(blobs[0]!.size).toBeLessThan(photo.length);

    // Reload with no network: both are still there, still waiting.
    await page.reload();
    await expect.poll(() => page.getByTestId('act-item').count()).toBe(2);
    await expect(page.getByTestId('act-item-title').allTextContents()).resolves.toEqual([
      'Sosialisasi bantuan sembako',
      'Pendampingan lansia ke puskesmas',
    ]);
    await expect(page.getByTestId('act-item-waiting').count()).resolves.toBe(2);
    await page.screenshot({ path: '/tmp/pilar-field-activity-offline-360x640.png', fullPage: true });
    await page.goto('/lapangan');
    await expect.poll(() => pending(page)).toBe(3); // the photo and two activities

    // Signal again: the good one lands once, the other is refused and listed by its title.
    await context.setOffline(false);
    await expect.poll(() => pending(page), { timeout: 30_000 }).toBe(1);
    const failed = page.getByTestId('outbox-failed');
    await expect.poll(() => failed.count(), { timeout: 30_000 }).toBe(1);
    await expect(failed.getByTestId('failed-label').textContent()).resolves.toBe('Kegiatan: Sosialisasi bantuan sembako');
    await expect(failed.getByTestId('failed-reason').textContent()).resolves.toContain('Program tidak dikenal');
    await expect(failed.getByTestId('failed-edit').count()).resolves.toBe(0); // not the person editor
    await page.screenshot({ path: '/tmp/pilar-field-failed-activity-360x640.png', fullPage: true });

    const q = server.database.ownerQuery;
    const rows = await q(
      `SELECT a.id, a.duty, a.title, a.note, a.source, a.lat, a.lng, a.accuracy_m, f.purpose, f.content_type
         FROM psm_activity a LEFT JOIN stored_file f ON f.id = a.photo_file_id WHERE a.user_id = $1`,
      [psm.id],
    );
    expect(rows.rows).toHaveLength(1);
    const row = rows.rows[0]!;
    expect(row).toMatchObject({
      duty: 'c',
      title: 'Pendampingan lansia ke puskesmas',
      note: 'Mengantar Mbah Karto periksa tekanan darah.',
      source: 'manual',
      lat: -7.5701,
      lng: 110.8243,
      accuracy_m: 9,
      purpose: 'activity.photo',
      content_type: 'image/jpeg',
    });
    expect(String(row.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/); // the id made on the phone
    const files = await q(`SELECT count(*)::int AS n FROM stored_file WHERE created_by = $1`, [psm.id]);
    expect(files.rows[0]!.n).toBe(1);
    const applied = await q(
      `SELECT count(*)::int AS n FROM sync_mutation WHERE user_id = $1 AND entity_type = 'activity' AND entity_id = $2`,
      [psm.id, row.id],
    );
    expect(applied.rows[0]!.n).toBe(1);
    // The photo went up under the key made on the phone (a retry would get the same file back).
    const uploads = await q(`SELECT count(*)::int AS n FROM sync_mutation WHERE user_id = $1 AND entity_type = 'file'`, [psm.id]);
    expect(uploads.rows[0]!.n).toBe(1);

    // Fixed in the activity editor and sent again under a new mutation id.
    await failed.getByTestId('failed-edit-activity').click();
    await expect.poll(() => page.getByTestId('act-programme').inputValue()).toBe('bansoslain');
    await expect(page.getByTestId('act-title').inputValue()).resolves.toBe('Sosialisasi bantuan sembako');
    await page.getByTestId('act-programme').fill('pkh');
    await page.getByTestId('act-save').click();
    await page.getByTestId('act-list').waitFor();
    await page.goto('/lapangan');
    await page.getByTestId('field-sync').click();
    await waitSynced(page);
    await expect(page.getByTestId('outbox-failed').count()).resolves.toBe(0);
    const fixed = await q(
      `SELECT duty, programme_code, title, photo_file_id FROM psm_activity WHERE user_id = $1 AND title = 'Sosialisasi bantuan sembako'`,
      [psm.id],
    );
    expect(fixed.rows).toEqual([
      { duty: 'program', programme_code: 'pkh', title: 'Sosialisasi bantuan sembako', photo_file_id: null },
    ]);

    // Both now come from the server: nothing waits, the list shows them with photo and GPS marks.
    await page.getByTestId('field-activities').click();
    await expect.poll(() => page.getByTestId('act-item').count()).toBe(2);
    await expect(page.getByTestId('act-item-waiting').count()).resolves.toBe(0);
    await expect(page.getByTestId('act-item').filter({ hasText: 'Pendampingan lansia' }).textContent()).resolves.toMatch(
      /dengan foto.*dengan GPS/,
    );
    expect(errors).toEqual([]);
    await context.close();
  });
  it('lists refused writes of other kinds by what they are, with retry and discard but no editor', async () => {
    const user = await buildUser(server.database, {
      username: 'psm.ditolak',
      displayName: 'Dewi Ayu',
      grants: [{ role: 'psm', areaCode: PAJANG }],
    });
    const { context, page, errors } = await signedInPhone(browser, server.url, user);
    // Writes the server must refuse, queued as the phone's own screens queue them
    // (an incident and a distribution that do not exist).
    await page.evaluate(async (name) => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
      });
      const base = { status: 'pending', attempts: 0, nextAt: 0, error: null, sent: false, createdAt: Date.now(), op: 'create' };
      const victim = crypto.randomUUID();
      const checkin = crypto.randomUUID();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('outbox', 'readwrite');
        const store = tx.objectStore('outbox');
        store.add({
          ...base,
          kind: 'mutation',
          id: crypto.randomUUID(),
          personId: victim,
          entityType: 'disaster_victim',
          entityId: victim,
          data: {
            incidentId: crypto.randomUUID(),
            person: { id: crypto.randomUUID(), fullName: 'Budi Santoso', sex: 'L' },
            condition: 'selamat',
          },
        });
        store.add({
          ...base,
          kind: 'mutation',
          id: crypto.randomUUID(),
          personId: checkin,
          entityType: 'distribution_checkin',
          entityId: checkin,
          data: {
            eventId: crypto.randomUUID(),
            recipientId: crypto.randomUUID(),
            outcome: 'received',
            checkedAt: new Date().toISOString(),
          },
        });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, `pilar-field-${user.id}`);
    await page.reload();
    await page.getByTestId('field-sync').click();
    const failed = page.getByTestId('outbox-failed');
    await expect.poll(() => failed.count(), { timeout: 30_000 }).toBe(2);
    await expect(failed.getByTestId('failed-label').allTextContents()).resolves.toEqual([
      'Korban bencana: Budi Santoso',
      'Absensi penyaluran',
    ]);
    for (const item of await failed.all()) {
      await expect(item.getByRole('button').allTextContents()).resolves.toEqual(['Coba lagi', 'Buang']);
    }
    page.once('dialog', (d) => void d.accept());
    await failed.first().getByTestId('failed-discard').click();
    await expect.poll(() => failed.count()).toBe(1);
    await expect.poll(() => pending(page)).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
