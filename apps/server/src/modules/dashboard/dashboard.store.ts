import type { Queryable } from '../../platform/db/pool';
import { withParams, type Slice } from './dashboard.slice';

/**
 * Dashboard figures: prefix aggregates over rollup tables only (never over person or
 * case rows). Each function returns the area's breakdown and, when the area has
 * children, per-child totals keyed by the child's code.
 */
type Num = Record<string, number>;
const childOf = (s: Slice) => s.child ?? `'self'`;

export async function ppks(db: Queryable, s: Slice) {
  const { rows } = await db.query(
    `SELECT r.ppks_code AS code, ${childOf(s)} AS child, sum(r.n)::int AS n
     FROM person_ppks_rollup${s.suffix} r WHERE ${s.where} GROUP BY 1, 2`,
    s.params,
  );
  return rows as { code: number; child: string; n: number }[];
}

export async function cases(db: Queryable, s: Slice, fromMonth: string, toMonth: string) {
  const q = withParams(s, [fromMonth, toMonth]);
  const { rows } = await db.query(
    `SELECT r.status, r.verification, ${childOf(s)} AS child, sum(r.n)::int AS n
     FROM case_rollup${s.suffix} r WHERE ${s.where} AND r.month >= ${q.p(1)}::date AND r.month < ${q.p(2)}::date
     GROUP BY 1, 2, 3`,
    q.params,
  );
  return rows as { status: string; verification: string; child: string; n: number }[];
}

/** Open follow-ups, and those due before today in each row's own time zone (by province). */
export async function followUps(db: Queryable, s: Slice, today: { WIB: string; WITA: string; WIT: string }) {
  const q = withParams(s, [today.WIB, today.WITA, today.WIT]);
  const { rows } = await db.query(
    `SELECT ${childOf(s)} AS child, sum(r.n)::int AS open,
            coalesce(sum(r.n) FILTER (WHERE r.due_on < CASE z.time_zone WHEN 'WITA' THEN ${q.p(2)}::date WHEN 'WIT' THEN ${q.p(3)}::date ELSE ${q.p(1)}::date END), 0)::int AS overdue
     FROM follow_up_rollup${s.suffix} r JOIN area z ON z.code = left(r.regency_code, 2)
     WHERE ${s.where} GROUP BY 1`,
    q.params,
  );
  return rows as { child: string; open: number; overdue: number }[];
}

export async function referrals(db: Queryable, s: Slice) {
  const { rows } = await db.query(
    `SELECT r.partner_id AS "partnerId", r.status, ${childOf(s)} AS child, sum(r.n)::int AS n
     FROM referral_rollup${s.suffix} r WHERE ${s.where} GROUP BY 1, 2, 3`,
    s.params,
  );
  return rows as { partnerId: string; status: string; child: string; n: number }[];
}

export async function partnerNames(db: Queryable, ids: string[]) {
  if (!ids.length) return new Map<string, { name: string; kind: string }>();
  const { rows } = await db.query(`SELECT id, name, kind FROM partner WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((r) => [r.id as string, { name: r.name as string, kind: r.kind as string }]));
}

export async function services(db: Queryable, s: Slice, fromMonth: string, toMonth: string) {
  const q = withParams(s, [fromMonth, toMonth]);
  const { rows } = await db.query(
    `SELECT r.service_code AS code, r.unit, ${childOf(s)} AS child, sum(r.n)::int AS n, sum(r.quantity)::float8 AS quantity
     FROM service_rollup${s.suffix} r WHERE ${s.where} AND r.month >= ${q.p(1)}::date AND r.month < ${q.p(2)}::date
     GROUP BY 1, 2, 3`,
    q.params,
  );
  return rows as { code: string; unit: string; child: string; n: number; quantity: number }[];
}

export async function serviceNames(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query(`SELECT code, name FROM service_kind`);
  return new Map(rows.map((r) => [r.code as string, r.name as string]));
}

/** Histogram of days from registration to first service, cases first served in the period. */
export async function serviceLag(db: Queryable, s: Slice, fromMonth: string, toMonth: string) {
  const q = withParams(s, [fromMonth, toMonth]);
  const { rows } = await db.query(
    `SELECT ${childOf(s)} AS child, r.days, sum(r.n)::int AS n
     FROM service_lag_rollup${s.suffix} r WHERE ${s.where} AND r.month >= ${q.p(1)}::date AND r.month < ${q.p(2)}::date
     GROUP BY 1, 2 HAVING sum(r.n) <> 0`,
    q.params,
  );
  return rows as { child: string; days: number; n: number }[];
}

export async function spm(db: Queryable, s: Slice, years: number[]) {
  const q = withParams(s, [years]);
  const { rows } = await db.query(
    `SELECT r.spm, r.year, ${childOf(s)} AS child, sum(r.needing)::int AS needing, sum(r.served)::int AS served
     FROM spm_rollup${s.suffix} r WHERE ${s.where} AND r.year = ANY(${q.p(1)}::int[]) GROUP BY 1, 2, 3`,
    q.params,
  );
  return rows as { spm: number; year: number; child: string; needing: number; served: number }[];
}

export async function activities(db: Queryable, s: Slice, fromMonth: string, toMonth: string) {
  const q = withParams(s, [fromMonth, toMonth]);
  const { rows } = await db.query(
    `SELECT r.duty, ${childOf(s)} AS child, sum(r.n)::int AS n
     FROM activity_rollup${s.suffix} r WHERE ${s.where} AND r.month >= ${q.p(1)}::date AND r.month < ${q.p(2)}::date
     GROUP BY 1, 2`,
    q.params,
  );
  return rows as { duty: string; child: string; n: number }[];
}

/** Visits and the mean GPS position of those with a fix, per child (or per village at the lowest levels). */
export async function visitPoints(db: Queryable, s: Slice, fromMonth: string, toMonth: string) {
  const q = withParams(s, [fromMonth, toMonth]);
  const key = s.child ?? 'r.village_code';
  const { rows } = await db.query(
    `SELECT ${key} AS code, sum(r.visits)::int AS visits, sum(r.with_gps)::int AS "withGps",
            (sum(r.sum_lat) / nullif(sum(r.with_gps), 0))::float8 AS lat, (sum(r.sum_lng) / nullif(sum(r.with_gps), 0))::float8 AS lng
     FROM visit_rollup${s.suffix} r WHERE ${s.where} AND r.month >= ${q.p(1)}::date AND r.month < ${q.p(2)}::date
     GROUP BY 1 HAVING sum(r.visits) <> 0`,
    q.params,
  );
  return rows as { code: string; visits: number; withGps: number; lat: number | null; lng: number | null }[];
}

export async function area(db: Queryable, code: string) {
  const { rows } = await db.query(`SELECT code, name, level, parent_code AS "parentCode", village_count AS "villageCount", child_count AS "childCount" FROM area WHERE code = $1`, [code]);
  return (rows[0] as { code: string; name: string; level: string; parentCode: string | null; villageCount: number; childCount: number } | undefined) ?? null;
}

export async function childAreas(db: Queryable, code: string) {
  const { rows } = await db.query(
    `SELECT code, name, level, CASE WHEN level = 'village' THEN 1 ELSE village_count END::int AS "villageCount", child_count AS "childCount"
     FROM area WHERE ${code === 'ID' ? `level = 'province'` : 'parent_code = $1'} ORDER BY code`,
    code === 'ID' ? [] : [code],
  );
  return rows as { code: string; name: string; level: string; villageCount: number; childCount: number }[];
}

export async function ppksNames(db: Queryable): Promise<Map<number, string>> {
  const { rows } = await db.query(`SELECT code, name FROM ppks_category ORDER BY code`);
  return new Map(rows.map((r) => [r.code as number, r.name as string]));
}

export const sumBy = <T>(rows: T[], key: (r: T) => string, val: (r: T) => number): Num => {
  const out: Num = {};
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + val(r);
  return out;
};
