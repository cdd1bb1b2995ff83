import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

/** SQL for the retention schedule, legal holds and retention runs. */
export interface RuleRow {
  recordType: string;
  labelId: string;
  labelEn: string;
  keepDays: number;
  action: 'flag' | 'anonymise' | 'delete';
  legalBasis: string;
  enabled: boolean;
}

export async function rules(db: Queryable): Promise<RuleRow[]> {
  const { rows } = await db.query(
    `SELECT record_type AS "recordType", label_id AS "labelId", label_en AS "labelEn", keep_days AS "keepDays", action,
            legal_basis AS "legalBasis", enabled
     FROM retention_rule ORDER BY record_type`,
  );
  return rows;
}

export async function updateRule(db: Queryable, recordType: string, r: { keepDays: number; action: string; legalBasis: string; enabled: boolean }, now: Date, by: string | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE retention_rule SET keep_days = $2, action = $3, legal_basis = $4, enabled = $5, updated_at = $6, updated_by = $7 WHERE record_type = $1`,
    [recordType, r.keepDays, r.action, r.legalBasis, r.enabled, now, by],
  );
  return rowCount === 1;
}

/** Active holds on the person or on any of the person's cases. */
export async function activeHoldsForPerson(db: Queryable, key: { regencyCode: string; id: string }): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM legal_hold h
     WHERE h.regency_code = $1 AND h.released_at IS NULL
       AND (h.target_id = $2 OR h.target_id IN (SELECT c.id FROM ppks_case c WHERE c.regency_code = $1 AND c.person_id = $2))`,
    [key.regencyCode, key.id],
  );
  return rows[0].n;
}

export async function insertHold(db: Queryable, h: { id: string; targetType: string; regencyCode: string; targetId: string; villageCode: string; reason: string; at: Date; by: string | null }) {
  await db.query(
    `INSERT INTO legal_hold (id, target_type, regency_code, target_id, village_code, reason, placed_at, placed_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [h.id, h.targetType, h.regencyCode, h.targetId, h.villageCode, h.reason, h.at, h.by],
  );
}

const HOLD = `SELECT id, target_type AS "targetType", target_id AS "targetId", village_code AS "villageCode", reason,
                     placed_at AS "placedAt", released_at AS "releasedAt", regency_code AS "regencyCode" FROM legal_hold`;
const normHold = (r: Record<string, unknown>) => ({
  ...(r as { id: string; targetType: 'person' | 'case'; targetId: string; villageCode: string; reason: string; regencyCode: string }),
  placedAt: new Date(r.placedAt as string).toISOString(),
  releasedAt: r.releasedAt ? new Date(r.releasedAt as string).toISOString() : null,
});

export async function findHold(db: Queryable, id: string, scopes: string[]) {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${HOLD} WHERE id = $1 AND ${scopePredicate('village_code', scopes, params)}`, params);
  return rows[0] ? normHold(rows[0]) : null;
}

export async function listHolds(db: Queryable, scopes: string[]) {
  const params: unknown[] = [];
  const { rows } = await db.query(`${HOLD} WHERE ${scopePredicate('village_code', scopes, params)} ORDER BY placed_at DESC, id LIMIT 500`, params);
  return rows.map(normHold);
}

export async function releaseHold(db: Queryable, id: string, at: Date, by: string | null): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE legal_hold SET released_at = $2, released_by = $3 WHERE id = $1 AND released_at IS NULL`, [id, at, by]);
  return rowCount === 1;
}

/**
 * Persons (active or restricted) in scope whose cases are all closed, the last
 * closure before `cutoff`, with whether a legal hold covers them or their cases.
 */
export async function closedCasePersons(db: Queryable, scopes: string[], cutoff: string, limit: number) {
  const params: unknown[] = [cutoff];
  const { rows } = await db.query(
    `SELECT p.regency_code AS "regencyCode", p.id, p.village_code AS "villageCode", max(c.closed_on)::text AS "lastClosed",
            EXISTS (SELECT 1 FROM legal_hold h WHERE h.regency_code = p.regency_code AND h.released_at IS NULL
                      AND (h.target_id = p.id OR h.target_id IN (SELECT c2.id FROM ppks_case c2 WHERE c2.regency_code = p.regency_code AND c2.person_id = p.id))) AS held
     FROM person p JOIN ppks_case c ON c.regency_code = p.regency_code AND c.person_id = p.id
     WHERE p.status IN ('active', 'restricted') AND ${scopePredicate('p.village_code', scopes, params)}
     GROUP BY p.regency_code, p.id, p.village_code
     HAVING bool_and(c.status = 'closed') AND max(c.closed_on) < $1::date
     ORDER BY p.regency_code, p.id LIMIT ${Number(limit)}`,
    params,
  );
  return rows as { regencyCode: string; id: string; villageCode: string; lastClosed: string; held: boolean }[];
}

export async function flag(db: Queryable, f: { recordType: string; key: string; areaCode: string | null; since: Date | string; at: Date }) {
  await db.query(
    `INSERT INTO retention_flag (record_type, record_key, area_code, since, flagged_at) VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING`,
    [f.recordType, f.key, f.areaCode, f.since, f.at],
  );
}

export async function insertRun(db: Queryable, r: { id: string; asOf: Date; dryRun: boolean; report: unknown; by: string | null }) {
  await db.query(`INSERT INTO retention_run (id, as_of, started_at, dry_run, report, run_by) VALUES ($1,$2,$2,$3,$4,$5)`, [r.id, r.asOf, r.dryRun, JSON.stringify(r.report), r.by]);
}

export async function listRuns(db: Queryable, limit = 20) {
  const { rows } = await db.query(`SELECT id, as_of, dry_run, report FROM retention_run ORDER BY as_of DESC, id DESC LIMIT $1`, [limit]);
  return rows.map((r) => ({ runId: r.id as string, asOf: new Date(r.as_of).toISOString(), dryRun: r.dry_run as boolean, rules: r.report.rules }));
}
