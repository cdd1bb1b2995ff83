import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildUser, signIn, type SignedIn } from '../../../test/factories';
import { memberInput } from '../../../test/factories.members';

let t: TestApp;
let ipsmSolo: SignedIn;
let dinsosSolo: SignedIn;
let ipsmBangka: SignedIn;
let verifierSolo: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  const users = await Promise.all([
    buildUser(t.database, { displayName: 'Sekretaris IPSM Solo', grants: [{ role: 'ipsm_pengurus', areaCode: '33.72' }] }),
    buildUser(t.database, { displayName: 'Kabid Dayasos Solo', grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] }),
    buildUser(t.database, { displayName: 'Sekretaris IPSM Bangka', grants: [{ role: 'ipsm_pengurus', areaCode: '19.01' }] }),
    buildUser(t.database, { displayName: 'Verifikator Solo', grants: [{ role: 'dinsos_kab_verifier', areaCode: '33.72' }] }),
  ]);
  [ipsmSolo, dinsosSolo, ipsmBangka, verifierSolo] = await Promise.all(users.map((u) => signIn(t.app, u)));
});
afterAll(async () => t?.close());

const LINKS = '/api/v1/member-registration-links';

async function createLink(who: SignedIn, regencyCode: string, note: string) {
  const res = await t.app.inject({ method: 'POST', url: LINKS, headers: who.headers, payload: { regencyCode, validDays: 14, note } });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; token: string; expiresAt: string };
}
const list = (who: SignedIn) => t.app.inject({ method: 'GET', url: LINKS, headers: who.headers });
const revoke = (who: SignedIn, id: string) => t.app.inject({ method: 'POST', url: `${LINKS}/${id}/revoke`, headers: who.headers });

function register(token: string, villageCode = '33.72.01.1001') {
  const { skNumber: _n, skDate: _d, skIssuer: _i, ...body } = memberInput(villageCode);
  return t.app.inject({ method: 'POST', url: '/api/v1/public/member-registrations', payload: { ...body, token } });
}

describe('registration links: list and revoke', () => {
  it('lists the links of the caller’s regencies with maker, expiry and use, never the token', async () => {
    const solo = await createLink(ipsmSolo, '33.72', 'PSM Kecamatan Laweyan');
    const bangka = await createLink(ipsmBangka, '19.01', 'PSM Sungailiat');
    expect((await register(solo.token)).statusCode).toBe(202);

    const res = await list(dinsosSolo);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(solo.token);
    expect(res.body).not.toContain('token');
    const items = res.json().items as Record<string, unknown>[];
    expect(items.map((i) => i.id)).toContain(solo.id);
    expect(items.map((i) => i.id)).not.toContain(bangka.id);
    expect(items.find((i) => i.id === solo.id)).toMatchObject({
      regencyCode: '33.72',
      regencyName: expect.stringContaining('Surakarta'),
      note: 'PSM Kecamatan Laweyan',
      createdBy: 'Sekretaris IPSM Solo',
      expiresAt: solo.expiresAt,
      uses: 1,
      maxUses: 500,
      revokedAt: null,
      revokedBy: null,
      state: 'berlaku',
    });
    // Bangka's board sees its own link only.
    const theirs = (await list(ipsmBangka)).json().items as { id: string }[];
    expect(theirs.map((i) => i.id)).toEqual([bangka.id]);
  });

  it('revoking is audited and refuses registrations through the link like a wrong link; another regency gets 404', async () => {
    const link = await createLink(ipsmSolo, '33.72', 'Untuk dicabut');

    const byOther = await revoke(ipsmBangka, link.id);
    expect(byOther.statusCode).toBe(404);
    expect(byOther.body).not.toContain('33.72');
    // Nobody without member.create may list or revoke; anonymous callers must sign in.
    expect((await revoke(verifierSolo, link.id)).statusCode).toBe(403);
    expect((await list(verifierSolo)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: LINKS })).statusCode).toBe(401);
    expect((await register(link.token)).statusCode).toBe(202);

    const res = await revoke(dinsosSolo, link.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: link.id, state: 'dicabut', revokedBy: 'Kabid Dayasos Solo', uses: 1 });
    expect(res.json().revokedAt).toEqual(expect.any(String));
    expect(res.body).not.toContain(link.token);

    const refused = await register(link.token);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ code: 'registration_link_invalid' });
    expect(refused.json().message.id).toBe(
      'Tautan pendaftaran tidak berlaku (salah, kedaluwarsa atau dicabut); mintalah tautan baru kepada IPSM atau Dinas Sosial',
    );
    const wrong = await register('x'.repeat(32));
    expect(wrong.json().message).toEqual(refused.json().message);
    const uses = await t.database.ownerQuery(`SELECT uses FROM member_registration_link WHERE id = $1`, [link.id]);
    expect(uses.rows[0].uses).toBe(1);

    // Revoking again changes nothing and records nothing more.
    const again = await revoke(ipsmSolo, link.id);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ revokedBy: 'Kabid Dayasos Solo', revokedAt: res.json().revokedAt });
    const { rows } = await t.database.ownerQuery(
      `SELECT actor_label, regency_code FROM audit_event WHERE action = 'member.registration_link_revoked' AND entity_id = $1`,
      [link.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].regency_code).toBe('33.72');

    const listed = ((await list(ipsmSolo)).json().items as { id: string; state: string }[]).find((i) => i.id === link.id);
    expect(listed?.state).toBe('dicabut');
  });
});
