import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app';
import { syntheticNik } from './actors';
import { buildUser, signIn } from './factories';

/**
 * ≥ 10,000 random cross-scope attempts against the live API (issue 3): reads,
 * updates, reveals, histories, list filters and guessed ids, by actors of
 * different villages, regencies and roles. A person may only ever be reached by
 * an actor whose area contains the person's village and whose role allows it.
 */
const VILLAGES = ['33.72.01.1001', '33.72.01.1002', '33.72.02.1001', '19.01.01.1001', '19.71.01.1004', '19.01.03.2001'];

interface Who {
  label: string;
  area: string;
  canRead: boolean;
  canReveal: boolean;
  canHistory: boolean;
  headers: Record<string, string>;
}
interface Target {
  id: string;
  village: string;
  name: string;
}

const inside = (village: string, area: string) => area === 'ID' || village === area || village.startsWith(`${area}.`);

describe('random cross-scope attempts', () => {
  let t: TestApp;
  const people: Target[] = [];
  const actors: Who[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'admin', areaCode: 'ID' }] }));
    let serial = 0;
    for (const village of VILLAGES) {
      for (let i = 0; i < 2; i++) {
        const name = `Warga Lintas ${village} ${i}`;
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/persons',
          headers: admin.headers,
          payload: { villageCode: village, fullName: name, nik: syntheticNik(village.slice(0, 8), '1980-05-05', 'L', ++serial) },
        });
        expect(res.statusCode, res.body).toBe(201);
        people.push({ id: res.json().id, village, name });
      }
    }
    const specs: [string, 'psm' | 'dinsos_kab' | 'dinsos_prov' | 'ipsm_pengurus' | 'mitra' | 'kemensos', string][] = [
      ...VILLAGES.map((v) => [`psm ${v}`, 'psm', v] as [string, 'psm', string]),
      ['dinsos 33.72', 'dinsos_kab', '33.72'],
      ['dinsos 19.01', 'dinsos_kab', '19.01'],
      ['dinsos 19.71', 'dinsos_kab', '19.71'],
      ['dinsos prov 19', 'dinsos_prov', '19'],
      ['ipsm 33.72', 'ipsm_pengurus', '33.72'],
      ['mitra 33.72', 'mitra', '33.72'],
      ['kemensos', 'kemensos', 'ID'],
    ];
    for (const [label, role, area] of specs) {
      const { headers } = await signIn(t.app, await buildUser(t.database, { grants: [{ role, areaCode: area }] }));
      actors.push({
        label,
        area,
        canRead: ['psm', 'dinsos_kab', 'dinsos_prov', 'kemensos'].includes(role),
        canReveal: ['psm', 'dinsos_kab'].includes(role),
        canHistory: role === 'dinsos_kab',
        headers,
      });
    }
  });
  afterAll(async () => t?.close());

  it('never lets an actor reach a person outside its scope (10,000 attempts)', async () => {
    let reached = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 10_000 }),
        fc.nat({ max: 10_000 }),
        fc.constantFrom('read', 'update', 'reveal', 'history', 'list', 'guess'),
        fc.constantFrom(...VILLAGES, '33.72', '33.72.01', '19', '19.01', '33'),
        async (a, p, op, filterArea) => {
          const who = actors[a % actors.length]!;
          const target = people[p % people.length]!;
          let res;
          switch (op) {
            case 'read':
              res = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${target.id}`, headers: who.headers });
              break;
            case 'update':
              // A version that can never match: reaching the record answers 409, anything else 403/404.
              res = await t.app.inject({ method: 'PATCH', url: `/api/v1/persons/${target.id}`, headers: who.headers, payload: { version: 999999, address: 'x' } });
              break;
            case 'reveal':
              res = await t.app.inject({ method: 'POST', url: `/api/v1/persons/${target.id}/reveal-nik`, headers: who.headers, payload: { reason: 'percobaan lintas wilayah' } });
              break;
            case 'history':
              res = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${target.id}/history`, headers: who.headers });
              break;
            case 'guess':
              res = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${randomUUID()}`, headers: who.headers });
              expect(res.statusCode === 404 || res.statusCode === 403).toBe(true);
              return;
            case 'list': {
              res = await t.app.inject({ method: 'GET', url: `/api/v1/persons?area=${filterArea}&pageSize=100`, headers: who.headers });
              if (!who.canRead) {
                expect(res.statusCode).toBe(403);
                return;
              }
              expect(res.statusCode).toBe(200);
              const items = res.json().items as { id: string; villageCode: string }[];
              for (const it of items) expect(inside(it.villageCode, who.area), `${who.label} listed ${it.villageCode}`).toBe(true);
              const visible = people.filter((x) => inside(x.village, who.area) && inside(x.village, filterArea));
              expect(items.map((i) => i.id).sort()).toEqual(visible.map((x) => x.id).sort());
              return;
            }
          }
          const may = op === 'reveal' ? who.canReveal : op === 'history' ? who.canHistory : who.canRead;
          const allowed = may && inside(target.village, who.area);
          if (allowed) {
            expect(res.statusCode, `${who.label} ${op} ${target.village}`).toBeLessThan(op === 'update' ? 410 : 300);
            reached++;
          } else {
            expect([403, 404], `${who.label} ${op} ${target.village}: ${res.statusCode}`).toContain(res.statusCode);
            expect(res.body).not.toContain(target.name);
            expect(res.body).not.toContain(target.village);
            refused++;
          }
        },
      ),
      { numRuns: 10_000, seed: 20261123 },
    );
    // Both sides of the wall were exercised.
    expect(reached).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(2000);
  }, 600_000);
});
