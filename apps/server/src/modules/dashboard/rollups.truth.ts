import { ROLLUP_TABLES, rollupTruthSql, type RollupKind } from '../cases/rollups';

/**
 * The rollups this module keeps (migrations 0040/0041), each with the GROUP BY over the
 * raw tables it must always equal — for the property test and consistency checks.
 * Regency-level twins equal the same GROUP BY without the village.
 */
export interface RollupDef {
  table: string;
  key: string[];
  measures: string[];
  truth: string;
}

const SPM_TRUTH = `
  WITH w AS (
    SELECT c.regency_code, c.person_id, c.village_code, m.spm, extract(year FROM a.assessed_on)::int AS year, false AS served
    FROM ppks_case c JOIN spm_category m ON m.ppks_code = c.ppks_code JOIN assessment a ON a.regency_code = c.regency_code AND a.case_id = c.id
    WHERE c.person_id IS NOT NULL
    UNION ALL
    SELECT c.regency_code, c.person_id, c.village_code, m.spm, extract(year FROM d.delivered_on)::int, true
    FROM ppks_case c JOIN spm_category m ON m.ppks_code = c.ppks_code JOIN service_delivery d ON d.regency_code = c.regency_code AND d.case_id = c.id
    WHERE c.person_id IS NOT NULL
  ), s AS (SELECT regency_code, person_id, village_code, spm, year, bool_or(served) AS served FROM w GROUP BY 1, 2, 3, 4, 5)
  SELECT regency_code, village_code, spm, year, count(*)::int, (count(*) FILTER (WHERE served))::int FROM s GROUP BY 1, 2, 3, 4`;

export const OWN_ROLLUPS: Record<string, RollupDef> = {
  activity: {
    table: 'activity_rollup',
    key: ['regency_code', 'village_code', 'duty', 'month'],
    measures: ['n'],
    truth: `SELECT regency_code, village_code, duty, date_trunc('month', occurred_on)::date, count(*)::int FROM psm_activity WHERE status = 'active' GROUP BY 1, 2, 3, 4`,
  },
  spm: { table: 'spm_rollup', key: ['regency_code', 'village_code', 'spm', 'year'], measures: ['needing', 'served'], truth: SPM_TRUTH },
  service_lag: {
    table: 'service_lag_rollup',
    key: ['regency_code', 'village_code', 'month', 'days'],
    measures: ['n'],
    truth: `SELECT c.regency_code, c.village_code, date_trunc('month', f.first_on)::date, greatest(0, f.first_on - c.opened_on), count(*)::int
            FROM ppks_case c JOIN (SELECT regency_code, case_id, min(delivered_on) AS first_on FROM service_delivery GROUP BY 1, 2) f
              ON f.regency_code = c.regency_code AND f.case_id = c.id
            GROUP BY 1, 2, 3, 4`,
  },
  follow_up: {
    table: 'follow_up_rollup',
    key: ['regency_code', 'village_code', 'due_on'],
    measures: ['n'],
    truth: `SELECT regency_code, village_code, due_on, count(*)::int FROM follow_up WHERE done_at IS NULL GROUP BY 1, 2, 3`,
  },
  visit: {
    table: 'visit_rollup',
    key: ['regency_code', 'village_code', 'month'],
    measures: ['visits', 'with_gps', 'sum_lat', 'sum_lng'],
    truth: `SELECT regency_code, village_code, date_trunc('month', pilar_local_date(occurred_at, village_code))::date, count(*)::int, count(lat)::int,
                   coalesce(sum(lat::numeric), 0), coalesce(sum(lng::numeric), 0)
            FROM visit GROUP BY 1, 2, 3`,
  },
};

/**
 * The regency- or province-level twin of a village-level rollup: the same truth grouped
 * without the village (and `drop`); a province twin keeps the province in regency_code.
 */
export function twinOf(d: RollupDef, level: 'regency' | 'province', drop: string[] = []): RollupDef {
  const key = d.key.filter((k) => k !== 'village_code' && !drop.includes(k));
  const cols = [...d.key, ...d.measures];
  const sel = key.map((k) => (k === 'regency_code' && level === 'province' ? 'left(regency_code, 2)' : k));
  return {
    table: `${d.table}_${level}`,
    key,
    measures: d.measures,
    truth: `SELECT ${sel.join(', ')}, ${d.measures.map((m) => `sum(${m})`).join(', ')} FROM (${d.truth}) t(${cols.join(', ')}) GROUP BY ${key.map((_, i) => i + 1).join(', ')}`,
  };
}

/** Columns a twin leaves out beside the village (the case twins do not need the category). */
const DROP: Record<string, string[]> = { case_rollup: ['ppks_code'] };

/** Every rollup the dashboard reads that this module maintains (own tables and twins). */
export function dashboardRollups(): Record<string, RollupDef> {
  const out: Record<string, RollupDef> = {};
  const twins = (name: string, d: RollupDef) => {
    out[`${name}_regency`] = twinOf(d, 'regency', DROP[d.table]);
    out[`${name}_province`] = twinOf(d, 'province', DROP[d.table]);
  };
  for (const [k, d] of Object.entries(OWN_ROLLUPS)) {
    out[k] = d;
    twins(k, d);
  }
  for (const kind of Object.keys(ROLLUP_TABLES) as RollupKind[]) {
    const t = ROLLUP_TABLES[kind];
    twins(kind, { table: t.table, key: t.key, measures: t.measures, truth: rollupTruthSql(kind) });
  }
  return out;
}
