import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type TestApp } from '../../../test/app';
import { buildUser, type BuiltUser } from '../../../test/factories';

let t: TestApp;
const clock = new ManualClock();

beforeAll(async () => {
  t = await createTestApp({ PILAR_LOGIN_MAX_FAILURES: '3', PILAR_LOGIN_LOCK_SECONDS: '600' }, { clock });
});
afterAll(() => t?.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
const psm = () => buildUser(t.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] });

async function auditActions(userId: string): Promise<string[]> {
  const { rows } = await t.database.ownerQuery(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY chain, seq`, [userId]);
  return rows.map((r) => r.action);
}

describe('lockout after repeated failed sign-ins', () => {
  let u: BuiltUser;
  beforeAll(async () => {
    u = await psm();
  });

  it('locks the account at the third consecutive failure: 429 with Retry-After', async () => {
    expect((await login(u.username, 'wrong 1')).statusCode).toBe(401);
    expect((await login(u.username, 'wrong 2')).statusCode).toBe(401);
    const third = await login(u.username, 'wrong 3');
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBe('600');
    expect(third.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(third.json()).toMatchObject({ status: 429, code: 'locked' });
    expect(third.json().message.en).toMatch(/locked.*10 minute/);
    expect(third.json().message.id).toMatch(/dikunci.*10 menit/);
  });

  it('stays locked for the right password too, counting down Retry-After', async () => {
    clock.advance(100_000);
    const res = await login(u.username, u.password);
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('locked');
    expect(res.headers['retry-after']).toBe('500');
    expect(res.headers['set-cookie']).toBeUndefined();
    clock.advance(499_000);
    expect((await login(u.username, u.password)).headers['retry-after']).toBe('1');
  });

  it('lets the right password in once the lock has expired, and starts counting afresh', async () => {
    clock.advance(1_000);
    expect((await login(u.username, u.password)).statusCode).toBe(200);
    const { rows } = await t.database.ownerQuery(`SELECT failed_logins, locked_until FROM app_user WHERE id = $1`, [u.id]);
    expect(rows[0]).toEqual({ failed_logins: 0, locked_until: null });
    // Two failures after a success do not lock (the counter was reset)…
    expect((await login(u.username, 'wrong')).statusCode).toBe(401);
    expect((await login(u.username, 'wrong')).statusCode).toBe(401);
    expect((await login(u.username, u.password)).statusCode).toBe(200);
  });

  it('counts only consecutive failures: a success in between resets the count', async () => {
    const v = await psm();
    for (let i = 0; i < 3; i++) {
      expect((await login(v.username, 'wrong')).statusCode).toBe(401);
      expect((await login(v.username, 'wrong')).statusCode).toBe(401);
      expect((await login(v.username, v.password)).statusCode).toBe(200);
    }
  });

  it('audits every failure and the lock, in transactions of their own', async () => {
    const actions = await auditActions(u.id);
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(3 + 2 + 2);
    expect(actions.filter((a) => a === 'auth.locked')).toHaveLength(1);
    expect(actions.filter((a) => a === 'auth.login')).toHaveLength(2);
    const { rows } = await t.database.ownerQuery(
      `SELECT actor_label, regency_code, details FROM audit_event WHERE entity_id = $1 AND action = 'auth.login_failed' ORDER BY seq`,
      [u.id],
    );
    expect(rows[0]).toEqual({ actor_label: 'publik', regency_code: '33.72', details: { reason: 'wrong_password' } });
    expect(rows.map((r) => r.details.reason)).toContain('locked');
    // Nothing typed by the user is kept.
    const { rows: all } = await t.database.ownerQuery(`SELECT details::text AS d FROM audit_event`);
    expect(all.some((r) => r.d.includes('wrong 1') || r.d.includes(u.password) || r.d.includes('argon2'))).toBe(false);
  });
});

describe('unknown usernames', () => {
  // They also spend the time of a real argon2id verification (verifyAgainstDummy); timing
  // is not asserted here (CONTRIBUTING.md: speed belongs in the bench, not in tests).
  it('answer exactly like a wrong password and never lock', async () => {
    const known = await psm();
    const wrong = await login(known.username, 'some wrong password');
    for (let i = 0; i < 5; i++) {
      const res = await login('no-such-user', 'some wrong password');
      expect(res.statusCode).toBe(401);
      expect(res.headers['retry-after']).toBeUndefined();
      expect({ ...res.json(), requestId: null }).toEqual({ ...wrong.json(), requestId: null });
    }
    const { rows } = await t.database.ownerQuery(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.login_failed' AND details->>'reason' = 'unknown_user'`,
    );
    expect(rows[0].n).toBe(5);
  });
});

describe('per-address rate limit on sign-in', () => {
  it('answers 429 rate_limited with Retry-After beyond PILAR_LOGIN_RATE_PER_MINUTE', async () => {
    const limited = await createTestApp({ PILAR_LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const u = await buildUser(limited.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] });
      const attempt = () =>
        limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: 'wrong' } });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const res = await attempt();
      expect(res.statusCode).toBe(429);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // Other endpoints are not limited by it.
      expect((await limited.app.inject({ method: 'GET', url: '/api/v1/areas' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
