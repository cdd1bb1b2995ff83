import { can, ROLES, type Role } from '@pilar/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app';
import { buildUser, signIn } from './factories';

/**
 * The access matrix (issue 3): every role × area relation × person permission,
 * against an expectation written out here independently of the policy module,
 * checked both on the pure policy and on the live API.
 */
const TARGET_VILLAGE = '33.72.01.1001'; // Laweyan, Kota Surakarta

const RELATIONS = {
  same_village: '33.72.01.1001',
  sibling_village: '33.72.01.1002',
  parent_district: '33.72.01',
  parent_regency: '33.72',
  other_regency: '33.71',
  other_province: '19',
  national: 'ID',
} as const;
type Relation = keyof typeof RELATIONS;
const CONTAINS_TARGET: Record<Relation, boolean> = {
  same_village: true,
  sibling_village: false,
  parent_district: true,
  parent_regency: true,
  other_regency: false,
  other_province: false,
  national: true,
};

const ACTIONS = ['person.read', 'person.update', 'person.reveal_nik', 'person.history', 'person.create'] as const;
type Action = (typeof ACTIONS)[number];

/** Which person permissions each role holds — the product decision, written out by hand. */
const ROLE_HAS: Record<Role, Action[]> = {
  admin: ['person.read', 'person.update', 'person.reveal_nik', 'person.history', 'person.create'],
  kemensos: ['person.read'],
  dinsos_prov: ['person.read'],
  dinsos_kab: ['person.read', 'person.update', 'person.reveal_nik', 'person.history', 'person.create'],
  dinsos_kab_verifier: ['person.read', 'person.update', 'person.reveal_nik', 'person.history', 'person.create'],
  dinsos_kab_head: ['person.read', 'person.update', 'person.reveal_nik', 'person.history', 'person.create'],
  ipsm_pengurus: [],
  psm: ['person.read', 'person.update', 'person.reveal_nik', 'person.create'],
  mitra: [],
};

const expected = (role: Role, rel: Relation, action: Action) => ROLE_HAS[role].includes(action) && CONTAINS_TARGET[rel];

const cases = ROLES.flatMap((role) =>
  (Object.keys(RELATIONS) as Relation[]).flatMap((rel) => ACTIONS.map((action) => ({ role, rel, action }))),
);

describe('policy matrix (pure)', () => {
  it.each(cases)('$role at $rel: $action', ({ role, rel, action }) => {
    const principal = { userId: 'u', grants: [{ role, areaCode: RELATIONS[rel] }] };
    expect(can(principal, action, { areaCode: TARGET_VILLAGE })).toBe(expected(role, rel, action));
  });
});

describe('access matrix against the live API', () => {
  let t: TestApp;
  let personId: string;
  const NAME = 'Warga Matriks Akses';
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await buildUser(t.database, { grants: [{ role: 'admin', areaCode: 'ID' }] });
    const s = await signIn(t.app, admin);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: s.headers,
      payload: { villageCode: TARGET_VILLAGE, fullName: NAME, nik: '3372015203500001', sex: 'P', birthDate: '1950-03-12' },
    });
    expect(res.statusCode).toBe(201);
    personId = res.json().id;
  });
  afterAll(async () => t?.close());

  async function attempt(headers: Record<string, string>, action: Action, n: number) {
    const version = (await t.database.ownerQuery(`SELECT version FROM person WHERE id = $1`, [personId])).rows[0].version;
    switch (action) {
      case 'person.read':
        return t.app.inject({ method: 'GET', url: `/api/v1/persons/${personId}`, headers });
      case 'person.update':
        return t.app.inject({ method: 'PATCH', url: `/api/v1/persons/${personId}`, headers, payload: { version, address: `Jl. Uji ${n}` } });
      case 'person.reveal_nik':
        return t.app.inject({ method: 'POST', url: `/api/v1/persons/${personId}/reveal-nik`, headers, payload: { reason: 'Uji matriks akses peran' } });
      case 'person.history':
        return t.app.inject({ method: 'GET', url: `/api/v1/persons/${personId}/history`, headers });
      case 'person.create':
        return t.app.inject({
          method: 'POST',
          url: '/api/v1/persons',
          headers,
          payload: { villageCode: TARGET_VILLAGE, fullName: `Warga Baru ${n}`, nikMissingReason: 'belum_rekam' },
        });
    }
  }

  for (const role of ROLES) {
    it(`${role}: every area relation and person permission`, async () => {
      let n = 0;
      for (const rel of Object.keys(RELATIONS) as Relation[]) {
        const user = await buildUser(t.database, { grants: [{ role, areaCode: RELATIONS[rel] }] });
        const { headers } = await signIn(t.app, user);
        for (const action of ACTIONS) {
          const res = await attempt(headers, action, ++n);
          const allowed = expected(role, rel, action);
          const label = `${role}@${rel} ${action} → ${res.statusCode}`;
          if (allowed) expect(res.statusCode, label).toBeLessThan(300);
          else {
            expect([403, 404], label).toContain(res.statusCode);
            expect(res.body, label).not.toContain(NAME);
            expect(res.headers['content-type'], label).toMatch(/problem\+json/);
          }
        }
        // List filters: the person shows up exactly when it is readable.
        const list = await t.app.inject({ method: 'GET', url: `/api/v1/persons?area=${TARGET_VILLAGE}`, headers });
        if (ROLE_HAS[role].includes('person.read')) {
          expect(list.statusCode).toBe(200);
          expect(list.body.includes(personId), `${role}@${rel} list`).toBe(CONTAINS_TARGET[rel]);
        } else {
          expect(list.statusCode).toBe(403);
        }
      }
    });
  }

  it('answers 401 to anonymous callers on every person endpoint', async () => {
    for (const action of ACTIONS) {
      const res = await attempt({}, action, 0);
      expect(res.statusCode).toBe(401);
    }
  });
});
