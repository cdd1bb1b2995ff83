import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, createTestApp, type TestApp } from '../../../test/app';
import { SOLO, api, buildTeam, registerPerson, type Team } from '../programmes/test-support';

/**
 * Complaints (issue 8 §5): a public complaint is filed without an account, tracked by
 * its code, handled and closed by the Dinsos; its filer sees the outcome and nothing
 * about anyone; bots are turned away by the honeypot, the minimum fill time, the sum
 * and the per-address rate limit.
 */
const clock = new ManualClock('2026-03-02T03:00:00Z');
let t: TestApp;
let team: Team;
let call: ReturnType<typeof api>;
let ip = 0;
const CONTACT = '0812-3456-7890';
const DESCRIPTION = 'Sudah tiga bulan bantuan sembako tidak diterima padahal masih terdaftar.';

beforeAll(async () => {
  t = await createTestApp({}, { clock });
  team = await buildTeam(t.app, t.database);
  call = api(t.app);
});
afterAll(async () => t?.close());

/** Anonymous requests from their own address each (the rate limit is per address). */
const anon = (method: 'GET' | 'POST', url: string, payload?: object, from = `203.0.113.${++ip}`) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { 'x-forwarded-for': from }, ...(payload ? { payload } : {}) });

async function form() {
  const res = await anon('GET', '/public/complaints/form');
  expect(res.statusCode, res.body).toBe(200);
  const f = res.json();
  const [a, b] = (f.question.en as string).match(/\d+/g)!.map(Number) as [number, number];
  return { formToken: f.formToken as string, answer: a + b };
}

const complaint = { category: 'bantuan_tidak_diterima', villageCode: SOLO.village, programmeCode: 'sembako', description: DESCRIPTION, subjectName: 'Mbah Wiryo', filerName: 'Tini', filerContact: CONTACT };

describe('public complaint form', () => {
  it('turns bots away: honeypot, too fast, wrong sum, a replayed form, a forged token', async () => {
    const f = await form();
    const tooFast = await anon('POST', '/public/complaints', { ...complaint, ...f });
    expect(tooFast.statusCode).toBe(400);
    expect(tooFast.json().errors[0]).toMatchObject({ field: 'formToken', code: 'form.too_fast' });
    clock.advance(6_000);
    const honeypot = await anon('POST', '/public/complaints', { ...complaint, ...f, website: 'http://spam.example' });
    expect(honeypot.statusCode).toBe(400);
    expect(honeypot.json().errors[0].field).toBe('website');
    const wrong = await anon('POST', '/public/complaints', { ...complaint, ...f, answer: f.answer + 1 });
    expect(wrong.json().errors[0]).toMatchObject({ field: 'answer', code: 'form.answer' });
    const forged = await anon('POST', '/public/complaints', { ...complaint, ...f, formToken: `${f.formToken.split('.')[0]}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` });
    expect(forged.json().errors[0]).toMatchObject({ field: 'formToken', code: 'form.invalid' });
    const first = { ...complaint, description: 'Nama saya tidak ada di daftar penerima bantuan desa.', category: 'belum_terdaftar' };
    const ok = await anon('POST', '/public/complaints', { ...first, ...f });
    expect(ok.statusCode, ok.body).toBe(201);
    const replay = await anon('POST', '/public/complaints', { ...first, ...f });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().errors[0].field).toBe('formToken');
    const n = await t.database.ownerQuery(`SELECT count(*)::int AS n FROM complaint`);
    expect(n.rows[0].n).toBe(1);
  });

  it('limits filings per address', async () => {
    const from = '198.51.100.7';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await anon('POST', '/public/complaints', { ...complaint, formToken: 'x'.repeat(30), answer: 1 }, from)).statusCode);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await anon('POST', '/public/complaints', { ...complaint, formToken: 'x'.repeat(30), answer: 1 }, from);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
  });
});

describe('a public complaint from filing to closure', () => {
  let code: string;
  let otherCode: string;
  let id: string;

  it('is filed and tracked by its code, which is long, random and shows nothing personal', async () => {
    const f = await form();
    clock.advance(10_000);
    const res = await anon('POST', '/public/complaints', { ...complaint, ...f });
    expect(res.statusCode, res.body).toBe(201);
    code = res.json().trackingCode;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    const track = await anon('GET', `/public/complaints/${encodeURIComponent(code.toLowerCase().replace(/-/g, ' '))}`);
    expect(track.statusCode, track.body).toBe(200);
    expect(track.json()).toMatchObject({ category: 'bantuan_tidak_diterima', stage: 'diterima', programmeName: 'Program Sembako', outcome: null });
    for (const secret of [CONTACT, 'Tini', 'Mbah Wiryo', DESCRIPTION]) expect(track.body).not.toContain(secret);
    expect((await anon('GET', '/public/complaints/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ')).statusCode).toBe(404);
    expect((await anon('GET', '/public/complaints/not-a-code')).statusCode).toBe(404);
  });

  it('reaches the Dinsos with the filer’s contact, which a PSM does not see', async () => {
    const list = await call('GET', `/complaints?area=${SOLO.village}&stage=diterima`, team.operator);
    const c = list.body.items.find((x: { description: string; channel: string }) => x.description === DESCRIPTION && x.channel === 'publik');
    expect(c).toMatchObject({ filerContact: CONTACT, filerName: 'Tini', stage: 'diterima', overdue: false, actions: ['complaint.handle'] });
    id = c.id;
    const psmView = await call('GET', `/complaints/${id}`, team.psm);
    expect(psmView.body).toMatchObject({ filerContact: null, filerName: null, actions: [] });
    expect((await call('GET', `/complaints/${id}`, team.psmSibling)).status).toBe(404);
  });

  it('is handled stage by stage by the Dinsos (not by a PSM), needs an outcome to be resolved, and closes', async () => {
    const move = async (headers: Record<string, string>, body: Record<string, unknown>) => {
      const cur = (await call('GET', `/complaints/${id}`, team.operator)).body;
      return call('POST', `/complaints/${id}/stage`, headers, { version: cur.version, ...body });
    };
    expect((await move(team.psm, { stage: 'diverifikasi' })).status).toBe(403);
    expect((await move(team.operator, { stage: 'ditutup' })).status).toBe(409);
    expect((await move(team.operator, { stage: 'diverifikasi', publicNote: 'Data penerima sedang dicek', internalNote: 'Cek SIKS-NG: status KPM aktif' })).body.stage).toBe('diverifikasi');
    clock.advance(8 * 24 * 3_600_000);
    team = await buildTeam(t.app, t.database); // sessions idle out after 72 hours
    const late = await call('GET', `/complaints/${id}`, team.operator);
    expect(late.body.overdue).toBe(true);
    await move(team.operator, { stage: 'ditindaklanjuti', publicNote: 'Koordinasi dengan e-Warong' });
    const noOutcome = await move(team.operator, { stage: 'selesai' });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body.errors.map((e: { field: string }) => e.field)).toEqual(['outcome', 'outcomeNote']);
    const done = await move(team.operator, { stage: 'selesai', outcome: 'terselesaikan', outcomeNote: 'Bantuan bulan Januari–Maret disalurkan susulan.' });
    expect(done.body).toMatchObject({ stage: 'selesai', outcome: 'terselesaikan' });
    expect((await move(team.operator, { stage: 'ditutup' })).body).toMatchObject({ stage: 'ditutup', closedAt: expect.any(String) });
  });

  it('shows the filer the outcome and the public history, not the internal notes nor anyone else’s complaint', async () => {
    // Another complaint, filed by a PSM for a registered person.
    const person = await registerPerson(t.app, team.psm, SOLO.village, { fullName: 'Pak Sastro Lain' });
    const other = await call('POST', '/complaints', team.psm, { category: 'pbi_jk_nonaktif', villageCode: SOLO.village, personId: person.id, programmeCode: 'pbi-jk', description: 'Kartu PBI-JK tidak aktif saat berobat ke puskesmas.', filerContact: '0899-0000-1111' });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    expect(other.body).toMatchObject({ channel: 'psm', personId: person.id });
    otherCode = other.body.trackingCode;

    const mine = await anon('GET', `/public/complaints/${code}`);
    expect(mine.json()).toMatchObject({ stage: 'ditutup', outcome: 'terselesaikan', outcomeNote: 'Bantuan bulan Januari–Maret disalurkan susulan.', category: 'bantuan_tidak_diterima' });
    expect(mine.json().history.map((h: { toStage: string }) => h.toStage)).toEqual(['diterima', 'diverifikasi', 'ditindaklanjuti', 'selesai', 'ditutup']);
    expect(mine.body).not.toContain('Cek SIKS-NG');
    for (const secret of ['Pak Sastro', 'PBI-JK tidak aktif', '0899-0000-1111', person.id]) expect(mine.body).not.toContain(secret);

    const theirs = await anon('GET', `/public/complaints/${otherCode}`);
    expect(theirs.json()).toMatchObject({ category: 'pbi_jk_nonaktif', stage: 'diterima', outcome: null });
    expect(theirs.body).not.toContain('Pak Sastro');
    expect(theirs.body).not.toContain(person.id);
    // The codes themselves are stored nowhere (only their hashes).
    const stored = await t.database.ownerQuery(`SELECT count(*)::int AS n FROM complaint c WHERE to_jsonb(c)::text LIKE '%' || $1 || '%' OR to_jsonb(c)::text LIKE '%' || $2 || '%'`, [code, otherCode]);
    expect(stored.rows[0].n).toBe(0);
  });
});
