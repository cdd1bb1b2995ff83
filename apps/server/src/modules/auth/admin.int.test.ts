import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildUser } from '../../../test/factories';
import { ensureAdmin } from './admin';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const login = (app: TestApp, password: string) =>
  app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password } });

describe('ensureAdmin (first start)', () => {
  it('creates admin@ID with a generated password printed once, to be changed at first sign-in', async () => {
    t = await createTestApp();
    const lines: string[] = [];
    await ensureAdmin(t.app.pilar, t.app.pilar.config, (m) => lines.push(m));
    expect(lines).toHaveLength(1);
    const m = /^Admin login: admin \/ (\S+) — change it after the first login$/.exec(lines[0]!);
    expect(m).not.toBeNull();
    const res = await login(t, m![1]!);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { username: 'admin', mustChangePassword: true }, grants: [{ role: 'admin', areaCode: 'ID', areaName: 'Indonesia' }] });
    // Every later start: nothing to do, nothing printed.
    await ensureAdmin(t.app.pilar, t.app.pilar.config, (m) => lines.push(m));
    expect(lines).toHaveLength(1);
    const { rows } = await t.database.ownerQuery(`SELECT chain, actor_label, details FROM audit_event WHERE action = 'user.created'`);
    expect(rows).toEqual([{ chain: 'system', actor_label: 'system', details: expect.objectContaining({ username: 'admin', passwordGenerated: true }) }]);
    expect(JSON.stringify(rows)).not.toContain(m![1]!);
  });

  it('uses PILAR_ADMIN_PASSWORD when set, printing nothing', async () => {
    t = await createTestApp({ PILAR_ADMIN_PASSWORD: 'kopi tubruk pagi hari' });
    const lines: string[] = [];
    await ensureAdmin(t.app.pilar, t.app.pilar.config, (m) => lines.push(m));
    expect(lines).toEqual([]);
    const res = await login(t, 'kopi tubruk pagi hari');
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(false);
  });

  it('does nothing when an administrator already exists', async () => {
    t = await createTestApp();
    await buildUser(t.database, { username: 'kepala-it', grants: [{ role: 'admin', areaCode: 'ID' }] });
    const lines: string[] = [];
    await ensureAdmin(t.app.pilar, loadConfig({ NODE_ENV: 'test' }), (m) => lines.push(m));
    expect(lines).toEqual([]);
    expect((await t.database.ownerQuery(`SELECT 1 FROM app_user WHERE username = 'admin'`)).rowCount).toBe(0);
  });

  it('two instances starting together create one admin', async () => {
    t = await createTestApp();
    const lines: string[] = [];
    await Promise.all([1, 2, 3].map(() => ensureAdmin(t!.app.pilar, t!.app.pilar.config, (m) => lines.push(m))));
    expect(lines).toHaveLength(1);
    expect((await t.database.ownerQuery(`SELECT count(*)::int AS n FROM user_grant WHERE role = 'admin'`)).rows[0].n).toBe(1);
  });
});
