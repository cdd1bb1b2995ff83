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

/** The grouped source of `d` restricted to the selected rows: `$1` the regency, `$2` the ids. */
function selectedSource(d: Def, sel: Selection): { sql: string; ids: string[] } {
  const [col, ids] =
    'personIds' in sel
      ? (['person', sel.personIds] as const)
      : 'caseIds' in sel
        ? (['case', sel.caseIds] as const)
        : (['id', sel.ids] as const);
  return { sql: d.source.replace('%SEL%', `s.regency_code = $1 AND ${d.by[col]} = ANY($2::uuid[])`), ids };
}

/** Adds (`sign` = 1) or subtracts (-1) the contribution of the selected rows to each rollup. */
export async function shiftRollups(db: Queryable, sel: Selection, sign: 1 | -1, kinds: readonly RollupKind[]): Promise<void> {
  for (const kind of kinds) {
    const d = DEFS[kind];
    const { sql, ids } = selectedSource(d, sel);
    if (ids.length === 0) return;
    const cols = [...d.key, ...d.measures];
    const signed = cols.map((c, i) => (i < d.key.length ? `g.c${i}` : `$3 * g.c${i}`));
    await db.query(
      `INSERT INTO ${d.table} (${cols.join(', ')})
       SELECT ${signed.join(', ')} FROM (${sql}) AS g(${cols.map((_, i) => `c${i}`).join(', ')})
       ON CONFLICT (${d.key.join(', ')}) DO UPDATE SET ${d.measures.map((m) => `${m} = ${d.table}.${m} + EXCLUDED.${m}`).join(', ')}`,
      [sel.regencyCode, ids, sign],
    );
  }
}

/** The selected rows' contribution to one rollup, as JSON rows named like the rollup's columns. */
async function contribution(db: Queryable, d: Def, sel: Selection): Promise<string> {
  const { sql, ids } = selectedSource(d, sel);
  if (ids.length === 0) return '[]';
  const cols = [...d.key, ...d.measures];
  const { rows } = await db.query(
    `SELECT coalesce(jsonb_agg(to_jsonb(g)), '[]'::jsonb)::text AS rows FROM (${sql}) AS g(${cols.join(', ')})`,
    [sel.regencyCode, ids],
  );
  return rows[0].rows as string;
}

/**
 * Runs `change` and moves each rollup by the difference between the selected rows'
 * contribution after and before it, in one upsert per rollup that touches only the cells
 * that changed, in key order. (Subtracting first and adding after in two statements
 * made two concurrent transitions, e.g. one closing and one reopening a case, lock the
 * same two cells in opposite orders: a deadlock.)
 */
export async function withRollups<T>(
  db: Queryable,
  before: Selection,
  kinds: readonly RollupKind[],
  change: () => Promise<T>,
  after: Selection = before,
): Promise<T> {
  const old: string[] = [];
  for (const kind of kinds) old.push(await contribution(db, DEFS[kind], before));
  const result = await change();
  for (const [i, kind] of kinds.entries()) {
    const d = DEFS[kind];
    const cols = [...d.key, ...d.measures];
    const key = d.key.join(', ');
    const { sql, ids } = selectedSource(d, after);
    // $1/$2 select the rows after the change (none when they are gone), $3 is the contribution before.
    const fresh = ids.length ? `UNION ALL SELECT * FROM (${sql}) AS g(${cols.join(', ')})` : '';
    const params = ids.length ? [after.regencyCode, ids, old[i]] : [old[i]];
    await db.query(
      `INSERT INTO ${d.table} (${cols.join(', ')})
       SELECT ${key}, ${d.measures.map((m) => `sum(${m})`).join(', ')}
       FROM (SELECT ${key}, ${d.measures.map((m) => `-${m} AS ${m}`).join(', ')} FROM jsonb_populate_recordset(NULL::${d.table}, $${params.length}::jsonb) ${fresh}) AS x
       GROUP BY ${key}
       HAVING ${d.measures.map((m) => `sum(${m}) <> 0`).join(' OR ')}
       ORDER BY ${key}
       ON CONFLICT (${key}) DO UPDATE SET ${d.measures.map((m) => `${m} = ${d.table}.${m} + EXCLUDED.${m}`).join(', ')}`,
      params,
    );
  }
  return result;
}

/** The raw GROUP BY each rollup must equal (for tests and `pilar` consistency checks). */
export function rollupTruthSql(kind: RollupKind): string {
  return DEFS[kind].source.replace('%SEL%', 'TRUE');
}
export const ROLLUP_TABLES: Readonly<Record<RollupKind, { table: string; key: string[]; measures: string[] }>> =
  Object.fromEntries(Object.entries(DEFS).map(([k, d]) => [k, { table: d.table, key: d.key, measures: d.measures }])) as Record<
    RollupKind,
    { table: string; key: string[]; measures: string[] }
  >;
