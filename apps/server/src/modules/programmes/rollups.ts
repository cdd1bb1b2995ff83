import type { Queryable } from '../../platform/db/pool';

/**
 * Programme rollups for the dashboard (ARCHITECTURE.md decision 8, issue 8 §6), kept
 * fresh in the transaction of every change: the selection's contribution is taken
 * before the change, taken again after, and the difference upserted. Each rollup is
 * defined once here as the GROUP BY over its raw rows it must always equal.
 */
export type ProgrammeRollup = 'membership' | 'usulan' | 'distribution';

interface Def {
  table: string;
  key: string[];
  measures: string[];
  /** Grouped contribution of the rows selected by $1 (regency) and $2 (ids); `%W%` is the whole-table filter for the truth query. */
  source: string;
}

export const PROGRAMME_ROLLUPS: Record<ProgrammeRollup, Def> = {
  membership: {
    table: 'programme_membership_rollup',
    key: ['regency_code', 'village_code', 'programme_code', 'status'],
    measures: ['n'],
    source: `SELECT s.regency_code, s.village_code, s.programme_code, s.status, count(*)::int AS n
             FROM programme_membership s WHERE %W% GROUP BY 1,2,3,4`,
  },
  usulan: {
    table: 'usulan_rollup',
    key: ['regency_code', 'village_code', 'programme_code', 'status', 'month'],
    measures: ['n'],
    source: `SELECT s.regency_code, s.village_code, s.programme_code, s.status,
                    coalesce(s.batch_month, date_trunc('month', s.created_at AT TIME ZONE 'UTC')::date) AS month, count(*)::int AS n
             FROM usulan s WHERE %W% GROUP BY 1,2,3,4,5`,
  },
  distribution: {
    table: 'distribution_rollup',
    key: ['regency_code', 'village_code', 'programme_code', 'month'],
    measures: ['expected', 'received', 'represented', 'absent'],
    source: `SELECT s.regency_code, s.village_code, e.programme_code, date_trunc('month', e.held_on)::date AS month,
                    count(*)::int AS expected,
                    count(*) FILTER (WHERE c.outcome = 'received')::int AS received,
                    count(*) FILTER (WHERE c.outcome = 'represented')::int AS represented,
                    count(*) FILTER (WHERE c.outcome = 'absent')::int AS absent
             FROM distribution_recipient s
             JOIN distribution_event e ON e.regency_code = s.regency_code AND e.id = s.event_id
             LEFT JOIN distribution_checkin c ON c.regency_code = s.regency_code AND c.recipient_id = s.id
             WHERE %W% GROUP BY 1,2,3,4`,
  },
};

/** Column that selects the raw rows of a change. */
const SELECT_BY: Record<ProgrammeRollup, string> = { membership: 's.id', usulan: 's.id', distribution: 's.event_id' };

async function contribution(db: Queryable, kind: ProgrammeRollup, regencyCode: string, ids: string[]) {
  const sql = PROGRAMME_ROLLUPS[kind].source.replace('%W%', `s.regency_code = $1 AND ${SELECT_BY[kind]} = ANY($2::uuid[])`);
  return (await db.query(sql, [regencyCode, ids])).rows as Record<string, unknown>[];
}

/**
 * Runs `fn` (a change to the selected rows: memberships or usulan by id, distributions
 * by event id, all in one regency) and moves the rollup by exactly what it changed.
 */
export async function withProgrammeRollup<T>(db: Queryable, kind: ProgrammeRollup, sel: { regencyCode: string; ids: string[] }, fn: () => Promise<T>): Promise<T> {
  const def = PROGRAMME_ROLLUPS[kind];
  const before = await contribution(db, kind, sel.regencyCode, sel.ids);
  const result = await fn();
  const after = await contribution(db, kind, sel.regencyCode, sel.ids);
  const delta = new Map<string, { key: unknown[]; m: number[] }>();
  const add = (rows: Record<string, unknown>[], sign: number) => {
    for (const r of rows) {
      const key = def.key.map((k) => (r[k] instanceof Date ? (r[k] as Date).toISOString().slice(0, 10) : r[k]));
      const id = JSON.stringify(key);
      const cur = delta.get(id) ?? { key, m: def.measures.map(() => 0) };
      def.measures.forEach((m, i) => (cur.m[i]! += sign * Number(r[m])));
      delta.set(id, cur);
    }
  };
  add(before, -1);
  add(after, 1);
  const cols = [...def.key, ...def.measures];
  for (const { key, m } of delta.values()) {
    if (m.every((v) => v === 0)) continue;
    const params = [...key, ...m];
    await db.query(
      `INSERT INTO ${def.table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (${def.key.join(', ')}) DO UPDATE SET ${def.measures.map((c) => `${c} = ${def.table}.${c} + EXCLUDED.${c}`).join(', ')}`,
      params,
    );
  }
  return result;
}

/** The rollup as it must be, computed from the raw tables (tests compare the two). */
export function programmeRollupTruthSql(kind: ProgrammeRollup): string {
  return PROGRAMME_ROLLUPS[kind].source.replace('%W%', 'TRUE');
}
