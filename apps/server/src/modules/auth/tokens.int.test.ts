import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type TestApp } from '../../../test/app';
import { buildUser, signIn, type BuiltUser, type SignedIn } from '../../../test/factories';

let t: TestApp;
const clock = new ManualClock();
let kab: BuiltUser;
let session: SignedIn;

beforeAll(async () => {
  t = await createTestApp({}, { clock });
  kab = await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] });
  session = await signIn(t.app, kab);
});
afterAll(() => t?.close());

async function createToken(payload: object, headers: Record<string, string> = session.headers) {
  return t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers, payload });
}
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const newPsm = (i: number) => ({
  username: `psm-token-${i}`,
  displayName: 'Sri Wahyuni',
  grants: [{ role: 'psm', areaCode: '33.72.01.1001' }],
});

describe('creating and listing API tokens', () => {
  it('returns the secret once, pilar_<prefix8>_<secret>, and stores only its SHA-256', async () => {
    const res = await createToken({ name: 'SIKS-NG sync', expiresInDays: 30 });
    expect(res.statusCode).toBe(201);
    const { token, secret } = res.json();
    expect(secret).toMatch(/^pilar_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(secret.slice(6, 14)).toBe(token.prefix);
    expect(token).toMatchObject({ name: 'SIKS-NG sync', permissions: null, status: 'active', revokedAt: null, lastUsedAt: null });
    expect(token.expiresAt).toBe(new Date(clock.now().getTime() + 30 * 86_400_000).toISOString());

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { cookie: session.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(token.id);
    expect(list.body).not.toContain(secret.slice(15));
    const { rows } = await t.database.ownerQuery(`SELECT token_hash FROM api_token WHERE id = $1`, [token.id]);
    expect(rows[0].token_hash).toHaveLength(32);

    const audit = await t.database.ownerQuery(`SELECT details::text AS d FROM audit_event WHERE action = 'token.created' AND entity_id = $1`, [token.id]);
    expect(audit.rowCount).toBe(1);
    expect(audit.rows[0].d).not.toContain(secret.slice(15));
  });

  it('needs token.manage (a PSM may not create tokens)', async () => {
    const psm = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] });
    const s = await signIn(t.app, psm);
    const res = await createToken({ name: 'x', expiresInDays: 1 }, s.headers);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
  });

  it('refuses permissions the creator does not hold, and unknown ones, naming the field', async () => {
    const notHeld = await createToken({ name: 'x', expiresInDays: 1, permissions: ['user.read', 'audit.read'] });
    expect(notHeld.statusCode).toBe(400);
    expect(notHeld.json().errors).toEqual([expect.objectContaining({ field: 'permissions[1]', code: 'permission.not_held' })]);
    const unknown = await createToken({ name: 'x', expiresInDays: 1, permissions: ['everything'] });
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'permissions[0]', code: 'permission.unknown' })]);
  });

  it('keeps expiry between 1 and 365 days', async () => {
    expect((await createToken({ name: 'x', expiresInDays: 0 })).statusCode).toBe(400);
    expect((await createToken({ name: 'x', expiresInDays: 366 })).statusCode).toBe(400);
  });
});

describe('using a token', () => {
  it('acts as its user on /me and on /users, without CSRF', async () => {
    const { secret } = (await createToken({ name: 'full', expiresInDays: 5 })).json();
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: kab.id }, via: 'token', csrfToken: null, session: null });
    expect(me.json().permissions).toContain('user.manage');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(secret) })).statusCode).toBe(200);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(secret), payload: newPsm(1) });
    expect(created.statusCode).toBe(201);
    // The audit names the token's user, marked as a token.
    const { rows } = await t.database.ownerQuery(`SELECT actor_id, actor_label FROM audit_event WHERE action = 'user.created' AND entity_id = $1`, [
      created.json().user.id,
    ]);
    expect(rows[0]).toEqual({ actor_id: kab.id, actor_label: `${kab.username} (token)` });
  });

  it('is restricted to its permissions: a user.read token lists users but cannot create them', async () => {
    const { secret } = (await createToken({ name: 'read only', expiresInDays: 5, permissions: ['user.read'] })).json();
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) });
    expect(me.json().permissions).toEqual(['user.read']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(secret) })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(secret), payload: newPsm(2) });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden' });
    // Nor mint a wider token for itself.
    expect((await createToken({ name: 'wider', expiresInDays: 1 }, bearer(secret))).statusCode).toBe(403);
  });

  it('records last use at most once a minute', async () => {
    const { token, secret } = (await createToken({ name: 'usage', expiresInDays: 5 })).json();
    const lastUsed = async () =>
      (await t.database.ownerQuery(`SELECT last_used_at FROM api_token WHERE id = $1`, [token.id])).rows[0].last_used_at?.getTime();
    await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) });
    const first = await lastUsed();
    expect(first).toBe(clock.now().getTime());
    clock.advance(30_000);
    await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) });
    expect(await lastUsed()).toBe(first);
    clock.advance(31_000);
    await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) });
    expect(await lastUsed()).toBe(clock.now().getTime());
  });

  it('answers 401 for a malformed or unknown token', async () => {
    for (const header of ['Bearer nonsense', `Bearer pilar_00000000_${'A'.repeat(43)}`]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: header } });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('invalid_token');
    }
  });
});

describe('revoking and expiry', () => {
  it('a revoked token answers 401 and shows as revoked', async () => {
    const { token, secret } = (await createToken({ name: 'to revoke', expiresInDays: 5 })).json();
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: session.headers });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) })).statusCode).toBe(401);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { cookie: session.cookie } })).json();
    expect(list.items.find((i: { id: string }) => i.id === token.id)).toMatchObject({ status: 'revoked', revokedAt: clock.now().toISOString() });
    // Revoking again is harmless; audited once.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: session.headers })).statusCode).toBe(204);
    const { rowCount } = await t.database.ownerQuery(`SELECT 1 FROM audit_event WHERE action = 'token.revoked' AND entity_id = $1`, [token.id]);
    expect(rowCount).toBe(1);
  });

  it('someone else’s token is not found', async () => {
    const { token } = (await createToken({ name: 'mine', expiresInDays: 5 })).json();
    const other = await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.74' }] });
    const s = await signIn(t.app, other);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: s.headers })).statusCode).toBe(404);
    const theirs = (await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { cookie: s.cookie } })).json();
    expect(theirs.items).toEqual([]);
  });

  it('an expired token answers 401', async () => {
    const { secret } = (await createToken({ name: 'short', expiresInDays: 1 })).json();
    clock.advance(86_400_000 - 1_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) })).statusCode).toBe(200);
    clock.advance(1_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) })).statusCode).toBe(401);
  });

  it('a disabled user’s tokens stop working', async () => {
    const u = await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.74' }] });
    const s = await signIn(t.app, u);
    const { secret } = (await createToken({ name: 'u', expiresInDays: 5 }, s.headers)).json();
    await t.database.ownerQuery(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [u.id]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(secret) })).statusCode).toBe(401);
  });
});
