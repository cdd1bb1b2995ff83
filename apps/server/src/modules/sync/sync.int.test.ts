import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';

const V1 = '33.72.01.1001';
const V2 = '33.72.01.1002';
let t: TestApp;
let psmA: Record<string, string>; // a PSM's phone
let psmB: Record<string, string>; // a second phone of another PSM in the same village
let dinsos: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  psmA = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'psm', areaCode: V1 }] }))).headers;
  psmB = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'psm', areaCode: V1 }] }))).headers;
  dinsos = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] }))).headers;
});
afterAll(async () => t?.close());

const push = async (headers: Record<string, string>, mutations: unknown[]) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers, payload: { mutations } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results as any[];
};
const pull = async (headers: Record<string, string>, cursor?: string, limit = 200) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/sync/pull?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: any[]; cursor: string; more: boolean };
};
const createMutation = (entityId: string, fullName: string, village = V1) => ({
  id: uuidv7(),
  entityType: 'person',
  entityId,
  op: 'create',
  data: { villageCode: village, fullName, nikMissingReason: 'belum_rekam' },
});

describe('push', () => {
  it('applies a mutation exactly once, however often the phone retries it', async () => {
    const id = uuidv7();
    const m = createMutation(id, 'Mbah Sastro');
    const first = await push(psmA, [m]);
    const again = await push(psmA, [m]);
    expect(first[0]).toMatchObject({ status: 'applied', entityId: id, version: 1 });
    expect(again).toEqual(first);
    const n = await t.database.ownerQuery(`SELECT count(*)::int AS n FROM person WHERE id = $1`, [id]);
    expect(n.rows[0].n).toBe(1);
  });

  it('merges edits of different fields made offline from the same version, without a conflict', async () => {
    const id = uuidv7();
    await push(psmA, [createMutation(id, 'Bu Darmi')]);
    const a = await push(psmA, [{ id: uuidv7(), entityType: 'person', entityId: id, op: 'update', baseVersion: 1, data: { phone: '0812 1111 2222' } }]);
    const b = await push(psmB, [{ id: uuidv7(), entityType: 'person', entityId: id, op: 'update', baseVersion: 1, data: { address: 'Jl. Kenanga 3' } }]);
    expect(a[0].status).toBe('applied');
    expect(b[0]).toMatchObject({ status: 'merged', conflicts: [] });
    const row = (await t.database.ownerQuery(`SELECT phone, address FROM person WHERE id = $1`, [id])).rows[0];
    expect(row).toEqual({ phone: '0812 1111 2222', address: 'Jl. Kenanga 3' });
  });

  it('turns edits of the same field into a visible conflict, keeps both values, and lets a person resolve it', async () => {
    const id = uuidv7();
    await push(psmA, [createMutation(id, 'Pak Karto')]);
    await push(psmA, [{ id: uuidv7(), entityType: 'person', entityId: id, op: 'update', baseVersion: 1, data: { address: 'RT 01 (versi A)' } }]);
    const b = await push(psmB, [{ id: uuidv7(), entityType: 'person', entityId: id, op: 'update', baseVersion: 1, data: { address: 'RT 02 (versi B)', phone: '0813 5555 6666' } }]);
    expect(b[0].status).toBe('merged');
    expect(b[0].conflicts).toHaveLength(1);
    // The server value was not overwritten; the other field merged.
    const row = (await t.database.ownerQuery(`SELECT address, phone FROM person WHERE id = $1`, [id])).rows[0];
    expect(row).toEqual({ address: 'RT 01 (versi A)', phone: '0813 5555 6666' });

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/sync/conflicts', headers: dinsos });
    const c = list.json().items.find((x: any) => x.entityId === id);
    expect(c).toMatchObject({ field: 'address', serverValue: 'RT 01 (versi A)', clientValue: 'RT 02 (versi B)', baseVersion: 1 });
    expect(c.serverBy).toBeTruthy();
    expect(c.clientBy).toBeTruthy();

    const resolved = await t.app.inject({ method: 'POST', url: `/api/v1/sync/conflicts/${c.id}/resolve`, headers: dinsos, payload: { resolution: 'client' } });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await t.database.ownerQuery(`SELECT address FROM person WHERE id = $1`, [id])).rows[0].address).toBe('RT 02 (versi B)');
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/sync/conflicts/${c.id}/resolve`, headers: dinsos, payload: { resolution: 'server' } });
    expect(again.statusCode).toBe(409);
    const audit = await t.database.ownerQuery(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'sync.conflict_resolved' AND entity_id = $1`, [id]);
    expect(audit.rows[0].n).toBe(1);
  });

  it('rejects a bad mutation with a reason the PSM can act on, and remembers it', async () => {
    const m = { id: uuidv7(), entityType: 'person', entityId: uuidv7(), op: 'create', data: { villageCode: V1, fullName: 'Tanpa Alasan' } };
    const [r] = await push(psmA, [m]);
    expect(r.status).toBe('rejected');
    expect(r.error.errors[0].field).toBe('nik');
    expect(r.error.message.id).toBeTruthy();
    expect((await push(psmA, [m]))[0]).toEqual(r);
  });
});

describe('pull', () => {
  it('downloads the scope in resumable pages, then only what changed', async () => {
    const first: any[] = [];
    let page = await pull(psmA, undefined, 2);
    first.push(...page.items);
    const cursors = [page.cursor];
    while (page.more) {
      page = await pull(psmA, page.cursor, 2);
      first.push(...page.items);
      cursors.push(page.cursor);
    }
    const ids = first.map((i) => i.id);
    const inVillage = (await t.database.ownerQuery(`SELECT id FROM person WHERE village_code = $1 AND status = 'active'`, [V1])).rows.map((r) => r.id);
    expect(new Set(ids)).toEqual(new Set(inVillage));
    expect(first.every((i) => i.record.villageCode === V1)).toBe(true);
    // Interrupted after the first page: resuming from its cursor gives the same next page, not a restart.
    const resumed = await pull(psmA, cursors[0], 2);
    expect(resumed.items.map((i) => i.id)).toEqual(first.slice(2, 4).map((i) => i.id));

    // Nothing new: an empty page.
    const idle = await pull(psmA, page.cursor);
    expect(idle.items).toEqual([]);

    // A change elsewhere (another village) is not sent; a change here is, once.
    const here = uuidv7();
    await push(dinsos, [createMutation(here, 'Warga Baru Sini'), createMutation(uuidv7(), 'Warga Desa Sebelah', V2)]);
    const delta = await pull(psmA, idle.cursor);
    expect(delta.items.map((i) => i.id)).toEqual([here]);
    expect(JSON.stringify(delta)).not.toContain('Warga Desa Sebelah');
    // No NIK in clear ever travels to the device.
    expect(JSON.stringify(delta)).not.toMatch(/"nik":/);
  });

  it('never skips a change committed late by a transaction that started earlier', async () => {
    const start = await pull(dinsos);
    let cursor = start.cursor;
    while ((await pull(dinsos, cursor)).more) cursor = (await pull(dinsos, cursor)).cursor;
    cursor = (await pull(dinsos, cursor)).cursor;

    // A slow transaction writes first and commits last.
    const slow = new pg.Client({ connectionString: t.database.ownerUrl });
    await slow.connect();
    await slow.query('BEGIN');
    const slowId = uuidv7();
    await slow.query(
      `INSERT INTO person (id, regency_code, village_code, full_name, nik_missing_reason, created_at, updated_at) VALUES ($1, '33.72', $2, 'Lambat', 'tidak_punya', now(), now())`,
      [slowId, V1],
    );
    const fastId = uuidv7();
    await push(dinsos, [createMutation(fastId, 'Cepat')]);
    const mid = await pull(dinsos, cursor);
    // The fast change is held back while an older transaction is still open.
    expect(mid.items.map((i) => i.id)).not.toContain(slowId);
    await slow.query('COMMIT');
    await slow.end();
    const after = await pull(dinsos, mid.cursor);
    const got = [...mid.items, ...after.items].map((i) => i.id);
    expect(got).toContain(slowId);
    expect(got).toContain(fastId);
  });

  it('tells the device to remove a record that left its scope', async () => {
    const id = uuidv7();
    await push(psmA, [createMutation(id, 'Akan Pindah')]);
    let page = await pull(psmA);
    while (page.more) page = await pull(psmA, page.cursor);
    await t.database.ownerQuery(`UPDATE person SET village_code = $2, version = version + 1 WHERE id = $1`, [id, V2]);
    const delta = await pull(psmA, page.cursor);
    expect(delta.items).toContainEqual({ type: 'person', id, op: 'remove' });
  });

  it('refuses a forged cursor with a clear message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/sync/pull?cursor=not-a-cursor', headers: psmA });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('cursor');
  });
});
