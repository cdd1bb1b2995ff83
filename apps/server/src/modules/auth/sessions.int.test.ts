import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type TestApp } from '../../../test/app';
import { buildUser, signIn, type BuiltUser } from '../../../test/factories';

const HOUR = 3_600_000;
const MINUTE = 60_000;

let t: TestApp;
const clock = new ManualClock();
let kab: BuiltUser;
const sha256 = (v: string) => createHash('sha256').update(v).digest();

beforeAll(async () => {
  t = await createTestApp({ PILAR_SESSION_IDLE_HOURS: '2', PILAR_SESSION_MAX_DAYS: '1' }, { clock });
  kab = await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] });
});
afterAll(() => t?.close());

const me = (headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers });
const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('sign in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns the account with a CSRF token', async () => {
    const res = await login(kab.username, kab.password);
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^pilar_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/; Secure/); // test profile: plain http
    const body = res.json();
    expect(body).toMatchObject({
      user: { id: kab.id, username: kab.username, displayName: kab.displayName, mustChangePassword: false },
      grants: [{ role: 'dinsos_kab', areaCode: '33.72', areaName: 'Kota Surakarta' }],
      via: 'session',
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.permissions).toContain('user.manage');
    expect(body.permissions).not.toContain('audit.read');
    expect(body.session.expiresAt).toBe(new Date(clock.now().getTime() + 24 * HOUR).toISOString());
    expect(body.session.idleExpiresAt).toBe(new Date(clock.now().getTime() + 2 * HOUR).toISOString());

    // Only the digest of the cookie's token is stored.
    const token = res.cookies.find((c) => c.name === 'pilar_session')!.value;
    const { rows } = await t.database.ownerQuery(`SELECT token_hash, csrf_token FROM user_session WHERE user_id = $1`, [kab.id]);
    expect(rows.some((r) => r.token_hash.equals(sha256(token)))).toBe(true);
    expect(rows.some((r) => String(r.token_hash).includes(token))).toBe(false);
  });

  it('accepts the username in any case and with spaces around it', async () => {
    expect((await login(`  ${kab.username.toUpperCase()} `, kab.password)).statusCode).toBe(200);
  });

  it('answers wrong passwords and unknown usernames with the same 401', async () => {
    const wrong = await login(kab.username, 'not the password');
    const unknown = await login('nobody-here', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials', message: { id: 'Nama pengguna atau kata sandi salah', en: 'Wrong username or password' } });
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a disabled account even with the right password, and ends its sessions', async () => {
    const u = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] });
    const s = await signIn(t.app, u);
    await t.database.ownerQuery(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [u.id]);
    expect((await me({ cookie: s.cookie })).statusCode).toBe(401);
    const res = await login(u.username, u.password);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('account_disabled');
  });

  it('marks the cookie Secure when configured', async () => {
    const secure = await createTestApp({ PILAR_SECURE_COOKIES: 'true' });
    try {
      const u = await buildUser(secure.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] });
      const res = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: u.password } });
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });
});

describe('/me', () => {
  it('answers 401 problem+json when nobody is signed in', async () => {
    const res = await me();
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('answers 401 for a made-up cookie and clears it', async () => {
    const res = await me({ cookie: 'pilar_session=made-up' });
    expect(res.statusCode).toBe(401);
    expect(String(res.headers['set-cookie'])).toMatch(/^pilar_session=;/);
  });

  it('shows the account behind the cookie', async () => {
    const s = await signIn(t.app, kab);
    const res = await me({ cookie: s.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: kab.id }, csrfToken: s.csrfToken, via: 'session' });
  });
});

describe('CSRF protection of cookie-authenticated writes', () => {
  const createToken = (headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers, payload: { name: 'csrf test', expiresInDays: 1 } });

  it('refuses a POST without the x-csrf-token header', async () => {
    const s = await signIn(t.app, kab);
    const res = await createToken({ cookie: s.cookie });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'csrf' });
    expect(res.json().message.id).toMatch(/CSRF/);
  });

  it('refuses a wrong token, and one of another session', async () => {
    const s = await signIn(t.app, kab);
    const other = await signIn(t.app, kab);
    expect((await createToken({ cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) })).statusCode).toBe(403);
    expect((await createToken({ cookie: s.cookie, 'x-csrf-token': other.csrfToken })).statusCode).toBe(403);
  });

  it('accepts the POST with the session’s token', async () => {
    const s = await signIn(t.app, kab);
    expect((await createToken(s.headers)).statusCode).toBe(201);
  });

  it('also guards logout, but not login nor reads', async () => {
    const s = await signIn(t.app, kab);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie } })).statusCode).toBe(403);
    expect((await me({ cookie: s.cookie })).statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: s.cookie },
      payload: { username: kab.username, password: kab.password },
    });
    expect(again.statusCode).toBe(200);
  });
});

describe('sign out', () => {
  it('ends this session and clears the cookie', async () => {
    const s = await signIn(t.app, kab);
    const other = await signIn(t.app, kab);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/^pilar_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await me({ cookie: s.cookie })).statusCode).toBe(401);
    expect((await me({ cookie: other.cookie })).statusCode).toBe(200);
  });

  it('with everywhere: true ends every session of the account', async () => {
    const u = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] });
    const a = await signIn(t.app, u);
    const b = await signIn(t.app, u);
    const bystander = await signIn(t.app, kab);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: a.headers, payload: { everywhere: true } });
    expect(res.statusCode).toBe(204);
    expect((await me({ cookie: a.cookie })).statusCode).toBe(401);
    expect((await me({ cookie: b.cookie })).statusCode).toBe(401);
    expect((await me({ cookie: bystander.cookie })).statusCode).toBe(200);
  });

  it('is harmless when nobody is signed in', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
  });
});

describe('session expiry', () => {
  it('ends a session idle for longer than PILAR_SESSION_IDLE_HOURS; activity slides it', async () => {
    const s = await signIn(t.app, kab);
    clock.advance(2 * HOUR - MINUTE);
    expect((await me({ cookie: s.cookie })).statusCode).toBe(200); // slides the idle expiry
    clock.advance(2 * HOUR - MINUTE);
    const res = await me({ cookie: s.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json().session.idleExpiresAt).toBe(new Date(clock.now().getTime() + 2 * HOUR).toISOString());
    clock.advance(2 * HOUR + MINUTE);
    expect((await me({ cookie: s.cookie })).statusCode).toBe(401);
    // The expired session is gone from the table.
    const { rowCount } = await t.database.ownerQuery(`SELECT 1 FROM user_session WHERE token_hash = $1`, [sha256(s.cookie.split('=')[1]!)]);
    expect(rowCount).toBe(0);
  });

  it('writes last_seen_at at most once a minute', async () => {
    const s = await signIn(t.app, kab);
    const seen = async () =>
      (await t.database.ownerQuery(`SELECT last_seen_at FROM user_session WHERE token_hash = $1`, [sha256(s.cookie.split('=')[1]!)]))
        .rows[0].last_seen_at.getTime();
    const first = await seen();
    clock.advance(30_000);
    await me({ cookie: s.cookie });
    expect(await seen()).toBe(first);
    clock.advance(31_000);
    await me({ cookie: s.cookie });
    expect(await seen()).toBe(clock.now().getTime());
  });

  it('ends a session after PILAR_SESSION_MAX_DAYS however active it is', async () => {
    const s = await signIn(t.app, kab);
    for (let h = 1; h < 24; h++) {
      clock.advance(HOUR);
      expect((await me({ cookie: s.cookie })).statusCode, `after ${h} h`).toBe(200);
    }
    clock.advance(HOUR);
    expect((await me({ cookie: s.cookie })).statusCode).toBe(401);
  });
});

describe('changing the own password', () => {
  const change = (headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers, payload });

  it('needs the current password and a new one that follows the rules', async () => {
    const u = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] });
    const s = await signIn(t.app, u);
    const wrong = await change(s.headers, { currentPassword: 'nope', newPassword: 'kopi tubruk pagi hari' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'currentPassword', code: 'password.wrong' })]);
    const weak = await change(s.headers, { currentPassword: u.password, newPassword: 'password123' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([expect.objectContaining({ field: 'newPassword', code: 'password.common' })]);
    const mine = await change(s.headers, { currentPassword: u.password, newPassword: `${u.username}-baru` });
    expect(mine.json().errors[0]).toMatchObject({ field: 'newPassword', code: 'password.contains_username' });
    expect(mine.json().message.en).toBe('The password must not contain the username');
  });

  it('sets the new password, keeps this session and ends the others', async () => {
    const u = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] });
    const s = await signIn(t.app, u);
    const other = await signIn(t.app, u);
    const res = await change(s.headers, { currentPassword: u.password, newPassword: 'kopi tubruk pagi hari' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(false);
    expect((await me({ cookie: s.cookie })).statusCode).toBe(200);
    expect((await me({ cookie: other.cookie })).statusCode).toBe(401);
    expect((await login(u.username, u.password)).statusCode).toBe(401);
    expect((await login(u.username, 'kopi tubruk pagi hari')).statusCode).toBe(200);
    const { rows } = await t.database.ownerQuery(`SELECT password_hash FROM app_user WHERE id = $1`, [u.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
  });

  it('with a temporary password, nothing but /me, password change and logout works until it is changed', async () => {
    const u = await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }], mustChangePassword: true });
    const s = await signIn(t.app, u);
    expect((await me({ cookie: s.cookie })).json().user.mustChangePassword).toBe(true);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: s.cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    expect((await change(s.headers, { currentPassword: u.password, newPassword: 'kopi tubruk pagi hari' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });
});
