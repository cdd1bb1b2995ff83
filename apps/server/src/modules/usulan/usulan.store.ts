import type { UsulanStatus } from '@pilar/domain/contracts';
import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

/** SQL for usulan, their events and musdes minutes. Every read carries the scope predicate (RLS is the second wall). */
export interface UsulanRow {
  id: string;
  regencyCode: string;
  villageCode: string;
  programmeCode: string;
  personId: string | null;
  householdId: string | null;
  recipientName: string | null;
  nikMasked: string | null;
  reason: string;
  status: UsulanStatus;
  batchMonth: string | null;
  deliberation: 'musdes' | 'sptjm' | null;
  musdesId: string | null;
  checklist: Record<string, boolean> | null;
  verificationPhotoIds: string[];
  verifierApprovedBy: string | null;
  resultReason: string | null;
  returnReason: string | null;
  membershipId: string | null;
  nikHashSent: Buffer | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The recipient: the person, or the household's head (their name and masked NIK, for lists and BNBA). */
export const RECIPIENT_PERSON = `
  LEFT JOIN LATERAL (
    SELECT p.id, p.full_name, p.nik_masked, p.sex, p.birth_date, p.birth_place, p.address, p.rt, p.rw
    FROM person p
    WHERE p.regency_code = u.regency_code AND (p.id = u.person_id OR (u.person_id IS NULL AND p.id = (
      SELECT hm.person_id FROM household_member hm WHERE hm.regency_code = u.regency_code AND hm.household_id = u.household_id AND hm.left_on IS NULL
      ORDER BY hm.relationship <> 'kepala_keluarga', hm.joined_on NULLS LAST LIMIT 1)))
  ) rp ON true`;

const SELECT = `
  SELECT u.id, u.regency_code AS "regencyCode", u.village_code AS "villageCode", u.programme_code AS "programmeCode",
         u.person_id AS "personId", u.household_id AS "householdId", rp.full_name AS "recipientName", rp.nik_masked AS "nikMasked",
         u.reason, u.status, to_char(u.batch_month, 'YYYY-MM') AS "batchMonth", u.deliberation, u.musdes_id AS "musdesId",
         u.checklist, u.verification_photo_ids AS "verificationPhotoIds", u.verifier_approved_by AS "verifierApprovedBy",
         u.result_reason AS "resultReason", u.return_reason AS "returnReason", u.membership_id AS "membershipId",
         u.nik_hash_sent AS "nikHashSent", u.version, u.created_at AS "createdAt", u.updated_at AS "updatedAt"
  FROM usulan u ${RECIPIENT_PERSON}`;

function normalise(r: Record<string, unknown>): UsulanRow {
  return { ...(r as unknown as UsulanRow), createdAt: new Date(r.createdAt as string).toISOString(), updatedAt: new Date(r.updatedAt as string).toISOString() };
}

export async function find(db: Queryable, id: string, scopes: string[]): Promise<UsulanRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${SELECT} WHERE u.id = $1 AND ${scopePredicate('u.village_code', scopes, params)}`, params);
  return rows[0] ? normalise(rows[0]) : null;
}

export async function findMany(db: Queryable, ids: string[], scopes: string[]): Promise<UsulanRow[]> {
  const params: unknown[] = [ids];
  const { rows } = await db.query(`${SELECT} WHERE u.id = ANY($1::uuid[]) AND ${scopePredicate('u.village_code', scopes, params)}`, params);
  return rows.map(normalise);
}

export async function list(db: Queryable, scopes: string[], f: { area?: string; status?: string; programme?: string; batchMonth?: string; limit: number; offset: number }) {
  const params: unknown[] = [];
  const where = [scopePredicate('u.village_code', scopes, params)];
  if (f.area) {
    params.push(f.area, `${f.area}.%`);
    where.push(`(u.village_code = $${params.length - 1} OR u.village_code LIKE $${params.length})`);
  }
  if (f.status) { params.push(f.status); where.push(`u.status = $${params.length}`); }
  if (f.programme) { params.push(f.programme); where.push(`u.programme_code = $${params.length}`); }
  if (f.batchMonth) { params.push(`${f.batchMonth}-01`); where.push(`u.batch_month = $${params.length}::date`); }
  const w = where.join(' AND ');
  const total = (await db.query(`SELECT count(*)::int AS n FROM usulan u WHERE ${w}`, params)).rows[0].n as number;
  params.push(f.limit, f.offset);
  const { rows } = await db.query(`${SELECT} WHERE ${w} ORDER BY u.village_code, u.created_at, u.id LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { rows: rows.map(normalise), total };
}

export async function insert(
  db: Queryable,
  u: { id: string; regencyCode: string; villageCode: string; programmeCode: string; personId: string | null; householdId: string | null; reason: string },
  actorId: string | null,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO usulan (regency_code, id, programme_code, person_id, household_id, village_code, reason, status, created_at, created_by, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,'draft',$8,$9,$8,$9)`,
    [u.regencyCode, u.id, u.programmeCode, u.personId, u.householdId, u.villageCode, u.reason, now, actorId],
  );
}

/** Moves an usulan and sets the step's columns, if the version (when given) still matches. */
export async function update(db: Queryable, key: { regencyCode: string; id: string; version: number | null }, set: Record<string, unknown>, actorId: string | null, now: Date): Promise<boolean> {
  const cols = Object.keys(set);
  const params: unknown[] = [key.regencyCode, key.id, key.version, now, actorId, ...cols.map((c) => set[c])];
  const { rowCount } = await db.query(
    `UPDATE usulan SET ${cols.map((c, i) => `${c} = $${i + 6}, `).join('')}version = version + 1, updated_at = $4, updated_by = $5
     WHERE regency_code = $1 AND id = $2 AND ($3::int IS NULL OR version = $3)`,
    params,
  );
  return rowCount === 1;
}

export async function insertEvent(
  db: Queryable,
  e: { regencyCode: string; id: string; usulanId: string; personId: string | null; villageCode: string; action: string; from: string | null; to: string; reason: string | null; details: Record<string, unknown>; at: Date; actorId: string | null; actorLabel: string },
): Promise<void> {
  await db.query(
    `INSERT INTO usulan_event (regency_code, id, usulan_id, person_id, village_code, action, from_status, to_status, reason, details, at, actor_id, actor_label)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [e.regencyCode, e.id, e.usulanId, e.personId, e.villageCode, e.action, e.from, e.to, e.reason, JSON.stringify(e.details), e.at, e.actorId, e.actorLabel],
  );
}

export async function events(db: Queryable, key: { regencyCode: string; id: string }) {
  const { rows } = await db.query(
    `SELECT action, from_status AS "fromStatus", to_status AS "toStatus", reason, at, actor_label AS actor
     FROM usulan_event WHERE regency_code = $1 AND usulan_id = $2 ORDER BY at, id`,
    [key.regencyCode, key.id],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

export async function insertMusdes(
  db: Queryable,
  m: { regencyCode: string; id: string; villageCode: string; kind: string; heldOn: string; place: string; attendeeCount: number; attendeeRoles: unknown; decidedCount: number; signedScanFileId: string | null; notes: string | null; at: Date; by: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO musdes (regency_code, id, village_code, kind, held_on, place, attendee_count, attendee_roles, decided_count, signed_scan_file_id, notes, created_at, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [m.regencyCode, m.id, m.villageCode, m.kind, m.heldOn, m.place, m.attendeeCount, JSON.stringify(m.attendeeRoles), m.decidedCount, m.signedScanFileId, m.notes, m.at, m.by],
  );
}

export async function findMusdes(db: Queryable, id: string, scopes: string[]) {
  const params: unknown[] = [id];
  const { rows } = await db.query(
    `SELECT m.id, m.regency_code AS "regencyCode", m.village_code AS "villageCode", m.kind, m.held_on::text AS "heldOn", m.place,
            m.attendee_count AS "attendeeCount", m.attendee_roles AS "attendeeRoles", m.decided_count AS "decidedCount",
            m.signed_scan_file_id AS "signedScanFileId", m.notes, m.created_at AS "createdAt",
            coalesce((SELECT array_agg(u.id ORDER BY u.id) FROM usulan u WHERE u.regency_code = m.regency_code AND u.musdes_id = m.id), '{}') AS "usulanIds"
     FROM musdes m WHERE m.id = $1 AND ${scopePredicate('m.village_code', scopes, params)}`,
    params,
  );
  const r = rows[0];
  return r ? { ...r, createdAt: new Date(r.createdAt).toISOString() } : null;
}

/** Whether an uploaded file exists for this village (an id from another area names the field as unknown). */
export async function fileInArea(db: Queryable, fileId: string, villageCode: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT area_code FROM stored_file WHERE id = $1`, [fileId]);
  const area = rows[0]?.area_code as string | undefined;
  return area === villageCode;
}
