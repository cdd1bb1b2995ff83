import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';

/**
 * Incidents on the responder's phone (issue 9 §3): the PSM of an affected village gets the
 * incident on the first pull, hears of a status change on the next one, and a PSM of a
 * village outside the incident gets nothing. The phone cannot change an incident.
 */
const V = '33.72.01.1001';
const FAR = '33.11.01.2001';
type H = Record<string, string>;
let t: TestApp;
let dinsos: H, psm: H, psmFar: H;

const pull = async (headers: H, cursor?: string) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/sync/pull?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: {
      type: string;
      id: string;
      op: string;
      record?: { villageCode: string; version: number; data: Record<string, unknown> };
    }[];
    cursor: string;
  };
};
const incidents = (p: Awaited<ReturnType<typeof pull>>) => p.items.filter((i) => i.type === 'disaster_incident');

beforeAll(async () => {
  t = await createTestApp();
  const headers = async (role: string, area: string) =>
    (await signIn(t.app, await buildUser(t.database, { grants: [{ role: role as never, areaCode: area }] }))).headers as H;
  dinsos = await headers('dinsos_kab', '33.72');
  psm = await headers('psm', V);
  psmFar = await headers('psm', FAR);
});
afterAll(async () => t?.close());

describe('incidents through /sync/pull', () => {
  it('reach the responders of the affected villages, with status changes, and stay read-only', async () => {
    const before = await pull(psm);
    expect(incidents(before)).toEqual([]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: dinsos,
      payload: {
        kind: 'bencana_alam',
        hazard: 'banjir',
        title: 'Banjir Pajang',
        startedAt: '2026-03-01T10:00:00+07:00',
        villageCodes: [V, '33.72.01.1002'],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const inc = res.json();

    // The change log carries the new incident to the PSM already synced once…
    const next = await pull(psm, before.cursor);
    const [got] = incidents(next);
    expect(got).toMatchObject({ id: inc.id, op: 'upsert', record: { villageCode: V, version: 1 } });
    expect(got!.record!.data).toMatchObject({ title: 'Banjir Pajang', status: 'emergency', ppksCode: 21 });
    expect(got!.record!.data.actions).toContain('register_victim');
    const areas = got!.record!.data.areas as { villageCode: string; respond: boolean }[];
    expect(areas.map((a) => [a.villageCode, a.respond])).toEqual([
      [V, true],
      ['33.72.01.1002', false],
    ]);
    // …and the first snapshot of a new phone has it too; a PSM elsewhere gets nothing.
    expect(incidents(await pull(psm)).map((i) => i.id)).toEqual([inc.id]);
    expect(incidents(await pull(psmFar))).toEqual([]);

    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${inc.id}/status`,
      headers: dinsos,
      payload: { version: inc.version, status: 'recovery' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = incidents(await pull(psm, next.cursor));
    expect(after.map((i) => [i.id, i.record?.data.status])).toEqual([[inc.id, 'recovery']]);

    const push = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: psm,
      payload: {
        mutations: [
          { id: uuidv7(), entityType: 'disaster_incident', entityId: inc.id, op: 'update', baseVersion: 2, data: { title: 'X' } },
        ],
      },
    });
    expect(push.json().results[0].status).toBe('rejected');
    expect((await t.database.ownerQuery(`SELECT title FROM incident WHERE id = $1`, [inc.id])).rows).toEqual([
      { title: 'Banjir Pajang' },
    ]);
  });
});
