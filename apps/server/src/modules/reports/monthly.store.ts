import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

/** SQL for monthly PSM reports, their frozen entries and disputes. */
export interface ReportRow {
  id: string;
  regencyCode: string;
  villageCode: string;
  villageName: string;
  userId: string;
  psmLabel: string;
  month: string;
  status: 'draft' | 'submitted' | 'reviewed' | 'final';
  summary: string | null;
  submittedAt: string | null;
  reviewerId: string | null;
  reviewerLabel: string | null;
  reviewedAt: string | null;
  feedback: string | null;
  finalisedAt: string | null;
  version: number;
}

const SELECT = `
  SELECT m.id, m.regency_code AS "regencyCode", m.village_code AS "villageCode", a.name AS "villageName", m.user_id AS "userId",
         u.display_name AS "psmLabel", to_char(m.month, 'YYYY-MM') AS month, m.status, m.summary, m.submitted_at AS "submittedAt",
         m.reviewer_id AS "reviewerId", m.reviewer_label AS "reviewerLabel", m.reviewed_at AS "reviewedAt", m.feedback,
         m.finalised_at AS "finalisedAt", m.version
  FROM monthly_report m JOIN area a ON a.code = m.village_code JOIN app_user u ON u.id = m.user_id`;

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const norm = (r: Record<string, unknown>): ReportRow => ({
  ...(r as unknown as ReportRow),
  submittedAt: iso(r.submittedAt),
  reviewedAt: iso(r.reviewedAt),
  finalisedAt: iso(r.finalisedAt),
});

function visible(v: { userId: string | null; readScopes: string[] }, params: unknown[]): string {
  const area = scopePredicate('m.village_code', v.readScopes, params);
  if (!v.userId) return area;
  params.push(v.userId);
  return `(m.user_id = $${params.length} OR ${area})`;
}

export async function find(db: Queryable, id: string, v: { userId: string | null; readScopes: string[] }): Promise<ReportRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${SELECT} WHERE m.id = $1 AND ${visible(v, params)}`, params);
  return rows[0] ? norm(rows[0]) : null;
}

export async function findForUserMonth(db: Queryable, regencyCode: string, userId: string, month: string): Promise<ReportRow | null> {
  const { rows } = await db.query(`${SELECT} WHERE m.regency_code = $1 AND m.user_id = $2 AND m.month = $3::date`, [regencyCode, userId, `${month}-01`]);
  return rows[0] ? norm(rows[0]) : null;
}

export async function list(db: Queryable, v: { userId: string | null; readScopes: string[] }, f: { mine?: string; area?: string; month?: string; status?: string; limit: number; offset: number }) {
  const params: unknown[] = [];
  const where = [visible(v, params)];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.mine) add('m.user_id = ?', f.mine);
  if (f.area && f.area !== 'ID') {
    params.push(f.area, `${f.area}.%`);
    where.push(`(m.village_code = $${params.length - 1} OR m.village_code LIKE $${params.length})`);
  }
  if (f.month) add('m.month = ?::date', `${f.month}-01`);
  if (f.status) add('m.status = ?', f.status);
  const w = where.join(' AND ');
  const total = await db.query(`SELECT count(*)::int AS n FROM monthly_report m WHERE ${w}`, params);
  params.push(f.limit, f.offset);
  const { rows } = await db.query(
    `SELECT q.*, (SELECT count(*)::int FROM monthly_report_dispute d WHERE d.report_id = q.id AND d.answered_at IS NULL) AS "openDisputes"
     FROM (${SELECT} WHERE ${w} ORDER BY m.month DESC, u.display_name, m.id LIMIT $${params.length - 1} OFFSET $${params.length}) q`,
    params,
  );
  return { rows: rows.map((r) => ({ ...norm(r), openDisputes: r.openDisputes as number })), total: total.rows[0].n as number };
}

export async function insert(db: Queryable, r: { id: string; regencyCode: string; villageCode: string; userId: string; month: string; summary: string | null; now: Date }) {
  await db.query(
    `INSERT INTO monthly_report (id, regency_code, village_code, user_id, month, status, summary, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5::date,'draft',$6,$7,$7)`,
    [r.id, r.regencyCode, r.villageCode, r.userId, `${r.month}-01`, r.summary, r.now],
  );
}

/** Sets columns when `version` matches (and the status is one of `from`); false otherwise. */
export async function update(db: Queryable, key: { id: string; version: number; from: string[] }, set: Record<string, unknown>, now: Date): Promise<boolean> {
  const params: unknown[] = [key.id, key.version, key.from, now];
  const sets = Object.entries(set).map(([col, v]) => {
    params.push(v);
    return `${col} = $${params.length}`;
  });
  const r = await db.query(
    `UPDATE monthly_report SET ${[...sets, 'version = version + 1', 'updated_at = $4'].join(', ')} WHERE id = $1 AND version = $2 AND status = ANY($3)`,
    params,
  );
  return (r.rowCount ?? 0) > 0;
}

export interface EntryRow {
  activityId: string;
  duty: string;
  source: string;
  title: string;
  occurredOn: string;
  counted: boolean;
  reviewNote: string | null;
}

export async function replaceEntries(db: Queryable, key: { regencyCode: string; reportId: string }, entries: Omit<EntryRow, 'counted' | 'reviewNote'>[]) {
  await db.query(`DELETE FROM monthly_report_entry WHERE regency_code = $1 AND report_id = $2`, [key.regencyCode, key.reportId]);
  if (!entries.length) return;
  await db.query(
    `INSERT INTO monthly_report_entry (regency_code, report_id, activity_id, duty, source, title, occurred_on)
     SELECT $1, $2, * FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::date[])`,
    [key.regencyCode, key.reportId, entries.map((e) => e.activityId), entries.map((e) => e.duty), entries.map((e) => e.source), entries.map((e) => e.title), entries.map((e) => e.occurredOn)],
  );
}

export async function entries(db: Queryable, reportId: string): Promise<EntryRow[]> {
  const { rows } = await db.query(
    `SELECT activity_id AS "activityId", duty, source, title, occurred_on::text AS "occurredOn", counted, review_note AS "reviewNote"
     FROM monthly_report_entry WHERE report_id = $1 ORDER BY occurred_on, activity_id`,
    [reportId],
  );
  return rows;
}

export async function setEntry(db: Queryable, reportId: string, activityId: string, set: { counted?: boolean; note?: string | null; duty?: string }): Promise<boolean> {
  const r = await db.query(
    `UPDATE monthly_report_entry SET counted = coalesce($3, counted), review_note = CASE WHEN $4::boolean THEN $5 ELSE review_note END, duty = coalesce($6, duty)
     WHERE report_id = $1 AND activity_id = $2`,
    [reportId, activityId, set.counted ?? null, set.note !== undefined, set.note ?? null, set.duty ?? null],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function disputes(db: Queryable, reportId: string) {
  const { rows } = await db.query(
    `SELECT id, activity_id AS "activityId", comment, raised_at AS "raisedAt", answer, outcome, answered_at AS "answeredAt"
     FROM monthly_report_dispute WHERE report_id = $1 ORDER BY raised_at, id`,
    [reportId],
  );
  return rows.map((r) => ({ ...r, raisedAt: iso(r.raisedAt)!, answeredAt: iso(r.answeredAt) })) as {
    id: string; activityId: string; comment: string; raisedAt: string; answer: string | null; outcome: 'accepted' | 'rejected' | null; answeredAt: string | null;
  }[];
}

export async function insertDispute(db: Queryable, d: { regencyCode: string; id: string; reportId: string; activityId: string; comment: string; by: string; now: Date }) {
  await db.query(
    `INSERT INTO monthly_report_dispute (regency_code, id, report_id, activity_id, comment, raised_by, raised_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [d.regencyCode, d.id, d.reportId, d.activityId, d.comment, d.by, d.now],
  );
}

export async function answerDispute(db: Queryable, d: { id: string; reportId: string; answer: string; outcome: string; by: string | null; now: Date }): Promise<string | null> {
  const { rows } = await db.query(
    `UPDATE monthly_report_dispute SET answer = $3, outcome = $4, answered_by = $5, answered_at = $6
     WHERE id = $1 AND report_id = $2 AND answered_at IS NULL RETURNING activity_id`,
    [d.id, d.reportId, d.answer, d.outcome, d.by, d.now],
  );
  return (rows[0]?.activity_id as string | undefined) ?? null;
}
