import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './db';

/**
 * The Citus multi-tenant layout (ARCHITECTURE.md decision 1, docs/scale-out.md):
 * every table that holds per-person data is distributed by `regency_code`, so it
 * must lead the primary key, and every foreign key between such tables must carry
 * it. A new table that forgets this fails here, not during a migration to Citus.
 */
const PERSON_COLUMNS = ['person_id', 'member_id', 'case_id', 'household_id', 'victim_id'];

/** Tables that hold person references but are not distributed by regency, and why. */
const EXEMPT: Record<string, string> = {
  audit_event: 'append-only log: distributed by its chain (= regency) column in Citus, keyed by id',
  sync_change: 'change log read by snapshot horizon; partitioned by time, not by regency',
  sync_mutation: 'idempotency keys of pushed mutations, looked up by id only',
  sync_conflict: 'small working table; reference-replicated',
  stored_file: 'file metadata looked up by id; files live outside the database',
  job_run: 'job bookkeeping',
  ipsm_board_position: 'IPSM organisation data, reference-replicated; its member link is a soft reference (no foreign key)',
  ipsm_event_attendance: 'IPSM organisation data, reference-replicated; its member link is a soft reference (no foreign key)',
  person_transfer: 'a hand-over between two regencies, read from both ends: small and reference-replicated',
};

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

async function perPersonTables(): Promise<string[]> {
  const { rows } = await t.ownerQuery(
    `SELECT DISTINCT c.relname AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind = 'r'
       AND (c.relname = 'person' OR c.relrowsecurity OR a.attname = ANY($1))
     ORDER BY 1`,
    [PERSON_COLUMNS],
  );
  return rows.map((r) => r.name as string).filter((n) => !(n in EXEMPT));
}

describe('scale-out layout', () => {
  it('finds the per-person tables (person, members, cases … as they are added)', async () => {
    const tables = await perPersonTables();
    expect(tables).toContain('person');
    expect(tables).toContain('member');
  });

  it('leads every per-person table’s primary key with regency_code', async () => {
    const offenders: string[] = [];
    for (const name of await perPersonTables()) {
      const { rows } = await t.ownerQuery(
        `SELECT a.attname AS col
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
         WHERE c.relname = $1 AND i.indisprimary ORDER BY k.ord`,
        [name],
      );
      const key = rows.map((r) => r.col);
      if (!key.includes('regency_code')) offenders.push(`${name} (${key.join(', ') || 'no primary key'})`);
    }
    expect(offenders).toEqual([]);
  });

  it('carries regency_code in every foreign key between per-person tables', async () => {
    const tables = new Set(await perPersonTables());
    const { rows } = await t.ownerQuery(
      `SELECT k.conname, src.relname AS child, dst.relname AS parent,
              ARRAY(SELECT a.attname::text FROM unnest(k.conkey) AS c(n) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = c.n) AS cols
       FROM pg_constraint k JOIN pg_class src ON src.oid = k.conrelid JOIN pg_class dst ON dst.oid = k.confrelid
       WHERE k.contype = 'f'`,
    );
    const offenders = rows
      .filter((r) => tables.has(r.child) && tables.has(r.parent) && !(r.cols as string[]).includes('regency_code'))
      .map((r) => `${r.child}.${r.conname} → ${r.parent} (${(r.cols as string[]).join(', ')})`);
    expect(offenders).toEqual([]);
  });
});
