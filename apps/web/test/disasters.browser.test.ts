import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as incidents from '../../server/src/modules/disasters/incidents.service';
import type { Actor } from '../../server/src/platform/access/actor';
import { as, syntheticNik } from '../../server/test/actors';
import { buildUser, type BuiltUser } from '../../server/test/factories';
import { buildPerson } from '../../server/test/factories.people';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';
import { pending, signedInPhone, waitSynced } from './offline-support';

/**
 * Disaster response (issue 9) in the browser, against the real server:
 * 1. a responder PSM on a 360×640 phone registers victims of a flood offline (one of them
 *    an existing resident found by the phone's duplicate hint), keeps them across an
 *    offline reload and syncs; the Dinsos dashboard then counts each exactly once;
 * 2. a Dinsos officer declares an incident on a phone, records a rapid assessment, a
 *    victim, stock received, an issue beyond stock (refused next to the quantity, nothing
 *    written), an issue within stock, and a sitrep with the figures and no personal data;
 * 3. a responder records an assessment with the phone's GPS: the incident map shows that
 *    village as one marker with its figures and lists the village without a point; a phone
 *    that refuses the location says so and still saves.
 */
const PAJANG = '33.72.01.1001';
const SIBLING = '33.72.01.1002';
const SUKOHARJO = '33.11.01.2001';
const desktop = { viewport: { width: 1280, height: 800 } };
const phoneViewport = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

let server: TestServer;
let browser: Browser;
let psm: BuiltUser;
let dinsos: BuiltUser;
let existing: { id: string; fullName: string };

const actorOf = (u: BuiltUser): Actor => ({ kind: 'user', userId: u.id, username: u.username, grants: u.grants });
const q = (sql: string, params: unknown[] = []) => server.database.ownerQuery(sql, params);
const areaName = async (code: string) => (await q(`SELECT name FROM area WHERE code = $1`, [code])).rows[0]!.name as string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  psm = await buildUser(server.database, {
    username: 'psm.banjir',
    displayName: 'Sri Rahayu',
    grants: [{ role: 'psm', areaCode: PAJANG }],
  });
  dinsos = await buildUser(server.database, {
    username: 'dinsos.solo',
    displayName: 'Bambang Dinsos',
    grants: [{ role: 'dinsos_kab', areaCode: '33.72' }],
  });
  // A resident registered long before the flood: the phone must offer her, not a second record.
  existing = await buildPerson(server.database, actorOf(psm), {
    villageCode: PAJANG,
    fullName: 'Sukarni Wibowo',
    birthDate: '1958-04-02',
    sex: 'P',
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signInAt(page: Page, next: string, user: BuiltUser) {
  await page.goto(`/masuk?next=${encodeURIComponent(next)}`);
  await page.getByTestId('username').fill(user.username);
  await page.getByTestId('password').fill(user.password);
  await page.getByTestId('sign-in').click();
}

/** Fills the phone's short victim form with a new person and saves it to the outbox. */
async function registerNewVictimOnPhone(
  page: Page,
  v: { fullName: string; sex: 'L' | 'P'; place: string; needs: string[]; elderlyCase?: string },
) {
  await page.getByTestId('field-victim-new').click();
  await page.getByTestId('in-fullName').fill(v.fullName);
  await page.getByTestId(`in-sex-${v.sex}`).check();
  await page.getByTestId('in-displacementPlace').fill(v.place);
  for (const n of v.needs) await page.getByTestId(`needs-${n}`).check();
  if (v.elderlyCase) {
    await page.getByTestId('vuln-lansia').check();
    await page.getByTestId('in-openCase').check();
    await page.getByTestId('in-caseNeed').fill(v.elderlyCase);
  }
  await page.getByTestId('field-victim-save').click();
  await page.getByTestId('field-incident-title').waitFor();
}

describe('disaster response screens', () => {
  it('registers victims offline on a phone, survives an offline reload, syncs, and the dashboard counts each once', async () => {
    const incident = await as(server.database, actorOf(dinsos), (ctx) =>
      incidents.createIncident(ctx, {
        kind: 'bencana_alam',
        hazard: 'banjir',
        title: 'Banjir Kali Jenes',
        startedAt: '2026-03-01T20:00:00+07:00',
        villageCodes: [PAJANG, SIBLING],
      }),
    );

    // Online once: the pull brings the incident (and the residents) to the phone.
    const { context, page, errors } = await signedInPhone(browser, server.url, psm);
    await page.getByTestId('field-incident').filter({ hasText: 'Banjir Kali Jenes' }).waitFor();
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('field-online').getAttribute('data-online')).toBe('false');

    await page.getByTestId('field-incident').filter({ hasText: 'Banjir Kali Jenes' }).click();
    await expect(page.getByTestId('field-incident-title').textContent()).resolves.toBe('Banjir Kali Jenes');
    await registerNewVictimOnPhone(page, {
      fullName: 'Sutarmi Rahayu',
      sex: 'P',
      place: 'Balai Desa',
      needs: ['pangan', 'hunian'],
    });
    await registerNewVictimOnPhone(page, {
      fullName: 'Slamet Riyadi',
      sex: 'L',
      place: 'Masjid Al-Huda',
      needs: ['pangan', 'kesehatan'],
      elderlyCase: 'Lansia sendirian, butuh pendampingan dan obat rutin',
    });

    // The third is the existing resident: typing her name offers her, and choosing her links the record.
    await page.getByTestId('field-victim-new').click();
    await page.getByTestId('in-fullName').fill('Sukarni');
    await expect.poll(() => page.getByTestId('field-victim-hint').allTextContents()).toEqual(['Sukarni Wibowo']);
    await page.getByTestId('field-victim-hint-choose').click();
    await expect(page.getByTestId('field-victim-chosen').textContent()).resolves.toContain('Sukarni Wibowo');
    await page.getByTestId('in-displacement').selectOption('rumah_kerabat');
    await page.getByTestId('needs-pangan').check();
    await page.getByTestId('field-victim-save').click();
    await page.getByTestId('field-incident-title').waitFor();
    await expect
      .poll(() => page.getByTestId('field-victim-name').allTextContents())
      .toEqual(['Slamet Riyadi', 'Sukarni Wibowo', 'Sutarmi Rahayu']);
    await page.screenshot({ path: '/tmp/pilar-disaster-victims-offline-360x640.png', fullPage: true });

    // Reload with no network: the three registrations are still queued on the phone.
    await page.reload();
    await expect
      .poll(() => page.getByTestId('field-victim-name').allTextContents())
      .toEqual(['Slamet Riyadi', 'Sukarni Wibowo', 'Sutarmi Rahayu']);
    await page.goto('/lapangan');
    await expect.poll(() => pending(page)).toBe(3);

    // Signal again: the phone sends them by itself, each exactly once.
    await context.setOffline(false);
    await expect.poll(() => pending(page), { timeout: 30_000 }).toBe(0);
    await page.getByTestId('field-sync').click();
    await waitSynced(page);
    await page.getByTestId('field-incident').filter({ hasText: 'Banjir Kali Jenes' }).click();
    await expect
      .poll(() => page.getByTestId('field-victim-name').allTextContents())
      .toEqual(['Slamet Riyadi', 'Sukarni Wibowo', 'Sutarmi Rahayu']);
    expect(errors).toEqual([]);
    await context.close();

    const rows = await q(
      `SELECT p.full_name, dv.displacement, dv.displacement_place, dv.needs, dv.ppks_code, dv.case_id IS NOT NULL AS has_case, dv.registered_by
       FROM disaster_victim dv JOIN person p ON p.id = dv.person_id WHERE dv.incident_id = $1 ORDER BY p.full_name`,
      [incident.id],
    );
    expect(rows.rows).toEqual([
      {
        full_name: 'Slamet Riyadi',
        displacement: 'posko',
        displacement_place: 'Masjid Al-Huda',
        needs: ['pangan', 'kesehatan'],
        ppks_code: 21,
        has_case: true,
        registered_by: psm.id,
      },
      {
        full_name: 'Sukarni Wibowo',
        displacement: 'rumah_kerabat',
        displacement_place: null,
        needs: ['pangan'],
        ppks_code: 21,
        has_case: false,
        registered_by: psm.id,
      },
      {
        full_name: 'Sutarmi Rahayu',
        displacement: 'posko',
        displacement_place: 'Balai Desa',
        needs: ['pangan', 'hunian'],
        ppks_code: 21,
        has_case: false,
        registered_by: psm.id,
      },
    ]);
    // The existing resident was reused, not registered twice.
    expect((await q(`SELECT count(*)::int AS n FROM person WHERE full_name = 'Sukarni Wibowo'`)).rows[0]!.n).toBe(1);
    expect(
      (await q(`SELECT person_id FROM disaster_victim WHERE incident_id = $1 AND person_id = $2`, [incident.id, existing.id]))
        .rows,
    ).toHaveLength(1);
    expect(
      (await q(`SELECT count(*)::int AS n FROM sync_mutation WHERE entity_type = 'disaster_victim' AND user_id = $1`, [psm.id]))
        .rows[0]!.n,
    ).toBe(3);

    // The Dinsos officer, on a desktop, sees the three on the incident dashboard, once each.
    const office = await browser.newContext({ ...desktop, baseURL: server.url });
    const dash = await office.newPage();
    await signInAt(dash, `/bencana/${incident.id}`, dinsos);
    await expect.poll(() => dash.getByTestId('figure-victims').getAttribute('data-value')).toBe('3');
    await expect(
      dash.locator(`[data-testid="village-row"][data-code="${PAJANG}"] [data-col="victims"]`).textContent(),
    ).resolves.toBe('3');
    await expect(
      dash.locator(`[data-testid="village-row"][data-code="${PAJANG}"] [data-col="vulnerable"]`).textContent(),
    ).resolves.toBe('1');
    await expect(
      dash.locator(`[data-testid="village-row"][data-code="${SIBLING}"] [data-col="victims"]`).textContent(),
    ).resolves.toBe('0');
    await dash.getByTestId('tab-korban').click();
    await expect
      .poll(() => dash.getByTestId('victim-name').allTextContents())
      .toEqual(expect.arrayContaining(['Slamet Riyadi', 'Sukarni Wibowo', 'Sutarmi Rahayu']));
    expect((await dash.getByTestId('victim-name').allTextContents()).sort()).toEqual([
      'Slamet Riyadi',
      'Sukarni Wibowo',
      'Sutarmi Rahayu',
    ]);
    await dash.screenshot({ path: '/tmp/pilar-disaster-victims-1280x800.png', fullPage: true });
    await office.close();
  });

  it('declares an incident on a phone, assesses, registers, refuses aid beyond stock, issues within it, and writes a sitrep without personal data', async () => {
    const context = await browser.newContext({ ...phoneViewport, baseURL: server.url });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInAt(page, '/bencana/baru', dinsos);

    // The quick form: kind and hazard preset, a title, two villages across two regencies.
    await page.getByTestId('in-title').fill('Banjir Bengawan Solo Uji');
    for (const code of [SIBLING, SUKOHARJO]) {
      await page
        .getByTestId('village-picker')
        .getByTestId('area-input')
        .fill(await areaName(code));
      await page.getByTestId('village-picker').locator(`[data-testid="area-option"][data-code="${code}"]`).click();
    }
    await expect(
      page.locator('.picked-village').evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))),
    ).resolves.toEqual([SIBLING, SUKOHARJO]);
    await page.screenshot({ path: '/tmp/pilar-incident-new-360x640.png', fullPage: true });
    await page.getByTestId('incident-save').click();
    await page.getByTestId('incident-page').waitFor();
    const incidentId = (await page.getByTestId('incident-page').getAttribute('data-id'))!;
    const stored = await q(
      `SELECT i.status, i.lead_office_code, array_agg(a.village_code ORDER BY a.village_code) AS villages FROM incident i JOIN incident_area a ON a.incident_id = i.id WHERE i.id = $1 GROUP BY i.id`,
      [incidentId],
    );
    expect(stored.rows).toEqual([{ status: 'emergency', lead_office_code: '33.72', villages: [SUKOHARJO, SIBLING] }]);
    await expect(page.getByTestId('incident-status').first().getAttribute('data-status')).resolves.toBe('emergency');

    // Rapid needs assessment of the first village.
    await page.getByTestId('tab-asesmen').click();
    await page.getByTestId('assessment-add').click();
    await page.getByTestId('in-villageCode').selectOption(SIBLING);
    for (const [k, v] of [
      ['affected', '120'],
      ['displaced', '45'],
      ['injured', '3'],
      ['dead', '1'],
      ['missing', '2'],
      ['housesBerat', '7'],
    ] as const) {
      await page.getByTestId(`in-${k}`).fill(v);
    }
    await page.getByTestId('need-pangan').selectOption('tinggi');
    await page.getByTestId('assessment-save').click();
    await page.getByTestId('assessment-saved').waitFor();
    await expect
      .poll(() =>
        page.locator(`[data-testid="assessment-village"][data-code="${SIBLING}"] [data-testid="a-affected"]`).textContent(),
      )
      .toBe('120');

    // A victim registered online, with a NIK and a phone that must never reach the sitrep.
    const nik = syntheticNik('33.72.01', '1984-09-09', 'P', 321);
    await page.getByTestId('tab-korban').click();
    await page.getByTestId('victim-register').click();
    await page.getByTestId('in-fullName').fill('Warsini Hartono');
    await page.getByTestId('in-personVillage').selectOption(SIBLING);
    await page.getByTestId('in-sex-P').check();
    await page.getByTestId('in-nik').fill(nik);
    await page.getByTestId('in-phone').fill('0812-7777-1234');
    await page.getByTestId('needs-pangan').check();
    await page.getByTestId('victim-save').click();
    await page.getByTestId('victim-saved').waitFor();
    await expect.poll(() => page.getByTestId('victim-name').allTextContents()).toEqual(['Warsini Hartono']);

    // Logistics: a post and an item, 50 kg of rice received.
    await page.getByTestId('tab-logistik').click();
    await page.getByTestId('in-postName').fill('Posko Balai Kelurahan');
    await page.getByTestId('post-save').click();
    await page.getByTestId('in-itemName').fill('Beras');
    await page.getByTestId('in-unit').fill('kg');
    await page.getByTestId('in-threshold').fill('10');
    await page.getByTestId('item-save').click();
    await page.getByTestId('receive-form').waitFor();
    await page.getByTestId('receive-form').getByTestId('in-donor').fill('BAZNAS Kota Surakarta');
    await page.getByTestId('receive-form').getByTestId('in-quantity').fill('50');
    await page.getByTestId('receive-form-save').click();
    await expect.poll(() => page.getByTestId('receive-form-done').textContent()).toContain('50');
    await expect.poll(() => page.getByTestId('balance-value').first().getAttribute('data-value')).toBe('50');

    // 80 kg is more than the post holds: the server's message stands next to the quantity; nothing is written.
    const issue = page.getByTestId('issue-form');
    await issue.getByTestId('in-quantity').fill('80');
    await page.getByTestId('issue-form-save').click();
    const message = issue.locator('[data-testid="field-error"][data-for="quantity"]');
    await expect.poll(() => message.textContent()).toMatch(/stok|Stok/);
    expect(await message.textContent()).toContain('50');
    await page.screenshot({ path: '/tmp/pilar-aid-beyond-stock-360x640.png', fullPage: true });
    expect(
      (await q(`SELECT count(*)::int AS n FROM stock_movement WHERE incident_id = $1 AND kind = 'issued'`, [incidentId])).rows[0]!
        .n,
    ).toBe(0);

    // 45 kg to the victim: accepted, 5 kg left, below the threshold of 10.
    await issue.getByTestId('in-quantity').fill('45');
    await page.getByTestId('issue-form-save').click();
    await expect.poll(() => page.getByTestId('issue-form-done').textContent()).toContain('5');
    await expect.poll(() => page.getByTestId('balance-value').first().getAttribute('data-value')).toBe('5');
    await page.getByTestId('low-stock').waitFor();
    const moves = await q(
      `SELECT kind, quantity::float AS quantity, victim_id IS NOT NULL AS to_victim FROM stock_movement WHERE incident_id = $1 ORDER BY kind DESC`,
      [incidentId],
    );
    expect(moves.rows).toEqual([
      { kind: 'received', quantity: 50, to_victim: false },
      { kind: 'issued', quantity: 45, to_victim: true },
    ]);

    // The sitrep: the figures of the records, ready to paste, without the victim's name, NIK or phone.
    await page.getByTestId('tab-sitrep').click();
    await page.getByTestId('sitrep-generate').click();
    const text = (await page.getByTestId('sitrep-text').textContent())!;
    expect(text).toContain('*Banjir Bengawan Solo Uji*');
    expect(text).toContain('Terdampak: 120 jiwa');
    expect(text).toContain('Mengungsi: 45 jiwa');
    expect(text).toContain('Terdata: 1 jiwa');
    expect(text).toContain('Kebutuhan dasar terpenuhi: 1 dari 1');
    expect(text).toContain('Beras: 50 / 45 / 5 kg ⚠ stok menipis');
    for (const secret of ['Warsini', 'Hartono', nik, nik.slice(0, 6), '0812', '7777-1234']) expect(text).not.toContain(secret);
    await page.getByTestId('sitrep-copy').waitFor();
    const pdf = await page.getByTestId('sitrep-pdf').getAttribute('href');
    expect(pdf).toMatch(new RegExp(`^/api/v1/incidents/${incidentId}/sitreps/[0-9a-f-]{36}/pdf$`));
    const res = await page.request.get(pdf!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    await page.screenshot({ path: '/tmp/pilar-sitrep-360x640.png', fullPage: true });

    // Status: emergency → recovery.
    await page.getByTestId('tab-ringkasan').click();
    await page.getByTestId('village-table').waitFor();
    // The wide village table scrolls in its own box: the phone page never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.getByTestId('status-recovery').click();
    await expect.poll(() => page.getByTestId('incident-status').first().getAttribute('data-status')).toBe('recovery');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('places a village assessed with GPS on the incident map and lists the village without a point', async () => {
    const incident = await as(server.database, actorOf(dinsos), (ctx) =>
      incidents.createIncident(ctx, {
        kind: 'bencana_alam',
        hazard: 'tanah_longsor',
        title: 'Longsor Uji Peta',
        startedAt: '2026-03-01T20:00:00+07:00',
        villageCodes: [PAJANG, SIBLING],
      }),
    );
    const [pajang, sibling] = [await areaName(PAJANG), await areaName(SIBLING)];

    // A phone that lets the app read its position.
    const context = await browser.newContext({
      ...phoneViewport,
      baseURL: server.url,
      permissions: ['geolocation'],
      geolocation: { latitude: -7.5667, longitude: 110.7923, accuracy: 12 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInAt(page, `/bencana/${incident.id}`, dinsos);
    await page.getByTestId('incident-page').waitFor();

    // Before any GPS: no marker, both villages listed as without a point.
    await page.getByTestId('incident-map-empty').waitFor();
    await expect(page.getByTestId('incident-map-unplaced').textContent()).resolves.toContain(pajang);

    await page.getByTestId('tab-asesmen').click();
    await page.getByTestId('assessment-add').click();
    await page.getByTestId('in-villageCode').selectOption(PAJANG);
    for (const [k, v] of [
      ['affected', '64'],
      ['displaced', '21'],
      ['injured', '0'],
      ['dead', '0'],
      ['missing', '0'],
    ] as const) {
      await page.getByTestId(`in-${k}`).fill(v);
    }
    await page.getByTestId('assessment-locate').click();
    const gps = page.locator('[data-testid="assessment-gps"][data-state="located"]');
    await expect.poll(() => gps.textContent()).toContain('-7.56670, 110.79230 (± 12 m)');
    await page.screenshot({ path: '/tmp/pilar-assessment-gps-360x640.png', fullPage: true });
    await page.getByTestId('assessment-save').click();
    await page.getByTestId('assessment-saved').waitFor();
    const rows = await q(`SELECT village_code, lat, lng, accuracy_m FROM incident_assessment WHERE incident_id = $1`, [
      incident.id,
    ]);
    expect(rows.rows).toEqual([{ village_code: PAJANG, lat: -7.5667, lng: 110.7923, accuracy_m: 12 }]);
    await expect
      .poll(() => page.locator(`[data-testid="assessment-village"][data-code="${PAJANG}"] [data-testid="a-gps"]`).textContent())
      .toContain('GPS -7.56670, 110.79230');

    // The dashboard: one marker (Pajang, with its figures); the other village is listed without a point.
    await page.getByTestId('tab-ringkasan').click();
    const map = page.getByTestId('incident-map');
    await expect.poll(() => map.getAttribute('data-markers')).toBe('1');
    await expect(map.getAttribute('data-tiles')).resolves.toBe('no');
    await expect.poll(() => map.locator('path.incident-marker').count()).toBe(1);
    const markerLabel = map.locator('.incident-marker-label');
    await expect.poll(() => markerLabel.textContent()).toBe(`${pajang}: 64 terdampak, 21 mengungsi, 0 korban terdata`);
    await expect(page.locator(`[data-testid="incident-map-point"][data-code="${PAJANG}"]`).textContent()).resolves.toContain(
      pajang,
    );
    const unplaced = (await page.getByTestId('incident-map-unplaced').textContent())!;
    expect(unplaced).toContain(sibling);
    expect(unplaced).not.toContain(pajang);
    // The map fits the phone: the page never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/pilar-incident-map-360x640.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();

    // A phone that refuses the location: a clear message, and the assessment is saved without a point.
    const refusing = await browser.newContext({ ...phoneViewport, baseURL: server.url });
    const p2 = await refusing.newPage();
    await signInAt(p2, `/bencana/${incident.id}`, dinsos);
    await p2.getByTestId('tab-asesmen').click();
    await p2.getByTestId('assessment-add').click();
    await p2.getByTestId('in-villageCode').selectOption(SIBLING);
    await p2.getByTestId('in-affected').fill('9');
    await p2.getByTestId('assessment-locate').click();
    await expect
      .poll(() => p2.locator('[data-testid="assessment-gps"][data-state="unavailable"]').textContent())
      .toContain('izin lokasi ditolak');
    await p2.getByTestId('assessment-save').click();
    await p2.getByTestId('assessment-saved').waitFor();
    await p2.getByTestId('tab-ringkasan').click();
    await expect.poll(() => p2.getByTestId('incident-map').getAttribute('data-markers')).toBe('1');
    await expect(p2.getByTestId('incident-map-unplaced').textContent()).resolves.toContain(sibling);
    await refusing.close();
  });
});
