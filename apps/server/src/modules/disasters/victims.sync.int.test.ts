import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { syntheticNik } from '../../../test/actors';
import { buildUser, signIn } from '../../../test/factories';

/**
 * Offline victim registration (issue 9 §3): a PSM's phone queues `disaster_victim`
 * creates while the network is down and pushes them later, possibly several times.
 * Each is applied exactly once: one person, one victim, one PPKS assignment, one count
 * on the dashboard.
 */
const V = '33.72.01.1001';
let t: TestApp;
let psm: Record<string, string>;
let incidentId: string;

const push = async (mutations: unknown[]) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: psm, payload: { mutations } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results as { status: string; entityId: string; version?: number; error?: { code: string; errors: { field: string }[] } }[];
};

beforeAll(async () => {
  t = await createTestApp();
  const dinsos = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] }))).headers;
  psm = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'psm', areaCode: V }] }))).headers;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/incidents',
    headers: dinsos,
    payload: { kind: 'bencana_alam', hazard: 'tanah_longsor', title: 'Longsor', startedAt: '2026-03-01T10:00:00+07:00', villageCodes: [V] },
  });
  incidentId = res.json().id;
});
afterAll(async () => t?.close());

describe('offline victim registration through /sync/push', () => {
  it('is applied exactly once however often the phone replays it', async () => {
    const victimId = uuidv7();
    const personId = uuidv7();
    const nik = syntheticNik('33.72.01', '1975-05-05', 'L', 55);
    const m = {
      id: uuidv7(),
      entityType: 'disaster_victim',
      entityId: victimId,
      op: 'create',
      data: { incidentId, person: { id: personId, villageCode: V, fullName: 'Pak Darso Longsor', nik }, displacement: 'posko', needs: ['pangan', 'hunian'], vulnerabilities: [] },
    };
    const first = await push([m]);
    expect(first[0]).toMatchObject({ status: 'applied', entityId: victimId, version: 1 });
    expect(await push([m])).toEqual(first);
    expect(await push([m, m])).toEqual([first[0], first[0]]);
    // The same record under a new mutation id (the outbox was rebuilt): still one victim.
    const replay = await push([{ ...m, id: uuidv7() }]);
    expect(replay[0]).toMatchObject({ status: 'applied', entityId: victimId });

    const count = async (sql: string) => (await t.database.ownerQuery(sql, [personId])).rows[0].n as number;
    expect(await count(`SELECT count(*)::int AS n FROM person WHERE id = $1`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM disaster_victim WHERE person_id = $1`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM person_ppks WHERE person_id = $1 AND ppks_code = 21`)).toBe(1);
    const dash = (await t.app.inject({ method: 'GET', url: `/api/v1/incidents/${incidentId}/dashboard`, headers: psm })).json();
    expect(dash.villages[0].victims).toBe(1);
  });

  it('sends the victim to the device on pull and merges an offline edit', async () => {
    const victimId = uuidv7();
    await push([{ id: uuidv7(), entityType: 'disaster_victim', entityId: victimId, op: 'create', data: { incidentId, person: { villageCode: V, fullName: 'Bu Warsini', nikMissingReason: 'belum_rekam' }, displacement: 'rumah_kerabat' } }]);
    const pulled = (await t.app.inject({ method: 'GET', url: '/api/v1/sync/pull?limit=200', headers: psm })).json();
    const rec = pulled.items.find((i: { type: string; id: string }) => i.type === 'disaster_victim' && i.id === victimId);
    expect(rec.record.data).toMatchObject({ incidentId, displacement: 'rumah_kerabat', ppksCode: 21 });
    expect(JSON.stringify(rec.record.data)).not.toContain('Warsini');
    const upd = await push([{ id: uuidv7(), entityType: 'disaster_victim', entityId: victimId, op: 'update', baseVersion: 1, data: { displacement: 'posko', needs: ['pangan'] } }]);
    expect(upd[0].status).toBe('applied');
    const row = (await t.database.ownerQuery(`SELECT displacement, needs FROM disaster_victim WHERE id = $1`, [victimId])).rows[0];
    expect(row).toEqual({ displacement: 'posko', needs: ['pangan'] });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/incidents/${incidentId}/dashboard`, headers: psm })).json().villages[0]).toMatchObject({ victims: 2, victimsDisplaced: 2 });
  });

  it('rejects an invalid offline registration with the field named, and remembers the refusal', async () => {
    const m = { id: uuidv7(), entityType: 'disaster_victim', entityId: uuidv7(), op: 'create', data: { incidentId, person: { villageCode: V, fullName: 'X Y', nik: '123' }, displacement: 'posko' } };
    const r = await push([m]);
    expect(r[0].status).toBe('rejected');
    expect(r[0].error!.errors[0].field).toBe('nik');
    expect(await push([m])).toEqual(r);
  });
});
