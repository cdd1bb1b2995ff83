import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

/** SQL for complaints and their stage history (RLS-protected by village; the store adds the scope predicate too). */
export interface ComplaintRow {
  id: string;
  regencyCode: string;
  villageCode: string;
  channel: 'publik' | 'psm' | 'dinsos';
  category: string;
  personId: string | null;
  programmeCode: string | null;
  description: string;
  subjectName: string | null;
  filerName: string | null;
  filerContact: string | null;
  stage: 'diterima' | 'diverifikasi' | 'ditindaklanjuti' | 'selesai' | 'ditutup';
  stageDueAt: string | null;
  outcome: 'terselesaikan' | 'dirujuk' | 'tidak_terbukti' | 'tidak_dapat_ditindaklanjuti' | null;
  outcomeNote: string | null;
  createdAt: string;
  closedAt: string | null;
  version: number;
}

const SELECT = `
  SELECT c.id, c.regency_code AS "regencyCode", c.village_code AS "villageCode", c.channel, c.category, c.person_id AS "personId",
         c.programme_code AS "programmeCode", c.description, c.subject_name AS "subjectName", c.filer_name AS "filerName",
         c.filer_contact AS "filerContact", c.stage, c.stage_due_at AS "stageDueAt", c.outcome, c.outcome_note AS "outcomeNote",
         c.created_at AS "createdAt", c.closed_at AS "closedAt", c.version
  FROM complaint c`;

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
function normalise(r: Record<string, unknown>): ComplaintRow {
  return { ...(r as unknown as ComplaintRow), stageDueAt: iso(r.stageDueAt), createdAt: iso(r.createdAt)!, closedAt: iso(r.closedAt) };
}

export async function insert(
  db: Queryable,
  c: Omit<ComplaintRow, 'stage' | 'outcome' | 'outcomeNote' | 'closedAt' | 'version' | 'createdAt' | 'stageDueAt'> & { trackingHash: Buffer; formNonce: string | null; stageDueAt: Date | null; at: Date; by: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO complaint (regency_code, id, tracking_hash, channel, category, village_code, person_id, programme_code, description, subject_name,
                            filer_name, filer_contact, form_nonce, stage, stage_entered_at, stage_due_at, created_at, created_by, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,'diterima',$14,$15,$14,$16,$14,$16)`,
    [c.regencyCode, c.id, c.trackingHash, c.channel, c.category, c.villageCode, c.personId, c.programmeCode, c.description, c.subjectName,
     c.filerName, c.filerContact, c.formNonce, c.at, c.stageDueAt, c.by],
  );
}

export async function find(db: Queryable, id: string, scopes: string[]): Promise<ComplaintRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${SELECT} WHERE c.id = $1 AND ${scopePredicate('c.village_code', scopes, params)}`, params);
  return rows[0] ? normalise(rows[0]) : null;
}

export async function list(db: Queryable, scopes: string[], f: { area?: string; stage?: string; category?: string; limit: number; offset: number }) {
  const params: unknown[] = [];
  const where = [scopePredicate('c.village_code', scopes, params)];
  if (f.area) { params.push(f.area, `${f.area}.%`); where.push(`(c.village_code = $${params.length - 1} OR c.village_code LIKE $${params.length})`); }
  if (f.stage) { params.push(f.stage); where.push(`c.stage = $${params.length}`); }
  if (f.category) { params.push(f.category); where.push(`c.category = $${params.length}`); }
  const w = where.join(' AND ');
  const total = (await db.query(`SELECT count(*)::int AS n FROM complaint c WHERE ${w}`, params)).rows[0].n as number;
  params.push(f.limit, f.offset);
  const { rows } = await db.query(`${SELECT} WHERE ${w} ORDER BY c.stage_due_at NULLS LAST, c.created_at, c.id LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { rows: rows.map(normalise), total };
}

export async function moveStage(
  db: Queryable,
  key: { regencyCode: string; id: string; version: number },
  s: { stage: string; dueAt: Date | null; outcome: string | null; outcomeNote: string | null; closedAt: Date | null; at: Date; by: string | null },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE complaint SET stage = $4, stage_entered_at = $8, stage_due_at = $5, outcome = coalesce($6, outcome), outcome_note = coalesce($7, outcome_note),
            closed_at = $9, version = version + 1, updated_at = $8, updated_by = $10
     WHERE regency_code = $1 AND id = $2 AND version = $3`,
    [key.regencyCode, key.id, key.version, s.stage, s.dueAt, s.outcome, s.outcomeNote, s.at, s.closedAt, s.by],
  );
  return rowCount === 1;
}

export async function insertEvent(
  db: Queryable,
  e: { regencyCode: string; id: string; complaintId: string; villageCode: string; from: string | null; to: string; publicNote: string | null; internalNote: string | null; at: Date; actorId: string | null; actorLabel: string },
): Promise<void> {
  await db.query(
    `INSERT INTO complaint_event (regency_code, id, complaint_id, village_code, from_stage, to_stage, public_note, internal_note, at, actor_id, actor_label)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    [e.regencyCode, e.id, e.complaintId, e.villageCode, e.from, e.to, e.publicNote, e.internalNote, e.at, e.actorId, e.actorLabel],
  );
}

/** Stage history; `internal` adds the internal notes (staff only). */
export async function history(db: Queryable, key: { regencyCode: string; id: string }, internal: boolean) {
  const { rows } = await db.query(
    `SELECT from_stage AS "fromStage", to_stage AS "toStage", at, public_note AS note, internal_note AS "internalNote"
     FROM complaint_event WHERE regency_code = $1 AND complaint_id = $2 ORDER BY at, id`,
    [key.regencyCode, key.id],
  );
  return rows.map((r) => ({ fromStage: r.fromStage, toStage: r.toStage, at: new Date(r.at).toISOString(), note: r.note, ...(internal ? { internalNote: r.internalNote } : {}) }));
}

/** Where a tracking code points, through the SECURITY DEFINER lookup (the caller has no scope yet). */
export async function locate(db: Queryable, trackingHash: Buffer): Promise<{ regencyCode: string; id: string; villageCode: string } | null> {
  const { rows } = await db.query(`SELECT regency_code AS "regencyCode", id, village_code AS "villageCode" FROM pilar_complaint_locate($1)`, [trackingHash]);
  return rows[0] ?? null;
}

export async function names(db: Queryable, villageCode: string, programmeCode: string | null) {
  const { rows } = await db.query(`SELECT (SELECT name FROM area WHERE code = $1) AS village, (SELECT name FROM programme WHERE code = $2) AS programme`, [villageCode, programmeCode]);
  return { villageName: rows[0].village as string, programmeName: (rows[0].programme as string | null) ?? null };
}

/** Links the complaint to the person and programme it is about (null unlinks). */
export async function link(db: Queryable, key: { regencyCode: string; id: string; version: number }, s: { personId: string | null; programmeCode: string | null; at: Date; by: string | null }): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE complaint SET person_id = $4, programme_code = $5, version = version + 1, updated_at = $6, updated_by = $7
     WHERE regency_code = $1 AND id = $2 AND version = $3`,
    [key.regencyCode, key.id, key.version, s.personId, s.programmeCode, s.at, s.by],
  );
  return rowCount === 1;
}
