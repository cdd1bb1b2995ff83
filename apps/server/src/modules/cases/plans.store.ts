import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

type Key = { regencyCode: string; caseId: string };
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

export async function goals(db: Queryable, k: Key) {
  const { rows } = await db.query(
    `SELECT id, case_id AS "caseId", description, target_date::text AS "targetDate", status, created_at AS "createdAt"
     FROM case_goal WHERE regency_code = $1 AND case_id = $2 ORDER BY created_at, id`,
    [k.regencyCode, k.caseId],
  );
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt)! }));
}

export async function servicePlans(db: Queryable, k: Key) {
  const { rows } = await db.query(
    `SELECT sp.id, sp.case_id AS "caseId", sp.service_code AS "serviceCode", s.name AS "serviceName", sp.planned_on::text AS "plannedOn",
            sp.note, sp.status, sp.created_at AS "createdAt"
     FROM case_service_plan sp JOIN service_kind s ON s.code = sp.service_code
     WHERE sp.regency_code = $1 AND sp.case_id = $2 ORDER BY sp.created_at, sp.id`,
    [k.regencyCode, k.caseId],
  );
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt)! }));
}

export async function deliveries(db: Queryable, k: Key & { id?: string }) {
  const { rows } = await db.query(
    `SELECT d.id, d.case_id AS "caseId", d.service_code AS "serviceCode", s.name AS "serviceName", d.delivered_on::text AS "deliveredOn",
            d.deliverer_label AS "delivererLabel", d.provider, d.quantity::float AS quantity, d.unit, d.note, d.delivered_village_code AS "villageCode"
     FROM service_delivery d JOIN service_kind s ON s.code = d.service_code
     WHERE d.regency_code = $1 AND d.case_id = $2 AND ($3::uuid IS NULL OR d.id = $3::uuid) ORDER BY d.delivered_on, d.id`,
    [k.regencyCode, k.caseId, k.id ?? null],
  );
  return rows;
}

const FOLLOW_UP = `
  SELECT f.id, f.case_id AS "caseId", c.case_number AS "caseNumber", f.person_id AS "personId", f.village_code AS "villageCode",
         f.due_on::text AS "dueOn", f.purpose, f.assigned_to AS "assignedTo", f.done_at AS "doneAt", f.outcome,
         (f.done_at IS NULL AND f.due_on < $TODAY::date) AS overdue
  FROM follow_up f JOIN ppks_case c ON c.regency_code = f.regency_code AND c.id = f.case_id`;

export async function followUps(db: Queryable, k: Key, today: string) {
  const { rows } = await db.query(`${FOLLOW_UP.replace('$TODAY', '$3')} WHERE f.regency_code = $1 AND f.case_id = $2 ORDER BY f.due_on, f.id`, [k.regencyCode, k.caseId, today]);
  return rows.map((r) => ({ ...r, doneAt: iso(r.doneAt) }));
}

/** Open follow-ups past their due date, inside the scope (and area / assignee when given). */
export async function overdue(db: Queryable, scopes: string[], f: { today: string; area?: string; assignedTo?: string; limit: number; offset: number }) {
  const params: unknown[] = [f.today];
  const where = [`f.done_at IS NULL`, `f.due_on < $1::date`, scopePredicate('f.village_code', scopes, params)];
  if (f.area) {
    params.push(f.area, `${f.area}.%`);
    where.push(`(f.village_code = $${params.length - 1} OR f.village_code LIKE $${params.length})`);
  }
  if (f.assignedTo) {
    params.push(f.assignedTo);
    where.push(`f.assigned_to = $${params.length}`);
  }
  const w = where.join(' AND ');
  const total = (await db.query(`SELECT count(*)::int AS n FROM follow_up f WHERE ${w}`, params)).rows[0].n as number;
  params.push(f.limit, f.offset);
  const { rows } = await db.query(`${FOLLOW_UP.replace('$TODAY', '$1')} WHERE ${w} ORDER BY f.due_on, f.id LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { rows: rows.map((r) => ({ ...r, doneAt: iso(r.doneAt) })), total };
}

export async function insertRow(db: Queryable, table: 'case_goal' | 'case_service_plan' | 'service_delivery' | 'follow_up', row: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(row);
  await db.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, cols.map((c) => row[c]));
}

export async function serviceKind(db: Queryable, code: string): Promise<{ code: string; unit: string } | null> {
  const { rows } = await db.query(`SELECT code, unit FROM service_kind WHERE code = $1 AND active`, [code]);
  return rows[0] ?? null;
}

export async function listServiceKinds(db: Queryable) {
  const { rows } = await db.query(`SELECT code, name, name_en AS "nameEn", unit FROM service_kind WHERE active ORDER BY name`);
  return rows;
}

export async function setGoalStatus(db: Queryable, k: Key & { id: string }, status: string): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE case_goal SET status = $4 WHERE regency_code = $1 AND case_id = $2 AND id = $3`, [k.regencyCode, k.caseId, k.id, status]);
  return rowCount === 1;
}

export async function markPlanDelivered(db: Queryable, k: Key & { id: string }): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE case_service_plan SET status = 'delivered' WHERE regency_code = $1 AND case_id = $2 AND id = $3 AND status = 'planned'`,
    [k.regencyCode, k.caseId, k.id],
  );
  return rowCount === 1;
}

export async function completeFollowUp(db: Queryable, k: Key & { id: string }, outcome: string, at: Date, by: string | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE follow_up SET done_at = $4, done_by = $5, outcome = $6 WHERE regency_code = $1 AND case_id = $2 AND id = $3 AND done_at IS NULL`,
    [k.regencyCode, k.caseId, k.id, at, by, outcome],
  );
  return rowCount === 1;
}
