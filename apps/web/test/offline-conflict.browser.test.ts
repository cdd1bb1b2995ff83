import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';
import { pending, registerOnPhone, signedInPhone, waitSynced } from './offline-support';

/**
 * Two PSM of the same village edit the same person with no signal (issue 6,
 * DOMAIN.md §9: primeroIMS/primero#508). Different fields merge; the same field becomes a
 * visible conflict with both values and who made them, decided by a person, audited.
 */
const PAJANG = '33.72.01.1001';

let server: TestServer;
let browser: Browser;
let psmA: BuiltUser;
let psmB: BuiltUser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  psmA = await buildUser(server.database, { username: 'psm.ani', displayName: 'Ani', grants: [{ role: 'psm', areaCode: PAJANG }] });
  psmB = await buildUser(server.database, { username: 'psm.budi', displayName: 'Budi', grants: [{ role: 'psm', areaCode: PAJANG }] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function editOnPhone(page: Page, personId: string, values: Record<string, string>) {
  await page.goto(`/lapangan/warga/${personId}/ubah`);
  for (const [field, value] of Object.entries(values)) await page.getByTestId(`f-${field}`).fill(value);
  await page.getByTestId('f-save').click();
  await page.getByTestId('field-person-title').waitFor();
}

describe('conflicts', () => {
  it('merges different fields, shows a same-field clash with both values and authors, and resolves it without losing either value', async () => {
    const a = await signedInPhone(browser, server.url, psmA);
    const personId = await registerOnPhone(a.page, { fullName: 'Pak Karto', sex: 'L', address: 'Jl. Lama 1' });
    await a.page.goto('/lapangan');
    await waitSynced(a.page);
    const b = await signedInPhone(browser, server.url, psmB);
    await expect(b.page.getByTestId('field-person-name').allTextContents()).resolves.toContain('Pak Karto');

    // Both phones lose the signal and edit the same person: the address on both, another field each.
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await editOnPhone(a.page, personId, { address: 'RT 01 (versi A)', phone: '0812 1111 2222' });
    await editOnPhone(b.page, personId, { address: 'RT 02 (versi B)', rt: '005' });

    await a.context.setOffline(false);
    await a.page.goto('/lapangan');
    await waitSynced(a.page);
    await b.context.setOffline(false);
    await b.page.goto('/lapangan');
    await expect.poll(() => pending(b.page), { timeout: 30_000 }).toBe(0);

    // The server kept A's address (it arrived first) and merged both other fields.
    const row = async () => (await server.database.ownerQuery(`SELECT address, phone, rt FROM person WHERE id = $1`, [personId])).rows[0];
    expect(await row()).toEqual({ address: 'RT 01 (versi A)', phone: '0812 1111 2222', rt: '005' });

    // B's phone shows the conflict: a badge on the home screen and on the person.
    await b.page.getByTestId('field-conflicts-link').waitFor();
    await b.page.getByTestId('field-person').filter({ hasText: 'Pak Karto' }).click();
    await b.page.getByTestId('konflik-badge').click();
    const card = b.page.getByTestId('conflict');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getAttribute('data-field')).toBe('address');
    expect((await card.getByTestId('conflict-server').textContent())?.trim()).toBe('RT 01 (versi A)');
    expect((await card.getByTestId('conflict-client').textContent())?.trim()).toBe('RT 02 (versi B)');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain(psmA.username);
    expect(text).toContain(psmB.username);
    await b.page.screenshot({ path: '/tmp/pilar-field-conflict-360x640.png', fullPage: true });

    // A person decides: B's value. The conflict row keeps both values, the decision is audited.
    await card.getByTestId('keep-client').click();
    await b.page.getByTestId('no-conflicts').waitFor();
    expect(await row()).toEqual({ address: 'RT 02 (versi B)', phone: '0812 1111 2222', rt: '005' });
    const conflict = await server.database.ownerQuery(
      `SELECT field, server_value, client_value, server_by, client_by, resolution, resolved_value, resolved_by FROM sync_conflict WHERE entity_id = $1`,
      [personId],
    );
    expect(conflict.rows).toEqual([
      {
        field: 'address',
        server_value: 'RT 01 (versi A)',
        client_value: 'RT 02 (versi B)',
        server_by: psmA.username,
        client_by: psmB.username,
        resolution: 'client',
        resolved_value: 'RT 02 (versi B)',
        resolved_by: psmB.id,
      },
    ]);
    const audit = await server.database.ownerQuery(`SELECT actor_id FROM audit_event WHERE action = 'sync.conflict_resolved' AND entity_id = $1`, [personId]);
    expect(audit.rows).toEqual([{ actor_id: psmB.id }]);

    // Both phones end with the decided value; A never saw its value silently replaced.
    await b.page.goto(`/lapangan/warga/${personId}`);
    await expect.poll(() => b.page.getByTestId('fact-address').textContent(), { timeout: 15_000 }).toContain('RT 02 (versi B)');
    await a.page.getByTestId('field-sync').click();
    await a.page.goto(`/lapangan/warga/${personId}`);
    await expect.poll(() => a.page.getByTestId('fact-address').textContent(), { timeout: 15_000 }).toContain('RT 02 (versi B)');
    await expect.poll(() => a.page.getByTestId('fact-rt').textContent(), { timeout: 15_000 }).toContain('005');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
