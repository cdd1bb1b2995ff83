import type { Queryable } from '../../platform/db/pool';

/**
 * Dashboard rollups (ARCHITECTURE.md decision 8), maintained by delta upserts in the
 * transaction of every change: subtract the contribution of the rows a change touches,
 * make the change, add their contribution back. Each rollup's definition lives here
 * once, as the GROUP BY over its raw table that it must always equal.
 */
export type RollupKind = 'case' | 'person_ppks' | 'service' | 'referral';
export const ALL_ROLLUPS: readonly RollupKind[] = ['case', 'person_ppks', 'service', 'referral'];

/** Which raw rows a change touches (all within one regency). */
export type Selection =
  | { regencyCode: string; personIds: string[] }
  | { regencyCode: string; caseIds: string[] }
  | { regencyCode: string; ids: string[] };

interface Def {
  table: string;
  key: string[];
  /** The grouped source: columns in `key` order, then the measures. */
  source: string;
  measures: string[];
  /** Column of the source alias `s` that each selection filters on. */
  by: { person: string; case: string; id: string };
}

const DEFS: Record<RollupKind, Def> = {
  case: {
    table: 'case_rollup',
    key: ['regency_code', 'village_code', 'ppks_code', 'status', 'verification', 'month'],
    source: `SELECT s.regency_code, s.village_code, s.ppks_code, s.status, s.verification, date_trunc('month', s.opened_on)::date, count(*)::int
             FROM ppks_case s WHERE %SEL% GROUP BY 1,2,3,4,5,6 ORDER BY 1,2,3,4,5,6`,
    measures: ['n'],
    by: { person: 's.person_id', case: 's.id', id: 's.id' },
  },
  person_ppks: {
    table: 'person_ppks_rollup',
    key: ['regency_code', 'village_code', 'ppks_code'],
    source: `SELECT s.regency_code, s.village_code, s.ppks_code, count(*)::int
             FROM person_ppks s JOIN person p ON p.regency_code = s.regency_code AND p.id = s.person_id
             WHERE s.ended_on IS NULL AND p.status IN ('active', 'restricted') AND %SEL%
             GROUP BY 1,2,3 ORDER BY 1,2,3`,
    measures: ['n'],
    by: { person: 's.person_id', case: 'NULL::uuid', id: 's.id' },
  },
  service: {
    table: 'service_rollup',
    key: ['regency_code', 'village_code', 'service_code', 'unit', 'month'],
    // Counted where the service was given, not where the person lives now.
    source: `SELECT left(s.delivered_village_code, 5), s.delivered_village_code, s.service_code, s.unit, date_trunc('month', s.delivered_on)::date,
                    count(*)::int, sum(s.quantity)
             FROM service_delivery s WHERE %SEL% GROUP BY 1,2,3,4,5 ORDER BY 1,2,3,4,5`,
    measures: ['n', 'quantity'],
    by: { person: 's.person_id', case: 's.case_id', id: 's.id' },
  },
  referral: {
    table: 'referral_rollup',
    key: ['regency_code', 'village_code', 'partner_id', 'status'],
    source: `SELECT s.regency_code, s.village_code, s.partner_id, s.status, count(*)::int
             FROM referral s WHERE %SEL% GROUP BY 1,2,3,4 ORDER BY 1,2,3,4`,
    measures: ['n'],
    by: { person: 's.person_id', case: 's.case_id', id: 's.id' },
  },
};

/** Adds (`sign` = 1) or subtracts (-1) the contribution of the selected rows to each rollup. */
export async function shiftRollups(db: Queryable, sel: Selection, sign: 1 | -1, kinds: readonly RollupKind[]): Promise<void> {
  const [col, ids] =
    'personIds' in sel ? (['person', sel.personIds] as const) : 'caseIds' in sel ? (['case', sel.caseIds] as const) : (['id', sel.ids] as const);
  if (ids.length === 0) return;
  for (const kind of kinds) {
    const d = DEFS[kind];
    const cols = [...d.key, ...d.measures];
    const source = d.source.replace('%SEL%', `s.regency_code = $1 AND ${d.by[col]} = ANY($2::uuid[])`);
    const signed = cols.map((c, i) => (i < d.key.length ? `g.c${i}` : `$3 * g.c${i}`));
    await db.query(
      `INSERT INTO ${d.table} (${cols.join(', ')})
       SELECT ${signed.join(', ')} FROM (${source}) AS g(${cols.map((_, i) => `c${i}`).join(', ')})
       ON CONFLICT (${d.key.join(', ')}) DO UPDATE SET ${d.measures.map((m) => `${m} = ${d.table}.${m} + EXCLUDED.${m}`).join(', ')}`,
      [sel.regencyCode, ids, sign],
    );
  }
}

/** Runs `change` between subtracting and re-adding the selected rows' contributions. */
export async function withRollups<T>(
  db: Queryable,
  before: Selection,
  kinds: readonly RollupKind[],
  change: () => Promise<T>,
  after: Selection = before,
): Promise<T> {
  await shiftRollups(db, before, -1, kinds);
  const result = await change();
  await shiftRollups(db, after, 1, kinds);
  return result;
}

/** The raw GROUP BY each rollup must equal (for tests and `pilar` consistency checks). */
export function rollupTruthSql(kind: RollupKind): string {
  return DEFS[kind].source.replace('%SEL%', 'TRUE');
}
export const ROLLUP_TABLES: Readonly<Record<RollupKind, { table: string; key: string[]; measures: string[] }>> = Object.fromEntries(
  Object.entries(DEFS).map(([k, d]) => [k, { table: d.table, key: d.key, measures: d.measures }]),
) as Record<RollupKind, { table: string; key: string[]; measures: string[] }>;
