import type { LEGAL_BASES } from '@pilar/domain/contracts';
import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from './people.store';

export interface ConsentRow {
  id: string;
  personId: string;
  basis: (typeof LEGAL_BASES)[number];
  purpose: string;
  givenOn: string;
  evidenceFileId: string | null;
  guardianName: string | null;
  guardianRelationship: string | null;
  guardianReason: 'anak' | 'disabilitas' | null;
  withdrawnOn: string | null;
  withdrawalNote: string | null;
  recordedAt: string;
  active: boolean;
}

const SELECT = `
  SELECT id, person_id AS "personId", basis, purpose, given_on::text AS "givenOn", evidence_file_id AS "evidenceFileId",
         guardian_name AS "guardianName", guardian_relationship AS "guardianRelationship", guardian_reason AS "guardianReason",
         withdrawn_on::text AS "withdrawnOn", withdrawal_note AS "withdrawalNote", recorded_at AS "recordedAt",
         (withdrawn_on IS NULL) AS active
  FROM person_consent`;

const norm = (r: Record<string, unknown>) => ({ ...(r as unknown as ConsentRow), recordedAt: new Date(r.recordedAt as string).toISOString() });

export async function listForPerson(db: Queryable, key: { regencyCode: string; personId: string }, scopes: string[]): Promise<ConsentRow[]> {
  const params: unknown[] = [key.regencyCode, key.personId];
  const { rows } = await db.query(
    `${SELECT} WHERE regency_code = $1 AND person_id = $2 AND ${scopePredicate('village_code', scopes, params)} ORDER BY given_on DESC, id`,
    params,
  );
  return rows.map(norm);
}

export async function findOne(db: Queryable, key: { regencyCode: string; id: string }): Promise<ConsentRow | null> {
  const { rows } = await db.query(`${SELECT} WHERE regency_code = $1 AND id = $2`, [key.regencyCode, key.id]);
  return rows[0] ? norm(rows[0]) : null;
}

export async function insert(
  db: Queryable,
  r: {
    regencyCode: string; id: string; personId: string; villageCode: string; basis: string; purpose: string; givenOn: string;
    evidenceFileId: string | null; guardianName: string | null; guardianRelationship: string | null; guardianReason: string | null;
    now: Date; actorId: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO person_consent (regency_code, id, person_id, village_code, basis, purpose, given_on, evidence_file_id,
                                 guardian_name, guardian_relationship, guardian_reason, recorded_at, recorded_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [r.regencyCode, r.id, r.personId, r.villageCode, r.basis, r.purpose, r.givenOn, r.evidenceFileId, r.guardianName, r.guardianRelationship, r.guardianReason, r.now, r.actorId],
  );
}

export async function withdraw(db: Queryable, key: { regencyCode: string; id: string }, on: string, note: string | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE person_consent SET withdrawn_on = $3, withdrawal_note = $4 WHERE regency_code = $1 AND id = $2 AND withdrawn_on IS NULL`,
    [key.regencyCode, key.id, on, note],
  );
  return rowCount === 1;
}

export async function holdsDisabilityCategory(db: Queryable, key: { regencyCode: string; personId: string }): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM person_ppks WHERE regency_code = $1 AND person_id = $2 AND ended_on IS NULL AND ppks_code IN (5, 9) LIMIT 1`,
    [key.regencyCode, key.personId],
  );
  return rows.length > 0;
}
