import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from './people.store';

export interface PersonPpksRow {
  id: string;
  personId: string;
  regencyCode: string;
  villageCode: string;
  ppksCode: number;
  ppksName: string;
  sensitivity: 'umum' | 'spesifik';
  assessedOn: string;
  assessorLabel: string;
  evidenceFileId: string | null;
  evidenceNote: string | null;
  endedOn: string | null;
  endReason: string | null;
}

const SELECT = `
  SELECT pp.id, pp.person_id AS "personId", pp.regency_code AS "regencyCode", pp.village_code AS "villageCode",
         pp.ppks_code AS "ppksCode", c.name AS "ppksName", c.sensitivity, pp.assessed_on::text AS "assessedOn",
         pp.assessor_label AS "assessorLabel", pp.evidence_file_id AS "evidenceFileId", pp.evidence_note AS "evidenceNote",
         pp.ended_on::text AS "endedOn", pp.end_reason AS "endReason"
  FROM person_ppks pp JOIN ppks_category c ON c.code = pp.ppks_code`;

export async function listForPerson(db: Queryable, key: { regencyCode: string; personId: string }, scopes: string[]): Promise<PersonPpksRow[]> {
  const params: unknown[] = [key.regencyCode, key.personId];
  const { rows } = await db.query(
    `${SELECT} WHERE pp.regency_code = $1 AND pp.person_id = $2 AND ${scopePredicate('pp.village_code', scopes, params)}
     ORDER BY pp.ended_on NULLS FIRST, pp.assessed_on DESC, pp.id`,
    params,
  );
  return rows;
}

export async function findOne(db: Queryable, key: { regencyCode: string; id: string }): Promise<PersonPpksRow | null> {
  const { rows } = await db.query(`${SELECT} WHERE pp.regency_code = $1 AND pp.id = $2`, [key.regencyCode, key.id]);
  return rows[0] ?? null;
}

export async function categoryExists(db: Queryable, code: number): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM ppks_category WHERE code = $1 AND active`, [code]);
  return rows.length === 1;
}

export async function insert(
  db: Queryable,
  r: { id: string; regencyCode: string; personId: string; villageCode: string; ppksCode: number; assessedOn: string; assessedBy: string | null; assessorLabel: string; evidenceFileId: string | null; evidenceNote: string | null; now: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO person_ppks (regency_code, id, person_id, village_code, ppks_code, assessed_on, assessed_by, assessor_label, evidence_file_id, evidence_note, recorded_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    [r.regencyCode, r.id, r.personId, r.villageCode, r.ppksCode, r.assessedOn, r.assessedBy, r.assessorLabel, r.evidenceFileId, r.evidenceNote, r.now],
  );
}

export async function end(db: Queryable, key: { regencyCode: string; id: string }, endedOn: string, reason: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE person_ppks SET ended_on = $3, end_reason = $4 WHERE regency_code = $1 AND id = $2 AND ended_on IS NULL`,
    [key.regencyCode, key.id, endedOn, reason],
  );
  return rowCount === 1;
}
