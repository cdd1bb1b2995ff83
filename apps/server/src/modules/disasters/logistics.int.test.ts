import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';

/**
 * Aid logistics (issue 9 §4): balances never go negative. Issuing beyond the stock is
 * refused with a message naming the item, what is left and what was asked; of
 * concurrent issues racing for the last units exactly one wins.
 */
const V = '33.72.01.1001';
let t: TestApp;
let dinsos: Record<string, string>;
let psm: Record<string, string>;
let incidentId: string;
let postId: string;
let itemId: string;
const victims: string[] = [];

const call = async (headers: Record<string, string>, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
};
const ok = async (headers: Record<string, string>, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
  const r = await call(headers, method, url, payload);
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
};
const balance = async () => (await ok(dinsos, 'GET', `/incidents/${incidentId}/stock/balances?postId=${postId}`)).items[0];

beforeAll(async () => {
  t = await createTestApp();
  dinsos = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] }))).headers;
  psm = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'psm', areaCode: V }] }))).headers;
  incidentId = (await ok(dinsos, 'POST', '/incidents', { kind: 'bencana_alam', hazard: 'kebakaran', title: 'Kebakaran permukiman Pajang', startedAt: '2026-03-01T10:00:00+07:00', villageCodes: [V] })).id;
  postId = (await ok(dinsos, 'POST', `/incidents/${incidentId}/posts`, { name: 'Posko Pajang', kind: 'posko', villageCode: V })).id;
  itemId = (await ok(dinsos, 'POST', `/incidents/${incidentId}/items`, { name: 'Air mineral', unit: 'dus', needKind: 'air_bersih', lowStockThreshold: 3 })).id;
  for (let i = 0; i < 3; i++) {
    const v = await ok(psm, 'POST', `/incidents/${incidentId}/victims`, {
      person: { villageCode: V, fullName: `Korban Kebakaran ${i + 1}`, nikMissingReason: 'belum_rekam' },
      displacement: 'posko',
      needs: ['air_bersih'],
    });
    victims.push(v.id);
  }
});
afterAll(async () => t?.close());

describe('stock', () => {
  it('adds receipts, warns on low stock and marks the victim’s need as served', async () => {
    await ok(psm, 'POST', `/incidents/${incidentId}/stock/receipts`, { postId, itemId, quantity: 7.5, donor: 'PMI Kota Surakarta' });
    await ok(psm, 'POST', `/incidents/${incidentId}/stock/receipts`, { postId, itemId, quantity: 2.5, donor: 'Warga RW 03' });
    expect(await balance()).toMatchObject({ received: 10, issued: 0, balance: 10, lowStock: false });
    const issued = await ok(psm, 'POST', `/incidents/${incidentId}/stock/issues`, { postId, itemId, quantity: 7, victimId: victims[0] });
    expect(issued).toMatchObject({ kind: 'issued', quantity: 7, balance: 3, lowStock: true });
    expect((await ok(dinsos, 'GET', `/incidents/${incidentId}/stock/balances?lowOnly=true`)).items).toHaveLength(1);
    const v = (await ok(dinsos, 'GET', `/incidents/${incidentId}/victims`)).items.find((x: { id: string }) => x.id === victims[0]);
    expect(v).toMatchObject({ needsServed: ['air_bersih'], basicNeedsMet: true });
    expect((await ok(dinsos, 'GET', `/incidents/${incidentId}/dashboard`)).villages[0]).toMatchObject({ victims: 3, victimsMet: 1, aidIssues: 1 });
  });

  it('refuses issuing beyond the balance with a clear bilingual message, and changes nothing', async () => {
    const r = await call(psm, 'POST', `/incidents/${incidentId}/stock/issues`, { postId, itemId, quantity: 4, victimId: victims[1] });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('stock_insufficient');
    expect(r.body.message).toEqual({
      id: 'Stok Air mineral di pos ini tidak cukup: tersisa 3 dus, diminta 4 dus',
      en: 'Not enough Air mineral at this post: 3 dus left, 4 dus requested',
    });
    expect(r.body.errors[0].field).toBe('quantity');
    expect(await balance()).toMatchObject({ balance: 3, issued: 7 });
    const moves = await t.database.ownerQuery(`SELECT count(*)::int AS n FROM stock_movement WHERE incident_id = $1 AND kind = 'issued'`, [incidentId]);
    expect(moves.rows[0].n).toBe(1);
  });

  it('lets exactly one of two concurrent issues take the last units', async () => {
    const results = await Promise.all(
      [victims[1], victims[2]].map((victimId) => call(psm, 'POST', `/incidents/${incidentId}/stock/issues`, { postId, itemId, quantity: 3, victimId })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await balance()).toMatchObject({ balance: 0, issued: 10, received: 10 });
    const raw = await t.database.ownerQuery(
      `SELECT sum(quantity) FILTER (WHERE kind = 'received')::float8 - sum(quantity) FILTER (WHERE kind = 'issued')::float8 AS left FROM stock_movement WHERE incident_id = $1`,
      [incidentId],
    );
    expect(raw.rows[0].left).toBe(0);
  });

  it('never lets the balance go negative, even from many racing issues', async () => {
    await ok(dinsos, 'POST', `/incidents/${incidentId}/stock/receipts`, { postId, itemId, quantity: 5, donor: 'Dinsos' });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call(psm, 'POST', `/incidents/${incidentId}/stock/issues`, { postId, itemId, quantity: 1, victimId: victims[i % 3] })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    expect((await balance()).balance).toBe(0);
    // The database itself refuses a negative balance (CHECK), whatever a future code path does.
    const err = await t.database.ownerQuery(`UPDATE stock_balance SET issued = issued + 1, balance = balance - 1 WHERE post_id = $1`, [postId]).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(err).toMatch(/check constraint/);
  });

  it('refuses a quantity with more than two decimals, an item of another incident and a missing recipient, naming the field', async () => {
    const q = await call(psm, 'POST', `/incidents/${incidentId}/stock/receipts`, { postId, itemId, quantity: 1.005, donor: 'X' });
    expect(q.status).toBe(400);
    expect(q.body.errors[0].field).toBe('quantity');
    const other = (await ok(dinsos, 'POST', '/incidents', { kind: 'bencana_alam', title: 'Lain', startedAt: '2026-03-01T10:00:00+07:00', villageCodes: [V] })).id;
    const foreign = (await ok(dinsos, 'POST', `/incidents/${other}/items`, { name: 'Selimut', unit: 'lembar', needKind: 'sandang' })).id;
    const wrong = await call(psm, 'POST', `/incidents/${incidentId}/stock/receipts`, { postId, itemId: foreign, quantity: 1, donor: 'X' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('itemId');
    const none = await call(psm, 'POST', `/incidents/${incidentId}/stock/issues`, { postId, itemId, quantity: 1 });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].field).toBe('victimId');
  });
});
