import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { programmeRollupTruthSql, PROGRAMME_ROLLUPS } from '../programmes/rollups';
import { PNG, SOLO, api, buildTeam, registerPerson, upload, type Team } from '../programmes/test-support';

/**
 * Distributions (issue 8 §4): a frozen list of expected recipients, field check-ins by
 * NIK, QR token or list row — online and offline through /sync/push, applied exactly
 * once — and the discrepancy report on a known data set.
 */
let t: TestApp;
let team: Team;
let call: ReturnType<typeof api>;
const v1: { id: string; nik: string }[] = [];
const v2: { id: string; nik: string }[] = [];
let eventId: string;

async function member(headers: Record<string, string>, personId: string, status = 'aktif') {
  const res = await call('POST', '/programme-memberships', headers, { programmeCode: 'sembako', personId, status, source: 'dtsen', infoDate: '2026-01-15', decile: 2, kks: '6013011234567890' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  t = await createTestApp();
  team = await buildTeam(t.app, t.database);
  call = api(t.app);
  for (let i = 0; i < 5; i++) v1.push(await registerPerson(t.app, team.psm, SOLO.village));
  for (let i = 0; i < 2; i++) v2.push(await registerPerson(t.app, team.psmSibling, SOLO.sibling));
  for (const p of v1) await member(team.psm, p.id);
  for (const p of v2) await member(team.psmSibling, p.id);
  // Suspended members are not expected.
  const suspended = await registerPerson(t.app, team.psm, SOLO.village);
  await member(team.psm, suspended.id, 'ditangguhkan');
});
afterAll(async () => t?.close());

describe('programme memberships', () => {
  it('keeps the KKS number protected: masked in reads, revealed only with a reason (audited)', async () => {
    const list = await call('GET', `/programme-memberships?personId=${v1[0]!.id}`, team.psm);
    expect(list.body.items[0]).toMatchObject({ programmeCode: 'sembako', status: 'aktif', decile: 2, kksMasked: '6013********7890' });
    expect(JSON.stringify(list.body)).not.toContain('6013011234567890');
    const id = list.body.items[0].id;
    const revealed = await call('POST', `/programme-memberships/${id}/reveal-kks`, team.psm, { reason: 'Pencocokan kartu KKS saat penyaluran' });
    expect(revealed.body).toEqual({ kks: '6013011234567890' });
    const a = await t.database.ownerQuery(`SELECT purpose FROM audit_event WHERE action = 'programme.kks_revealed' AND entity_id = $1`, [id]);
    expect(a.rows[0].purpose).toBe('Pencocokan kartu KKS saat penyaluran');
    // Another village's PSM cannot see it; a second current membership is refused.
    expect((await call('GET', `/programme-memberships/${id}`, team.psmSibling)).status).toBe(404);
    expect((await call('POST', '/programme-memberships', team.psm, { programmeCode: 'sembako', personId: v1[0]!.id, status: 'aktif', source: 'psm', infoDate: '2026-02-01' })).status).toBe(409);
  });
});

describe('distribution with a frozen list and check-ins', () => {
  it('is created by the Dinsos for a district, freezing the active members as expected recipients', async () => {
    expect((await call('POST', '/distributions', team.psm, { programmeCode: 'sembako', areaCode: SOLO.district, place: 'Kantor Pos Laweyan', heldOn: '2026-03-20' })).status).toBe(403);
    const res = await call('POST', '/distributions', team.operator, { programmeCode: 'sembako', areaCode: SOLO.district, place: 'Kantor Pos Laweyan', heldOn: '2026-03-20', periodLabel: 'Tahap 1 2026' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ expectedCount: 7, status: 'open', actions: ['distribution.manage', 'distribution.checkin'] });
    eventId = res.body.id;
    // A membership added later does not change the frozen list.
    const late = await registerPerson(t.app, team.psm, SOLO.village);
    await member(team.psm, late.id);
    expect((await call('GET', `/distributions/${eventId}/recipients`, team.operator)).body.items).toHaveLength(7);
  });

  it('shows a PSM only the recipients of their village, without QR tokens', async () => {
    const mine = await call('GET', `/distributions/${eventId}/recipients`, team.psm);
    expect(mine.body.items).toHaveLength(5);
    expect(mine.body.items.every((r: { qrToken: string | null; villageCode: string }) => r.qrToken === null && r.villageCode === SOLO.village)).toBe(true);
    expect(mine.body.items.every((r: { nikMasked: string }) => /^\d{4}\*{8}\d{4}$/.test(r.nikMasked))).toBe(true);
  });

  it('checks in by NIK, by QR token and by list row; refuses a second check-in and a recipient of another village', async () => {
    const all = (await call('GET', `/distributions/${eventId}/recipients`, team.operator)).body.items as { id: string; personId: string; qrToken: string }[];
    const rec = (p: { id: string }) => all.find((r) => r.personId === p.id)!;
    const byNik = await call('POST', '/distribution-checkins', team.psm, { eventId, nik: v1[0]!.nik, outcome: 'received' });
    expect(byNik.status, JSON.stringify(byNik.body)).toBe(201);
    expect(byNik.body).toMatchObject({ method: 'nik', outcome: 'received', recipientId: rec(v1[0]!).id });

    const proof = await upload(t.app, team.psm, `/api/v1/distributions/${eventId}/recipients/${rec(v1[1]!).id}/proof`, PNG);
    expect(proof.statusCode, proof.body).toBe(201);
    const noName = await call('POST', '/distribution-checkins', team.psm, { eventId, qrToken: rec(v1[1]!).qrToken, outcome: 'represented' });
    expect(noName.status).toBe(400);
    expect(noName.body.errors[0].field).toBe('representativeName');
    const byQr = await call('POST', '/distribution-checkins', team.psm, { eventId, qrToken: rec(v1[1]!).qrToken, outcome: 'represented', representativeName: 'Siti (anak)', representativeRelation: 'anak', proofFileId: proof.json().id });
    expect(byQr.body).toMatchObject({ method: 'qr', outcome: 'represented', representativeName: 'Siti (anak)', proofFileId: proof.json().id });

    const absent = await call('POST', '/distribution-checkins', team.psm, { eventId, recipientId: rec(v1[2]!).id, outcome: 'absent', note: 'Sedang dirawat di RS' });
    expect(absent.body).toMatchObject({ method: 'list', outcome: 'absent' });

    const again = await call('POST', '/distribution-checkins', team.psm, { eventId, nik: v1[0]!.nik, outcome: 'received' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_checked_in');
    expect((await call('POST', '/distribution-checkins', team.psm, { eventId, nik: v2[0]!.nik, outcome: 'received' })).status).toBe(404);
    expect((await call('POST', '/distribution-checkins', team.psmSibling, { eventId, nik: v2[0]!.nik, outcome: 'received' })).status).toBe(201);
  });

  it('applies an offline check-in pushed through /sync/push exactly once, however often it is replayed', async () => {
    const mine = (await call('GET', `/distributions/${eventId}/recipients`, team.psm)).body.items as { id: string; personId: string }[];
    const target = mine.find((r) => r.personId === v1[3]!.id)!;
    const checkinId = uuidv7();
    const m = { id: uuidv7(), entityType: 'distribution_checkin', entityId: checkinId, op: 'create', data: { eventId, nik: v1[3]!.nik, outcome: 'received', checkedAt: '2026-03-20T02:15:00+07:00' } };
    const push = (mutations: unknown[]) => call('POST', '/sync/push', team.psm, { mutations });
    const first = await push([m]);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.results[0]).toMatchObject({ status: 'applied', entityId: checkinId, version: 1 });
    const replay = await push([m]);
    expect(replay.body.results).toEqual(first.body.results);
    const rows = await t.database.ownerQuery(`SELECT recipient_id, checked_at FROM distribution_checkin WHERE recipient_id = $1`, [target.id]);
    expect(rows.rows).toHaveLength(1);
    expect(new Date(rows.rows[0].checked_at).toISOString()).toBe('2026-03-19T19:15:00.000Z');
    // The same recipient queued twice on the phone: the second is refused, with the reason.
    const twice = await push([{ ...m, id: uuidv7(), entityId: uuidv7() }]);
    expect(twice.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'already_checked_in' } });
    // The check-in comes back to the device on pull.
    const pulled = await call('GET', '/sync/pull?limit=500', team.psm);
    expect(pulled.body.items.some((i: { type: string; id: string }) => i.type === 'distribution_checkin' && i.id === checkinId)).toBe(true);
    // And a correction made offline syncs as an update.
    const fix = await push([{ id: uuidv7(), entityType: 'distribution_checkin', entityId: checkinId, op: 'update', baseVersion: 1, data: { note: 'Kartu KKS rusak, dicatat manual' } }]);
    expect(fix.body.results[0]).toMatchObject({ status: 'applied', version: 2 });
  });

  it('reports expected vs received per event and per area on this known data set, and keeps the rollup equal to the raw rows', async () => {
    const report = await call('GET', `/distributions/${eventId}/report`, team.operator);
    expect(report.body.totals).toEqual({ expected: 7, received: 3, represented: 1, absent: 1, notCheckedIn: 2, gap: 3 });
    expect(report.body.byVillage).toEqual([
      { villageCode: SOLO.village, villageName: expect.any(String), expected: 5, received: 2, represented: 1, absent: 1, notCheckedIn: 1, gap: 2 },
      { villageCode: SOLO.sibling, villageName: expect.any(String), expected: 2, received: 1, represented: 0, absent: 0, notCheckedIn: 1, gap: 1 },
    ]);
    expect(report.body.missing.map((m: { outcome: string | null }) => m.outcome).sort()).toEqual(['absent', null, null]);
    // A PSM's report covers their village only.
    expect((await call('GET', `/distributions/${eventId}/report`, team.psm)).body.totals).toMatchObject({ expected: 5, gap: 2 });

    const area = await call('GET', `/distribution-figures?area=${SOLO.regency}&programme=sembako`, team.operator);
    expect(area.body.totals).toEqual({ expected: 7, received: 3, represented: 1, absent: 1, gap: 3 });
    expect(area.body.byVillage.map((v: { villageCode: string; gap: number }) => [v.villageCode, v.gap])).toEqual([[SOLO.village, 2], [SOLO.sibling, 1]]);

    for (const kind of ['distribution', 'membership'] as const) {
      const d = PROGRAMME_ROLLUPS[kind];
      const cols = [...d.key, ...d.measures].join(', ');
      const rollup = await t.database.ownerQuery(`SELECT ${cols} FROM ${d.table} WHERE ${d.measures[0]} <> 0 ORDER BY ${cols}`);
      const truth = await t.database.ownerQuery(`SELECT * FROM (${programmeRollupTruthSql(kind)}) x ORDER BY ${cols}`);
      expect(rollup.rows, kind).toEqual(truth.rows);
    }
    const figures = await call('GET', `/programme-figures?area=${SOLO.regency}`, team.operator);
    expect(figures.body.distributions).toEqual([{ programmeCode: 'sembako', month: '2026-03', expected: 7, received: 3, represented: 1, absent: 1 }]);
    expect(figures.body.memberships).toEqual(expect.arrayContaining([{ programmeCode: 'sembako', status: 'aktif', n: 8 }, { programmeCode: 'sembako', status: 'ditangguhkan', n: 1 }]));
  });

  it('refuses check-ins once the distribution is closed', async () => {
    expect((await call('POST', `/distributions/${eventId}/close`, team.psm)).status).toBe(403);
    expect((await call('POST', `/distributions/${eventId}/close`, team.operator)).body.status).toBe('closed');
    const late = await call('POST', '/distribution-checkins', team.psm, { eventId, nik: v1[4]!.nik, outcome: 'received' });
    expect(late.status).toBe(409);
  });
});
