import { ROLE_PERMISSIONS, ROLES } from '@pilar/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWith, as } from '../../../test/actors';
import { createTestApp, ManualClock, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';
import { buildCase, buildPerson, errorOf, SOLO } from '../../../test/factories.people';
import * as people from '../people/people.service';
import { recordConsent } from '../people/consent.service';
import { sweepDeadlines } from './deadlines.service';
import { fulfilRequest } from './fulfil.service';
import { recordIdentityCheck, registerRequest } from './requests.service';
import { placeHold } from './retention.service';
import { subjectExport } from './subject-export';

const HOUR = 3_600_000;
let t: TestApp;
const clock = new ManualClock('2026-03-02T01:00:00Z');
const psm = actorWith(['psm', SOLO.village]);
const dpo = actorWith(['dinsos_kab_head', SOLO.regency]);
const operator = actorWith(['dinsos_kab', SOLO.regency]);
const run = <T>(actor: typeof psm, fn: Parameters<typeof as<T>>[2]) => as(t.database, actor, fn, clock);

beforeAll(async () => {
  t = await createTestApp({}, { clock });
});
afterAll(async () => t?.close());

async function verifiedRequest(personId: string, kind: 'access' | 'deletion' | 'restriction') {
  const r = await run(psm, (ctx) => registerRequest(ctx, { personId, kind, channel: 'psm', requester: 'subjek' }));
  return run(dpo, (ctx) => recordIdentityCheck(ctx, r.id, { version: r.version, method: 'tatap_muka', document: 'ktp' }));
}

describe('data subject requests', () => {
  it('the database wall knows exactly the roles that hold privacy.manage', async () => {
    const { rows } = await t.database.ownerQuery(`SELECT role FROM privacy_manager_role ORDER BY role`);
    expect(rows.map((r) => r.role)).toEqual(ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('privacy.manage')).sort());
  });

  it('an access export holds every audit entry about the person and nothing about anyone else', async () => {
    const a = await buildPerson(t.database, psm, { villageCode: SOLO.village, fullName: 'Sutini Akses', phone: '081234567890' });
    const b = await buildPerson(t.database, psm, { villageCode: SOLO.village, fullName: 'Bejo Lainnya' });
    await run(operator, (ctx) => people.getPerson(ctx, a.id));
    await run(operator, (ctx) => people.revealNik(ctx, a.id, 'verifikasi bansos'));
    await run(operator, (ctx) => people.getPerson(ctx, b.id));
    await run(psm, (ctx) => people.listPersons(ctx, { page: 1, pageSize: 100 })); // lists A and B together
    await run(psm, (ctx) => people.updatePerson(ctx, b.id, { version: 1, address: 'Jl. Rahasia 9' }));
    const req = await verifiedRequest(a.id, 'access');
    await run(dpo, (ctx) => fulfilRequest(ctx, req.id, { version: req.version, summary: 'Salinan data dan riwayat terlampir.' }));

    const truth = await t.database.ownerQuery(
      `SELECT action FROM audit_event WHERE person_id = $1 OR details -> 'ids' ? $1::text ORDER BY occurred_at, id`,
      [a.id],
    );
    const out = await run(dpo, (ctx) => subjectExport(ctx, req.id));
    expect(out.processingHistory.map((h) => h.action)).toEqual(truth.rows.map((r) => r.action));
    expect(out.processingHistory.map((h) => h.action)).toEqual(expect.arrayContaining(['person.created', 'person.read', 'person.nik_revealed', 'person.listed', 'privacy.request_received', 'privacy.identity_checked', 'privacy.request_answered']));
    expect(out.person?.fullName).toBe('Sutini Akses');
    const text = JSON.stringify(out);
    expect(text).not.toContain(b.id);
    expect(text).not.toContain('Bejo Lainnya');
    expect(text).not.toContain('Jl. Rahasia 9');
    expect(text).not.toContain(b.nikMasked!);
    // The answer letter is a PDF (and is audited).
    const user = await buildUser(t.database, { grants: [{ role: 'dinsos_kab_head', areaCode: SOLO.regency }] });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/privacy/requests/${req.id}/letter`, headers: (await signIn(t.app, user)).headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a restricted person disappears from lists and is read-only except for the DPO', async () => {
    const p = await buildPerson(t.database, psm, { villageCode: SOLO.village, fullName: 'Ratna Dibatasi' });
    const psmUser = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: SOLO.village }] });
    const dpoUser = await buildUser(t.database, { grants: [{ role: 'dinsos_kab_head', areaCode: SOLO.regency }] });
    const psmH = (await signIn(t.app, psmUser)).headers;
    const dpoH = (await signIn(t.app, dpoUser)).headers;
    const reg = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/requests', headers: psmH, payload: { personId: p.id, kind: 'restriction', channel: 'psm', requester: 'subjek' } });
    expect(reg.statusCode).toBe(201);
    expect(reg.json().deadline.dueAt).toBe(new Date(clock.now().getTime() + 72 * HOUR).toISOString());
    // The PSM registers; only the DPO answers.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/privacy/requests/${reg.json().id}/identity-check`, headers: psmH, payload: { version: 1, method: 'tatap_muka', document: 'ktp' } })).statusCode).toBe(403);
    const checked = await t.app.inject({ method: 'POST', url: `/api/v1/privacy/requests/${reg.json().id}/identity-check`, headers: dpoH, payload: { version: 1, method: 'tatap_muka', document: 'ktp' } });
    expect(checked.json().identity).toMatchObject({ method: 'tatap_muka', document: 'ktp', checkedBy: dpoUser.username });
    const done = await t.app.inject({ method: 'POST', url: `/api/v1/privacy/requests/${reg.json().id}/fulfil`, headers: dpoH, payload: { version: 2, summary: 'Pemrosesan dibatasi.' } });
    expect(done.statusCode).toBe(200);

    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/persons?pageSize=100', headers: psmH });
    expect(listed.json().items.map((i: { id: string }) => i.id)).not.toContain(p.id);
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/v1/persons/${p.id}`, headers: psmH, payload: { version: 2, address: 'Alamat baru' } });
    expect(edit.statusCode).toBe(423);
    expect(edit.json().code).toBe('person_restricted');
    expect(edit.json().message.id).toBeTruthy();
    const raw = await t.database.ownerQuery(`SELECT address, status FROM person WHERE id = $1`, [p.id]);
    expect(raw.rows[0]).toEqual({ address: null, status: 'restricted' });
    // Service-level edits meet the database wall too.
    expect((await errorOf(run(psm, (ctx) => people.updatePerson(ctx, p.id, { version: 2, phone: '0811111111' })))).status).toBe(423);

    const byDpo = await t.app.inject({ method: 'PATCH', url: `/api/v1/persons/${p.id}`, headers: dpoH, payload: { version: 2, address: 'Koreksi DPO' } });
    expect(byDpo.statusCode).toBe(200);
    const restricted = await t.app.inject({ method: 'GET', url: '/api/v1/privacy/restricted-persons', headers: dpoH });
    expect(restricted.json().items.map((i: { id: string }) => i.id)).toContain(p.id);

    const lift = await t.app.inject({ method: 'POST', url: `/api/v1/privacy/persons/${p.id}/lift-restriction`, headers: dpoH, payload: { reason: 'Subjek data mencabut permintaan' } });
    expect(lift.statusCode).toBe(200);
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/persons?pageSize=100', headers: psmH });
    expect(again.json().items.map((i: { id: string }) => i.id)).toContain(p.id);
  });

  it('erasure leaves no personal field readable, keeps the legally required minimum, and stops at a legal hold', async () => {
    const p = await buildPerson(t.database, psm, { villageCode: SOLO.village, fullName: 'Karto Dihapus', phone: '081298765432', address: 'Jl. Mawar 1', birthPlace: 'Solo' });
    await run(psm, (ctx) => recordConsent(ctx, p.id, { basis: 'tugas_publik', purpose: 'pelayanan kesejahteraan sosial', givenOn: '2026-03-01' }));
    const c = await buildCase(t.database, psm, p.id, { need: 'Butuh bantuan pangan untuk Karto' });

    const held = await verifiedRequest(p.id, 'deletion');
    const hold = await run(dpo, (ctx) => placeHold(ctx, { targetType: 'case', targetId: c.id, reason: 'Pemeriksaan Inspektorat berjalan' }));
    expect((await errorOf(run(dpo, (ctx) => fulfilRequest(ctx, held.id, { version: held.version, summary: 'Dihapus.' })))).code).toBe('legal_hold');
    await t.database.ownerQuery(`UPDATE legal_hold SET released_at = now() WHERE id = $1`, [hold.id]);

    const done = await run(dpo, (ctx) => fulfilRequest(ctx, held.id, { version: held.version, summary: 'Data identitas Anda telah dihapus.' }));
    expect(done.status).toBe('answered');
    expect(done.retentionNote!.kept.map((k) => k.legalBasis).join(' ')).toMatch(/Permensos 9\/2018/);
    expect(done.retentionNote!.removed.person).toEqual(expect.arrayContaining(['full_name', 'nik_hash', 'phone', 'address', 'birth_date', 'photo_file_id']));

    const row = (await t.database.ownerQuery(`SELECT * FROM person WHERE id = $1`, [p.id])).rows[0];
    expect(row.full_name).toBe('Dihapus');
    for (const f of ['nik_hash', 'nik_enc', 'nik_masked', 'phone', 'address', 'birth_date', 'birth_place', 'sex', 'rw', 'rt', 'photo_file_id', 'disability_severity']) expect(row[f], f).toBeNull();
    expect(row.aliases).toEqual([]);
    expect(row.status).toBe('deleted');
    const text = JSON.stringify((await t.database.ownerQuery(`SELECT to_jsonb(x) AS j FROM ppks_case x WHERE person_id = $1`, [p.id])).rows);
    expect(text).not.toContain('Karto');
    // Kept: the case row (figures) and the audit trail.
    expect((await t.database.ownerQuery(`SELECT count(*)::int AS n FROM ppks_case WHERE person_id = $1`, [p.id])).rows[0].n).toBe(1);
    expect((await t.database.ownerQuery(`SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = 'person.created'`, [p.id])).rows[0].n).toBe(1);
    // The record no longer answers to anyone.
    expect((await errorOf(run(dpo, (ctx) => people.getPerson(ctx, p.id)))).status).toBe(404);
  });

  it('escalates at the right time: nothing overdue just before 72 h, once after, never twice', async () => {
    const p = await buildPerson(t.database, psm, { villageCode: SOLO.village });
    const start = clock.now().getTime();
    const r = await run(psm, (ctx) => registerRequest(ctx, { personId: p.id, kind: 'access', channel: 'kantor', requester: 'subjek' }));
    const mine = async () => (await t.database.ownerQuery(`SELECT level FROM privacy_escalation WHERE subject_id = $1 ORDER BY level`, [r.id])).rows.map((x) => x.level);

    clock.advance(72 * HOUR - 60_000);
    await run(dpo, (ctx) => sweepDeadlines(ctx));
    expect(await mine()).toEqual(['near_due']);
    clock.advance(2 * 60_000);
    const first = await run(dpo, (ctx) => sweepDeadlines(ctx));
    expect(first.raised.filter((x) => x.id === r.id)).toEqual([{ type: 'request', id: r.id, level: 'overdue' }]);
    clock.advance(HOUR);
    const second = await run(dpo, (ctx) => sweepDeadlines(ctx));
    expect(second.raised.filter((x) => x.id === r.id)).toEqual([]);
    expect(await mine()).toEqual(['near_due', 'overdue']);
    const shown = await as(t.database, dpo, (ctx) => import('./requests.service').then((m) => m.getRequest(ctx, r.id)), clock);
    expect(shown.deadline.state).toBe('overdue');
    expect(shown.escalations.map((e) => e.level)).toEqual(['near_due', 'overdue']);
    expect(clock.now().getTime() - start).toBeGreaterThan(72 * HOUR);
  });
});
