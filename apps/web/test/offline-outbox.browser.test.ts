import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';
import { cameraPhoto, pending, registerOnPhone, signedInPhone, waitSynced } from './offline-support';

/**
 * A full outbox survives the page going away (issue 12, fault tests; issue 6): 31
 * writes made offline — registrations, edits, notes and a visit with a photo — are all
 * still queued, unchanged, after an offline reload and after the page is closed and
 * opened again; once the signal returns each reaches the server exactly once.
 */
const PAJANG = '33.72.01.1001';
const NEW = Array.from({ length: 10 }, (_, i) => `Warga Baru ${String(i + 1).padStart(2, '0')}`);
const KNOWN = Array.from({ length: 9 }, (_, i) => `Warga Lama ${String(i + 1).padStart(2, '0')}`);

let server: TestServer;
let browser: Browser;
let psm: BuiltUser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  psm = await buildUser(server.database, { username: 'psm.outbox', grants: [{ role: 'psm', areaCode: PAJANG }] });
  // Nine people already on the server, pulled by the phone at sign-in and edited offline.
  const login = await fetch(new URL('/api/v1/auth/login', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: psm.username, password: psm.password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('pilar_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const mutations = KNOWN.map((fullName) => ({
    id: crypto.randomUUID(),
    entityType: 'person',
    entityId: crypto.randomUUID(),
    op: 'create',
    data: { villageCode: PAJANG, fullName, nikMissingReason: 'belum_rekam' },
  }));
  const res = await fetch(new URL('/api/v1/sync/push', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ mutations }),
  });
  expect(res.status).toBe(200);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The queued writes as kept in IndexedDB: id, kind and what they carry. */
const queued = (page: Page) =>
  page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const rows = await new Promise<Record<string, unknown>[]>((resolve) => {
      const r = db.transaction('outbox').objectStore('outbox').getAll();
      r.onsuccess = () => resolve(r.result as Record<string, unknown>[]);
    });
    const blobs = await new Promise<number>((resolve) => {
      const r = db.transaction('blobs').objectStore('blobs').count();
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    return { items: rows.map((r) => JSON.stringify([r.id, r.kind, r.status, r.data ?? r.body ?? r.blobKey])).sort(), blobs };
  }, `pilar-field-${psm.id}`);

async function openPerson(page: Page, name: string): Promise<void> {
  await page.getByTestId('nav-field').click();
  await page.getByTestId('field-search').fill(name);
  await page.getByTestId('field-person').filter({ hasText: name }).click();
  await page.getByTestId('field-person-title').waitFor();
}

async function addNote(page: Page, note: string, photo?: Buffer): Promise<void> {
  await page.getByTestId('field-add-visit').click();
  await page.getByTestId('v-note').fill(note);
  if (photo) {
    await page.getByTestId('v-photo').setInputFiles({ name: 'IMG.png', mimeType: 'image/png', buffer: photo });
    await page.getByTestId('v-previews').locator('img').first().waitFor();
  }
  await page.getByTestId('v-save').click();
  await page.getByTestId('field-person-title').waitFor();
}

describe('a full outbox', () => {
  it('keeps 31 offline writes across a reload and a closed page, sends each exactly once, and clears the phone on sign-out', async () => {
    const { context, page: first, errors } = await signedInPhone(browser, server.url, psm);
    await context.setOffline(true);
    let page = first;

    const personIds: string[] = [];
    for (const fullName of NEW) {
      await page.getByTestId('nav-field').click();
      personIds.push(await registerOnPhone(page, { fullName, sex: 'L' }));
      await addNote(page, `Catatan untuk ${fullName}`); // the last one gets a photo below
    }
    const photo = await cameraPhoto(page);
    await openPerson(page, NEW[0]!);
    // Location refused on this phone: said plainly, and the visit is saved without it.
    await page.getByTestId('field-add-visit').click();
    await page.getByTestId('v-gps-take').click();
    await expect.poll(() => page.getByTestId('v-gps-problem').textContent()).toContain('Izin lokasi ditolak');
    await page.getByTestId('back-link').or(page.locator('.back-link')).first().click();
    await page.getByTestId('field-person-title').waitFor();
    await addNote(page, 'Kunjungan dengan foto', photo);
    for (const [i, name] of KNOWN.entries()) {
      await openPerson(page, name);
      await page.getByTestId('field-edit').click();
      await page.getByTestId('f-phone').fill(`0812000000${i}`);
      await page.getByTestId('f-save').click();
      await page.getByTestId('field-person-title').waitFor();
    }
    await page.getByTestId('nav-field').click();
    // 10 registrations + 10 notes + photo and its visit + 9 edits
    await expect.poll(() => pending(page)).toBe(31);
    const before = await queued(page);
    expect(before.items).toHaveLength(31);
    expect(before.blobs).toBe(1);

    // A reload with no network, then the page closed and opened again in the same browser.
    await page.reload();
    await expect.poll(() => pending(page)).toBe(31);
    expect(await queued(page)).toEqual(before);
    await page.close();
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/lapangan');
    await expect.poll(() => pending(page)).toBe(31);
    expect(await queued(page)).toEqual(before);

    await context.setOffline(false);
    await expect.poll(() => pending(page), { timeout: 60_000 }).toBe(0);
    await page.getByTestId('field-sync').click();
    await waitSynced(page);

    const q = server.database.ownerQuery;
    const persons = await q(
      `SELECT full_name, count(*)::int AS n FROM person WHERE full_name = ANY($1) GROUP BY full_name ORDER BY full_name`,
      [NEW],
    );
    expect(persons.rows).toEqual(NEW.map((full_name) => ({ full_name, n: 1 })));
    const visits = await q(
      `SELECT count(*)::int AS n, sum(cardinality(file_ids))::int AS files FROM visit WHERE person_id = ANY($1)`,
      [personIds],
    );
    expect(visits.rows[0]).toEqual({ n: 11, files: 1 });
    const phones = await q(`SELECT full_name, phone FROM person WHERE full_name = ANY($1) ORDER BY full_name`, [KNOWN]);
    expect(phones.rows).toEqual(KNOWN.map((full_name, i) => ({ full_name, phone: `0812000000${i}` })));
    const located = await q(`SELECT lat FROM visit WHERE note = 'Kunjungan dengan foto'`);
    expect(located.rows).toEqual([{ lat: null }]);
    const files = await q(`SELECT count(*)::int AS n FROM stored_file WHERE created_by = $1`, [psm.id]);
    expect(files.rows[0]!.n).toBe(1);
    const mutations = await q(
      `SELECT entity_type, count(*)::int AS n FROM sync_mutation WHERE user_id = $1 GROUP BY entity_type ORDER BY entity_type`,
      [psm.id],
    );
    // The nine seeded creations came from another phone of the same account (the push above).
    expect(mutations.rows).toEqual([
      { entity_type: 'file', n: 1 },
      { entity_type: 'person', n: 9 + 10 + 9 },
    ]);

    // Signing out of a shared phone: first a warning naming what is still unsent, then
    // nothing of the account stays on the phone.
    await context.setOffline(true);
    await openPerson(page, NEW[1]!);
    await addNote(page, 'Belum terkirim saat keluar');
    await page.getByTestId('nav-field').click();
    await expect.poll(() => pending(page)).toBe(1);
    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.getByTestId('field-sign-out-button').click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain('1 data yang BELUM terkirim');
    expect(await pending(page)).toBe(1); // declined: still signed in, nothing lost
    await context.setOffline(false);
    await expect.poll(() => pending(page), { timeout: 30_000 }).toBe(0);
    page.once('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await page.getByTestId('field-sign-out-button').click();
    await page.waitForURL(/\/masuk/);
    expect(dialogs[1]).toContain('Data warga di ponsel ini akan dihapus');
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(databases).not.toContain(`pilar-field-${psm.id}`);
    const notes = await q(`SELECT count(*)::int AS n FROM visit WHERE note = 'Belum terkirim saat keluar'`);
    expect(notes.rows[0]!.n).toBe(1);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('signing out from the header menu warns about unsent items, and deletes the phone store once all is sent', async () => {
    const other = await buildUser(server.database, { username: 'psm.header', grants: [{ role: 'psm', areaCode: PAJANG }] });
    const { context, page, errors } = await signedInPhone(browser, server.url, other);
    await context.setOffline(true);
    await registerOnPhone(page, { fullName: 'Warga Belum Terkirim', sex: 'P', reason: 'belum_rekam' });
    await page.getByTestId('nav-field').click();
    await expect.poll(() => pending(page)).toBe(1);

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    const warning = page.getByTestId('menu-sign-out-unsent');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('1 data lapangan belum terkirim');
    await warning.getByRole('button', { name: 'Batal, tetap masuk' }).click();
    expect(await warning.count()).toBe(0);
    expect(await page.getByTestId('user-menu-panel').count()).toBe(0);
    expect(await pending(page)).toBe(1);
    const store = `pilar-field-${other.id}`;
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain(store);

    await context.setOffline(false);
    await waitSynced(page);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/masuk/);
    await expect
      .poll(async () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
      .not.toContain(store);
    const sent = await server.database.ownerQuery(
      `SELECT count(*)::int AS n FROM person WHERE full_name = 'Warga Belum Terkirim'`,
    );
    expect(sent.rows[0].n).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
