import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grant } from '@pilar/domain';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildUser, signIn, type BuiltUser, type SignedIn } from '../../../test/factories';

/**
 * User management and the no-escalation rules (issue 3 "Escalation tests"):
 * each forbidden grant is refused with a clear message naming the field.
 * Areas: 33 Jawa Tengah ⊃ 33.72 Kota Surakarta ⊃ 33.72.01 Laweyan ⊃ 33.72.01.1001 Pajang;
 * 33.74 Kota Semarang (same province); 19.01 Bangka (another province).
 */
let t: TestApp;
const as: Record<'admin' | 'kab' | 'prov' | 'psm' | 'kabOther', SignedIn> = {} as never;
const users: Record<keyof typeof as, BuiltUser> = {} as never;

beforeAll(async () => {
  t = await createTestApp();
  const grants: Record<keyof typeof as, Grant[]> = {
    admin: [{ role: 'admin', areaCode: 'ID' }],
    kab: [{ role: 'dinsos_kab', areaCode: '33.72' }],
    prov: [{ role: 'dinsos_prov', areaCode: '33' }],
    psm: [{ role: 'psm', areaCode: '33.72.01.1001' }],
    kabOther: [{ role: 'dinsos_kab', areaCode: '19.01' }],
  };
  for (const [k, g] of Object.entries(grants) as [keyof typeof as, Grant[]][]) {
    users[k] = await buildUser(t.database, { grants: g, username: `${k.toLowerCase()}-${Math.random().toString(36).slice(2, 6)}` });
    as[k] = await signIn(t.app, users[k]);
  }
});
afterAll(() => t?.close());

let n = 0;
const create = (who: SignedIn, grants: Grant[], extra: object = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: who.headers,
    payload: { username: `new-user-${++n}`, displayName: 'Budi Santoso', grants, ...extra },
  });
const patch = (who: SignedIn, id: string, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: who.headers, payload });
const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

describe('creating users: what a dinsos_kab operator of 33.72 may grant', () => {
  it('creates a PSM in a village of its regency, with a temporary password returned once', async () => {
    const res = await create(as.kab, [{ role: 'psm', areaCode: '33.72.01.1001' }]);
    expect(res.statusCode).toBe(201);
    const { user, temporaryPassword } = res.json();
    expect(user).toMatchObject({
      displayName: 'Budi Santoso',
      status: 'active',
      mustChangePassword: true,
      locked: false,
      grants: [{ role: 'psm', areaCode: '33.72.01.1001', areaName: 'Pajang' }],
      actions: ['user.manage'],
      lastLoginAt: null,
    });
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    // The temporary password signs in, and must then be changed.
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: temporaryPassword } });
    expect(login.json().user.mustChangePassword).toBe(true);
    // Never given again.
    expect((await get(as.kab, `/api/v1/users/${user.id}`)).body).not.toContain(temporaryPassword);
  });

  const refusals: [string, Grant, string, string, RegExp][] = [
    ['an admin', { role: 'admin', areaCode: 'ID' }, 'grants[0].areaCode', 'grant.out_of_scope', /Area ID is outside your scope/],
    ['an admin of its own regency', { role: 'admin', areaCode: '33.72' }, 'grants[0].areaCode', 'grant.level', /Role admin cannot be granted at regency level/],
    ['a dinsos_kab_head', { role: 'dinsos_kab_head', areaCode: '33.72' }, 'grants[0].role', 'grant.role', /You may not grant the role dinsos_kab_head/],
    ['another dinsos_kab', { role: 'dinsos_kab', areaCode: '33.72' }, 'grants[0].role', 'grant.role', /You may not grant the role dinsos_kab/],
    ['a PSM in another regency', { role: 'psm', areaCode: '19.01.01.1001' }, 'grants[0].areaCode', 'grant.out_of_scope', /Area 19.01.01.1001 is outside your scope/],
    ['a PSM at regency level', { role: 'psm', areaCode: '33.72' }, 'grants[0].areaCode', 'grant.level', /Role psm cannot be granted at regency level \(allowed: village\)/],
  ];
  for (const [what, grant, field, code, en] of refusals) {
    it(`refuses ${what} (403 grant_refused, naming ${field})`, async () => {
      const res = await create(as.kab, [grant]);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = res.json();
      expect(body.code).toBe('grant_refused');
      expect(body.message.en).toMatch(en);
      expect(body.message.id.length).toBeGreaterThan(10);
      expect(body.errors).toEqual([{ field, code, message: body.message }]);
    });
  }

  it('names the right grant when one of several is refused, and creates nothing', async () => {
    const res = await create(as.kab, [
      { role: 'psm', areaCode: '33.72.01.1001' },
      { role: 'mitra', areaCode: '33.72' },
      { role: 'psm', areaCode: '33.74.01.1001' },
    ]);
    expect(res.statusCode).toBe(403);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['grants[2].areaCode']);
    const { rowCount } = await t.database.ownerQuery(`SELECT 1 FROM app_user WHERE username = $1`, [`new-user-${n}`]);
    expect(rowCount).toBe(0);
  });

  it('refuses areas that do not exist (400, naming the field)', async () => {
    const res = await create(as.kab, [{ role: 'psm', areaCode: '33.72.01.9999' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'grants[0].areaCode', code: 'area.unknown' })]);
    const malformed = await create(as.kab, [{ role: 'psm', areaCode: '33.7201' }]);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('grants.0.areaCode');
  });
});

describe('creating users: who else may', () => {
  it('a PSM may not create users at all (403)', async () => {
    const res = await create(as.psm, [{ role: 'psm', areaCode: '33.72.01.1001' }]);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden', message: { en: 'You do not have permission for this action (user.manage)' } });
  });

  it('signed-out callers get 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', payload: { username: 'x-y-z', displayName: 'X', grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] } });
    expect(res.statusCode).toBe(401);
  });

  it('dinsos_prov of 33 may create a dinsos_kab in its province but not in another', async () => {
    expect((await create(as.prov, [{ role: 'dinsos_kab', areaCode: '33.74' }])).statusCode).toBe(201);
    const res = await create(as.prov, [{ role: 'dinsos_kab', areaCode: '19.01' }]);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'grant_refused', errors: [{ field: 'grants[0].areaCode', code: 'grant.out_of_scope' }] });
  });

  it('an admin may create anything, also another admin', async () => {
    expect((await create(as.admin, [{ role: 'admin', areaCode: 'ID' }])).statusCode).toBe(201);
  });
});

describe('usernames and passwords of new users', () => {
  it('lower-cases the username and refuses a malformed one', async () => {
    const ok = await create(as.kab, [{ role: 'psm', areaCode: '33.72.01.1001' }], { username: '  Siti.Rahma ' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().user.username).toBe('siti.rahma');
    const bad = await create(as.kab, [{ role: 'psm', areaCode: '33.72.01.1001' }], { username: 'siti rahma!' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'username', code: 'username.format' })]);
    expect(bad.json().message.en).toMatch(/lower-case letters, digits/);
  });

  it('answers 409 for a username already taken', async () => {
    const res = await create(as.kab, [{ role: 'psm', areaCode: '33.72.01.1001' }], { username: 'SITI.RAHMA' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'username_taken',
      message: { en: 'The username siti.rahma is already taken', id: 'Nama pengguna siti.rahma sudah dipakai' },
      errors: [{ field: 'username' }],
    });
  });

  it('checks a chosen password against the rules (field password) and does not return it', async () => {
    const weak = await create(as.kab, [{ role: 'psm', areaCode: '33.72.01.1001' }], { password: 'pilar12345' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([expect.objectContaining({ field: 'password', code: 'password.common' })]);
    const ok = await create(as.kab, [{ role: 'psm', areaCode: '33.72.01.1001' }], { password: 'kopi tubruk pagi hari' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().temporaryPassword).toBeNull();
    expect(ok.json().user.mustChangePassword).toBe(true);
  });
});

describe('editing users', () => {
  it('nobody changes their own grants or status, admins included', async () => {
    for (const k of ['admin', 'kab', 'psm'] as const) {
      const res = await patch(as[k], users[k].id, { grants: [{ role: 'admin', areaCode: 'ID' }] });
      expect(res.statusCode, k).toBe(403);
      expect(res.json()).toMatchObject({ code: 'own_grants', message: { en: 'You cannot change your own roles or areas' } });
    }
    const disable = await patch(as.admin, users.admin.id, { status: 'disabled' });
    expect(disable.json().code).toBe('own_status');
  });

  it('anyone may correct their own display name', async () => {
    const res = await patch(as.psm, users.psm.id, { displayName: 'Sri Lestari' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: 'Sri Lestari', actions: [] });
  });

  it('a dinsos_kab cannot edit a user who also holds a grant outside its regency (404)', async () => {
    const both = await buildUser(t.database, {
      grants: [
        { role: 'psm', areaCode: '33.72.01.1001' },
        { role: 'mitra', areaCode: '19.01' },
      ],
    });
    // Visible (it has a grant in 33.72), but not manageable.
    const seen = await get(as.kab, `/api/v1/users/${both.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().actions).toEqual([]);
    const res = await patch(as.kab, both.id, { displayName: 'Changed' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    expect((await patch(as.kab, both.id, { status: 'disabled' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/users/${both.id}/reset-password`, headers: as.kab.headers })).statusCode).toBe(404);
    // The admin can.
    expect((await patch(as.admin, both.id, { displayName: 'Changed' })).statusCode).toBe(200);
  });

  it('a dinsos_kab cannot edit a colleague of the same role, nor users of another regency (404)', async () => {
    const colleague = await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] });
    expect((await patch(as.kab, colleague.id, { displayName: 'X' })).statusCode).toBe(404);
    const elsewhere = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: '19.01.01.1001' }] });
    expect((await patch(as.kab, elsewhere.id, { displayName: 'X' })).statusCode).toBe(404);
    expect((await get(as.kab, `/api/v1/users/${elsewhere.id}`)).statusCode).toBe(404);
  });

  it('replaces grants within what the editor may give, audited with what was added and removed', async () => {
    const u = (await create(as.kab, [{ role: 'psm', areaCode: '33.72.01.1001' }])).json().user;
    const moved = await patch(as.kab, u.id, { grants: [{ role: 'psm', areaCode: '33.72.02.1001' }], version: u.version });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().grants).toEqual([{ role: 'psm', areaCode: '33.72.02.1001', areaName: 'Joyotakan' }]);
    expect(moved.json().version).toBe(u.version + 1);
    const escalate = await patch(as.kab, u.id, { grants: [{ role: 'psm', areaCode: '33.72.02.1001' }, { role: 'dinsos_kab_head', areaCode: '33.72' }] });
    expect(escalate.statusCode).toBe(403);
    expect(escalate.json().errors).toEqual([expect.objectContaining({ field: 'grants[1].role', code: 'grant.role' })]);
    const { rows } = await t.database.ownerQuery(
      `SELECT regency_code, details FROM audit_event WHERE action = 'user.grants_changed' AND entity_id = $1`,
      [u.id],
    );
    expect(rows).toEqual([
      {
        regency_code: '33.72',
        details: { added: [{ role: 'psm', areaCode: '33.72.02.1001' }], removed: [{ role: 'psm', areaCode: '33.72.01.1001' }] },
      },
    ]);
  });

  it('answers 409 when the account changed since the caller loaded it', async () => {
    const u = (await create(as.kab, [{ role: 'psm', areaCode: '33.72.01.1001' }])).json().user;
    expect((await patch(as.kab, u.id, { displayName: 'First', version: u.version })).statusCode).toBe(200);
    const stale = await patch(as.kab, u.id, { displayName: 'Second', version: u.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
  });

  it('disabling ends the user’s sessions and stops sign-in', async () => {
    const u = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] });
    const s = await signIn(t.app, u);
    const res = await patch(as.kab, u.id, { status: 'disabled' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect((await get(s, '/api/v1/me')).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: u.password } });
    expect(again.json().code).toBe('account_disabled');
    expect((await patch(as.kab, u.id, { status: 'active' })).statusCode).toBe(200);
    expect((await signIn(t.app, u)).csrfToken).toBeTruthy();
  });

  it('reset-password gives a temporary password, unlocks, and ends sessions', async () => {
    const u = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] });
    const s = await signIn(t.app, u);
    await t.database.ownerQuery(`UPDATE app_user SET locked_until = now() + interval '1 hour' WHERE id = $1`, [u.id]);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/users/${u.id}/reset-password`, headers: as.kab.headers });
    expect(res.statusCode).toBe(200);
    const { temporaryPassword } = res.json();
    expect((await get(s, '/api/v1/me')).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: temporaryPassword } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
    const own = await t.app.inject({ method: 'POST', url: `/api/v1/users/${users.kab.id}/reset-password`, headers: as.kab.headers });
    expect(own.json().code).toBe('own_password');
  });
});

describe('listing and reading users', () => {
  it('lists only users with a grant in the caller’s user.read scope, each with its actions', async () => {
    const res = await get(as.kab, '/api/v1/users?pageSize=200');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const names = body.items.map((u: { username: string }) => u.username);
    expect(names).toContain(users.kab.username);
    expect(names).toContain(users.psm.username);
    expect(names).not.toContain(users.admin.username);
    expect(names).not.toContain(users.prov.username);
    expect(names).not.toContain(users.kabOther.username);
    expect(body.total).toBe(body.items.length);
    for (const u of body.items as { grants: Grant[] }[]) expect(u.grants.some((g) => g.areaCode.startsWith('33.72'))).toBe(true);
    const psm = body.items.find((u: { id: string }) => u.id === users.psm.id);
    expect(psm.actions).toEqual(['user.manage']);
    const self = body.items.find((u: { id: string }) => u.id === users.kab.id);
    expect(self.actions).toEqual([]);
  });

  it('the national admin sees everyone; filters by area, role and text; paginates', async () => {
    const all = (await get(as.admin, '/api/v1/users?pageSize=200')).json();
    expect(all.items.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining(Object.values(users).map((u) => u.id)));
    const inBangka = (await get(as.admin, '/api/v1/users?area=19.01')).json();
    expect(inBangka.items.map((u: { id: string }) => u.id)).toContain(users.kabOther.id);
    expect(inBangka.items.every((u: { grants: Grant[] }) => u.grants.some((g) => g.areaCode.startsWith('19.01')))).toBe(true);
    const psms = (await get(as.admin, '/api/v1/users?role=psm&area=33.72')).json();
    expect(psms.items.length).toBeGreaterThan(0);
    expect(psms.items.every((u: { grants: Grant[] }) => u.grants.some((g) => g.role === 'psm'))).toBe(true);
    const q = (await get(as.admin, '/api/v1/users?q=SITI')).json();
    expect(q.items.map((u: { username: string }) => u.username)).toEqual(['siti.rahma']);
    const page1 = (await get(as.admin, '/api/v1/users?pageSize=2&page=1')).json();
    const page2 = (await get(as.admin, '/api/v1/users?pageSize=2&page=2')).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBe(all.total);
    expect(page2.items[0].username > page1.items[1].username).toBe(true);
    const beyond = (await get(as.admin, '/api/v1/users?pageSize=2&page=999')).json();
    expect(beyond).toMatchObject({ items: [], total: all.total });
  });

  it('an area filter never widens the scope', async () => {
    const res = (await get(as.kab, '/api/v1/users?area=19.01')).json();
    expect(res.items).toEqual([]);
    const wider = (await get(as.kab, '/api/v1/users?area=33&pageSize=200')).json();
    expect(wider.items.map((u: { id: string }) => u.id)).not.toContain(users.prov.id);
  });

  it('a PSM may not list users (403); malformed ids answer 400, unknown ones 404', async () => {
    expect((await get(as.psm, '/api/v1/users')).statusCode).toBe(403);
    expect((await get(as.admin, '/api/v1/users/not-a-uuid')).statusCode).toBe(400);
    expect((await get(as.admin, '/api/v1/users/01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('/roles tells a form which roles the caller may grant, where', async () => {
    const kab = (await get(as.kab, '/api/v1/roles')).json();
    expect(kab.items).toEqual([
      { role: 'ipsm_pengurus', levels: ['national', 'province', 'regency', 'district', 'village'], areas: ['33.72'] },
      { role: 'psm', levels: ['village'], areas: ['33.72'] },
      { role: 'mitra', levels: ['national', 'province', 'regency', 'district', 'village'], areas: ['33.72'] },
    ]);
    expect((await get(as.psm, '/api/v1/roles')).json().items).toEqual([]);
  });
});

describe('audit of user management', () => {
  it('a user creation writes one user.created event in the regency’s chain, without the password', async () => {
    const res = await create(as.kab, [{ role: 'psm', areaCode: '33.72.01.1002' }], { password: 'kopi tubruk sore hari' });
    const id = res.json().user.id;
    const { rows } = await t.database.ownerQuery(`SELECT chain, actor_id, regency_code, details FROM audit_event WHERE action = 'user.created' AND entity_id = $1`, [id]);
    expect(rows).toEqual([
      {
        chain: expect.stringMatching(/^33\.72\/\d$/),
        actor_id: users.kab.id,
        regency_code: '33.72',
        details: { username: res.json().user.username, grants: [{ role: 'psm', areaCode: '33.72.01.1002' }], passwordGenerated: false },
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('kopi tubruk');
  });

  it('a refused creation writes nothing', async () => {
    const before = (await t.database.ownerQuery(`SELECT count(*)::int AS n FROM audit_event`)).rows[0].n;
    await create(as.kab, [{ role: 'admin', areaCode: 'ID' }]);
    expect((await t.database.ownerQuery(`SELECT count(*)::int AS n FROM audit_event`)).rows[0].n).toBe(before);
  });

  it('events about national users go to the system chain', async () => {
    const res = await create(as.admin, [{ role: 'kemensos', areaCode: 'ID' }]);
    const { rows } = await t.database.ownerQuery(`SELECT chain, regency_code FROM audit_event WHERE action = 'user.created' AND entity_id = $1`, [
      res.json().user.id,
    ]);
    expect(rows).toEqual([{ chain: expect.stringMatching(/^system\/\d$/), regency_code: null }]);
  });
});
