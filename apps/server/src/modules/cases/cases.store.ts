import type { CaseStatus, VerificationState } from '@pilar/domain';
import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

export interface CaseRow {
  id: string;
  caseNumber: string;
  regencyCode: string;
  villageCode: string;
  villageName: string;
  personId: string | null;
  personName: string | null;
  householdId: string | null;
  ppksCode: number;
  ppksName: string;
  need: string;
  status: CaseStatus;
  closedFrom: CaseStatus | null;
  closureReason: string | null;
  closedOn: string | null;
  verification: VerificationState;
  submittedBy: string | null;
  checkedBy: string | null;
  assignedTo: string | null;
  openedOn: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `
  SELECT c.id, c.case_number AS "caseNumber", c.regency_code AS "regencyCode", c.village_code AS "villageCode", a.name AS "villageName",
         c.person_id AS "personId", p.full_name AS "personName", c.household_id AS "householdId", c.ppks_code AS "ppksCode",
         k.name AS "ppksName", c.need, c.status, c.closed_from AS "closedFrom", c.closure_reason AS "closureReason",
         c.closed_on::text AS "closedOn", c.verification, c.submitted_by AS "submittedBy", c.checked_by AS "checkedBy",
         c.assigned_to AS "assignedTo", c.opened_on::text AS "openedOn", c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt"
  FROM ppks_case c
  JOIN area a ON a.code = c.village_code
  JOIN ppks_category k ON k.code = c.ppks_code
  LEFT JOIN person p ON p.regency_code = c.regency_code AND p.id = c.person_id`;

const norm = (r: Record<string, unknown>): CaseRow => ({
  ...(r as unknown as CaseRow),
  createdAt: new Date(r.createdAt as string).toISOString(),
  updatedAt: new Date(r.updatedAt as string).toISOString(),
});

export async function find(db: Queryable, id: string, scopes: string[]): Promise<CaseRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${SELECT} WHERE c.id = $1 AND ${scopePredicate('c.village_code', scopes, params)}`, params);
  return rows[0] ? norm(rows[0]) : null;
}

export interface CaseFilter {
  area?: string;
  status?: string;
  ppks?: number;
  verification?: string;
  personId?: string;
  assignedTo?: string;
  limit: number;
  offset: number;
}

export async function list(db: Queryable, scopes: string[], f: CaseFilter): Promise<{ rows: CaseRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopePredicate('c.village_code', scopes, params)];
  const eq = (col: string, v: unknown) => {
    params.push(v);
    where.push(`${col} = $${params.length}`);
  };
  if (f.area) {
    params.push(f.area, `${f.area}.%`);
    where.push(`(c.village_code = $${params.length - 1} OR c.village_code LIKE $${params.length})`);
  }
  if (f.status) eq('c.status', f.status);
  if (f.ppks !== undefined) eq('c.ppks_code', f.ppks);
  if (f.verification) eq('c.verification', f.verification);
  if (f.personId) eq('c.person_id', f.personId);
  if (f.assignedTo) eq('c.assigned_to', f.assignedTo);
  const w = where.join(' AND ');
  const total = (await db.query(`SELECT count(*)::int AS n FROM ppks_case c WHERE ${w}`, params)).rows[0].n as number;
  params.push(f.limit, f.offset);
  const { rows } = await db.query(`${SELECT} WHERE ${w} ORDER BY c.opened_on DESC, c.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { rows: rows.map(norm), total };
}

/** Takes the next number of the regency's year. The counter row stays locked until commit: gap-free. */
export async function nextSerial(db: Queryable, regencyCode: string, year: number): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO case_counter (regency_code, year, last_serial) VALUES ($1, $2, 1)
     ON CONFLICT (regency_code, year) DO UPDATE SET last_serial = case_counter.last_serial + 1
     RETURNING last_serial`,
    [regencyCode, year],
  );
  return rows[0].last_serial;
}

export async function verificationRequired(db: Queryable, regencyCode: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT verification_required FROM case_setting WHERE regency_code = $1`, [regencyCode]);
  return rows[0]?.verification_required === true;
}

export async function setVerificationRequired(db: Queryable, regencyCode: string, required: boolean, now: Date, by: string | null): Promise<void> {
  await db.query(
    `INSERT INTO case_setting (regency_code, verification_required, updated_at, updated_by) VALUES ($1,$2,$3,$4)
     ON CONFLICT (regency_code) DO UPDATE SET verification_required = $2, updated_at = $3, updated_by = $4`,
    [regencyCode, required, now, by],
  );
}

export async function insert(
  db: Queryable,
  c: {
    regencyCode: string; id: string; caseNumber: string; personId: string | null; householdId: string | null; villageCode: string;
    ppksCode: number; need: string; verification: VerificationState; assignedTo: string | null; openedOn: string; now: Date; actorId: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO ppks_case (regency_code, id, case_number, person_id, household_id, village_code, ppks_code, need, status, verification,
                            assigned_to, opened_on, created_at, created_by, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'identified',$9,$10,$11,$12,$13,$12,$13)`,
    [c.regencyCode, c.id, c.caseNumber, c.personId, c.householdId, c.villageCode, c.ppksCode, c.need, c.verification, c.assignedTo, c.openedOn, c.now, c.actorId],
  );
}

/** Sets columns if the version still matches (false on a stale version). */
export async function update(db: Queryable, key: { regencyCode: string; id: string; version: number }, set: Record<string, unknown>, now: Date, by: string | null): Promise<boolean> {
  const cols = Object.keys(set);
  const { rowCount } = await db.query(
    `UPDATE ppks_case SET ${cols.map((c, i) => `${c} = $${i + 6}`).join(', ')}${cols.length ? ',' : ''} version = version + 1, updated_at = $4, updated_by = $5
     WHERE regency_code = $1 AND id = $2 AND version = $3`,
    [key.regencyCode, key.id, key.version, now, by, ...cols.map((c) => set[c])],
  );
  return rowCount === 1;
}

export async function facts(db: Queryable, key: { regencyCode: string; id: string }): Promise<{ assessments: number; planItems: number }> {
  const { rows } = await db.query(
    `SELECT (SELECT count(*)::int FROM assessment WHERE regency_code = $1 AND case_id = $2) AS assessments,
            (SELECT count(*)::int FROM case_goal WHERE regency_code = $1 AND case_id = $2 AND status <> 'dropped')
          + (SELECT count(*)::int FROM case_service_plan WHERE regency_code = $1 AND case_id = $2 AND status <> 'cancelled') AS "planItems"`,
    [key.regencyCode, key.id],
  );
  return rows[0];
}

export interface EventInput {
  regencyCode: string;
  id: string;
  caseId: string;
  personId: string | null;
  villageCode: string;
  kind: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  reason?: string | null;
  note?: string | null;
  details?: Record<string, unknown>;
  at: Date;
  actorId: string | null;
  actorLabel: string;
}

export async function insertEvent(db: Queryable, e: EventInput): Promise<void> {
  await db.query(
    `INSERT INTO case_event (regency_code, id, case_id, person_id, village_code, kind, from_status, to_status, reason, note, details, at, actor_id, actor_label)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
    [e.regencyCode, e.id, e.caseId, e.personId, e.villageCode, e.kind, e.fromStatus ?? null, e.toStatus ?? null, e.reason ?? null, e.note ?? null, JSON.stringify(e.details ?? {}), e.at, e.actorId, e.actorLabel],
  );
}

export async function events(db: Queryable, key: { regencyCode: string; id: string }) {
  const { rows } = await db.query(
    `SELECT id, kind, from_status AS "fromStatus", to_status AS "toStatus", reason, note, details, at, actor_label AS actor
     FROM case_event WHERE regency_code = $1 AND case_id = $2 ORDER BY at, id`,
    [key.regencyCode, key.id],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

/** Prefix aggregate over the rollup (never the raw tables): what a dashboard reads. */
export async function stats(db: Queryable, area: string) {
  const p = area === 'ID' ? [] : [area, `${area}.%`];
  const where = area === 'ID' ? 'TRUE' : `(village_code = $1 OR village_code LIKE $2)`;
  const byStatus = await db.query(`SELECT status, sum(n)::int AS n FROM case_rollup WHERE ${where} GROUP BY status HAVING sum(n) <> 0 ORDER BY status`, p);
  const byPpks = await db.query(`SELECT ppks_code AS "ppksCode", sum(n)::int AS n FROM case_rollup WHERE ${where} GROUP BY ppks_code HAVING sum(n) <> 0 ORDER BY ppks_code`, p);
  const v = await db.query(
    `SELECT coalesce(sum(n) FILTER (WHERE verification IN ('validated', 'not_required')), 0)::int AS validated,
            coalesce(sum(n) FILTER (WHERE verification NOT IN ('validated', 'not_required')), 0)::int AS unvalidated
     FROM case_rollup WHERE ${where}`,
    p,
  );
  return { byStatus: byStatus.rows, byPpks: byPpks.rows, ...v.rows[0] };
}
