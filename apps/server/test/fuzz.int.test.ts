import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app';
import { buildUser, signIn } from './factories';

/**
 * Fuzzing every endpoint of the OpenAPI document (issue 12): ≥ 10,000 malformed
 * or hostile requests — wrong types, huge strings, unicode tricks, SQL and HTML
 * injection, path traversal — must never answer 5xx, every 4xx must be
 * problem+json (a 400 naming the field), and nothing may be written.
 */
const HOSTILE = [
  "' OR 1=1 --",
  "'; DROP TABLE person; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '\u0000',
  '\u202e\u0041\u0042',
  'Ｓｕｒａｋａｒｔａ',
  'x'.repeat(10_000),
  '𝕏'.repeat(500),
  '%00',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '-1',
  '1e309',
  'NaN',
  'null',
  '[]',
  '0x41',
];

const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 50 }), fc.string({ unit: 'binary', maxLength: 30 }));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  params: string[];
  bodyProps: string[];
  queryProps: string[];
}

/** Tables whose row counts must not change under malformed input (audit and sessions may grow). */
const GROWS_ANYWAY = new Set(['audit_event', 'audit_chain_head', 'user_session', 'schema_migration']);

async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await t.database.ownerQuery(
    `SELECT relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
  );
  const out: Record<string, number> = {};
  for (const r of rows) {
    if (GROWS_ANYWAY.has(r.t) || r.t.startsWith('pgboss')) continue;
    out[r.t] = (await t.database.ownerQuery(`SELECT count(*)::int AS n FROM "${r.t}"`)).rows[0].n;
  }
  return out;
}

describe('fuzzing every endpoint from the OpenAPI document', () => {
  let t: TestApp;
  const ops: Operation[] = [];
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [m, op] of Object.entries(item)) {
        const method = m.toUpperCase() as Operation['method'];
        if (!['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(method)) continue;
        // Signing out would end the fuzzing session; it is covered by the auth tests.
        if (path.endsWith('/auth/logout')) continue;
        const params = (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name as string);
        const queryProps = (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name as string);
        const schema = op.requestBody?.content?.['application/json']?.schema;
        const bodyProps = schema?.properties ? Object.keys(schema.properties) : [];
        ops.push({ method, path, params, bodyProps, queryProps });
      }
    }
    const admin = await buildUser(t.database, { grants: [{ role: 'admin', areaCode: 'ID' }] });
    auth = (await signIn(t.app, admin)).headers;
  });
  afterAll(async () => t?.close());

  it('finds the API’s operations in the document', () => {
    expect(ops.length).toBeGreaterThan(15);
    expect(ops.some((o) => o.path === '/api/v1/persons' && o.method === 'POST')).toBe(true);
  });

  it('never answers 5xx, always problem+json, and writes nothing (10,000 requests)', async () => {
    const before = await rowCounts(t);
    const fiveHundreds: string[] = [];
    let writesAccepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(hostileString, { minLength: 3, maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 4 }),
        fc.array(hostileValue, { minLength: 4, maxLength: 4 }),
        fc.oneof(fc.constant('object'), fc.constant('raw'), fc.constant('primitive')),
        fc.boolean(),
        async (pick, pathValues, extraQuery, propValues, bodyKind, anonymous) => {
          const op = ops[pick % ops.length]!;
          let i = 0;
          const url =
            op.path.replace(/\{([^}]+)\}/g, () => encodeURIComponent(pathValues[i++ % 3]!)) +
            '?' +
            new URLSearchParams(
              Object.entries({
                ...Object.fromEntries(op.queryProps.map((q, k) => [q, propValues[k % 4]])),
                ...extraQuery,
              }).map(([k, v]) => [k, typeof v === 'string' ? v : String(JSON.stringify(v))]),
            ).toString();
          const headers: Record<string, string> = anonymous ? {} : { ...auth };
          let payload: string | undefined;
          if (op.method !== 'GET' && op.method !== 'DELETE') {
            headers['content-type'] = 'application/json';
            if (bodyKind === 'object') payload = JSON.stringify(Object.fromEntries(op.bodyProps.map((p, k) => [p, propValues[k % 4]])));
            else if (bodyKind === 'raw') payload = pathValues[0]!;
            else payload = JSON.stringify(propValues[0]);
          }
          const res = await t.app.inject({ method: op.method, url, headers, ...(payload !== undefined ? { payload } : {}) });
          const label = `${op.method} ${op.path} → ${res.statusCode}`;
          if (res.statusCode >= 500) fiveHundreds.push(`${label}: ${res.body.slice(0, 300)}`);
          expect(res.statusCode, label).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.headers['content-type'], label).toMatch(/^application\/problem\+json/);
            const body = res.json();
            expect(body.message?.id, label).toBeTruthy();
            expect(body.message?.en, label).toBeTruthy();
            if (res.statusCode === 400) expect(body.errors.length, `${label} names no field`).toBeGreaterThan(0);
          } else if (op.method !== 'GET') {
            writesAccepted++;
          }
        },
      ),
      { numRuns: 10_000, seed: 12 },
    );
    expect(fiveHundreds).toEqual([]);
    expect(writesAccepted).toBe(0);
    expect(await rowCounts(t)).toEqual(before);
  }, 900_000);
});
