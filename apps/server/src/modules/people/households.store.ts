import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from './people.store';

export interface HouseholdRow {
  id: string;
  regencyCode: string;
  villageCode: string;
  villageName: string;
  rw: string | null;
  rt: string | null;
  address: string | null;
  kkMasked: string | null;
  status: string;
  version: number;
}

const SELECT = `
  SELECT h.id, h.regency_code AS "regencyCode", h.village_code AS "villageCode", a.name AS "villageName", h.rw, h.rt, h.address,
         h.kk_masked AS "kkMasked", h.status, h.version
  FROM household h JOIN area a ON a.code = h.village_code`;

export async function find(db: Queryable, id: string, scopes: string[]): Promise<HouseholdRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${SELECT} WHERE h.id = $1 AND ${scopePredicate('h.village_code', scopes, params)}`, params);
  return rows[0] ?? null;
}

export async function list(db: Queryable, scopes: string[], f: { area?: string; limit: number; offset: number }) {
  const params: unknown[] = [];
  const where = [`h.status = 'active'`, scopePredicate('h.village_code', scopes, params)];
  if (f.area) {
    params.push(f.area, `${f.area}.%`);
    where.push(`(h.village_code = $${params.length - 1} OR h.village_code LIKE $${params.length})`);
  }
  const w = where.join(' AND ');
  const total = (await db.query(`SELECT count(*)::int AS n FROM household h WHERE ${w}`, params)).rows[0].n as number;
  params.push(f.limit, f.offset);
  const { rows } = await db.query(
    `SELECT q.*,
            (SELECT count(*)::int FROM household_member m WHERE m.regency_code = q."regencyCode" AND m.household_id = q.id AND m.left_on IS NULL) AS "memberCount",
            (SELECT p.full_name FROM household_member m JOIN person p ON p.regency_code = m.regency_code AND p.id = m.person_id
              WHERE m.regency_code = q."regencyCode" AND m.household_id = q.id AND m.left_on IS NULL AND m.relationship = 'kepala_keluarga' LIMIT 1) AS head
     FROM (${SELECT} WHERE ${w} ORDER BY h.village_code, h.id LIMIT $${params.length - 1} OFFSET $${params.length}) q`,
    params,
  );
  return { rows, total };
}

export async function members(db: Queryable, key: { regencyCode: string; id: string }) {
  const { rows } = await db.query(
    `SELECT m.id, m.person_id AS "personId", p.full_name AS "fullName", m.relationship, m.joined_on::text AS "joinedOn", m.left_on::text AS "leftOn"
     FROM household_member m JOIN person p ON p.regency_code = m.regency_code AND p.id = m.person_id
     WHERE m.regency_code = $1 AND m.household_id = $2 ORDER BY m.left_on NULLS FIRST, m.relationship <> 'kepala_keluarga', p.full_name`,
    [key.regencyCode, key.id],
  );
  return rows;
}

export async function kkHistory(db: Queryable, key: { regencyCode: string; id: string }) {
  const { rows } = await db.query(
    `SELECT kk_masked AS "kkMasked", issued_on::text AS "issuedOn", valid_from AS "validFrom", replaced_at AS "replacedAt"
     FROM household_kk WHERE regency_code = $1 AND household_id = $2 ORDER BY valid_from DESC`,
    [key.regencyCode, key.id],
  );
  return rows.map((r) => ({ ...r, validFrom: new Date(r.validFrom).toISOString(), replacedAt: r.replacedAt ? new Date(r.replacedAt).toISOString() : null }));
}

export interface ProtectedKk {
  hash: Buffer;
  enc: Buffer;
  masked: string;
}

export async function insert(
  db: Queryable,
  h: { id: string; regencyCode: string; villageCode: string; rw: string | null; rt: string | null; address: string | null; kk: ProtectedKk | null; now: Date; actorId: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO household (id, regency_code, village_code, rw, rt, address, kk_hash, kk_enc, kk_masked, created_at, created_by, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$10,$11)`,
    [h.id, h.regencyCode, h.villageCode, h.rw, h.rt, h.address, h.kk?.hash ?? null, h.kk?.enc ?? null, h.kk?.masked ?? null, h.now, h.actorId],
  );
}

/** Records a (new) No. KK: the previous one is kept as history, replaced now. */
export async function setKk(
  db: Queryable,
  key: { regencyCode: string; id: string; villageCode: string; version: number | null },
  kk: ProtectedKk,
  issuedOn: string | null,
  id: string,
  now: Date,
  actorId: string | null,
): Promise<boolean> {
  const upd = await db.query(
    `UPDATE household SET kk_hash = $3, kk_enc = $4, kk_masked = $5, version = version + 1, updated_at = $6, updated_by = $7
     WHERE regency_code = $1 AND id = $2 ${key.version === null ? '' : 'AND version = $8'}`,
    [key.regencyCode, key.id, kk.hash, kk.enc, kk.masked, now, actorId, ...(key.version === null ? [] : [key.version])],
  );
  if (upd.rowCount !== 1) return false;
  await db.query(`UPDATE household_kk SET replaced_at = $3 WHERE regency_code = $1 AND household_id = $2 AND replaced_at IS NULL`, [key.regencyCode, key.id, now]);
  await db.query(
    `INSERT INTO household_kk (regency_code, id, household_id, village_code, kk_hash, kk_enc, kk_masked, issued_on, valid_from, recorded_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [key.regencyCode, id, key.id, key.villageCode, kk.hash, kk.enc, kk.masked, issuedOn, now, actorId],
  );
  return true;
}

export async function readKkCipher(db: Queryable, key: { regencyCode: string; id: string }): Promise<Buffer | null> {
  const { rows } = await db.query(`SELECT kk_enc FROM household WHERE regency_code = $1 AND id = $2`, [key.regencyCode, key.id]);
  return rows[0]?.kk_enc ?? null;
}

export async function addMember(
  db: Queryable,
  m: { regencyCode: string; id: string; householdId: string; personId: string; villageCode: string; relationship: string; joinedOn: string | null; now: Date; actorId: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO household_member (regency_code, id, household_id, person_id, village_code, relationship, joined_on, created_at, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [m.regencyCode, m.id, m.householdId, m.personId, m.villageCode, m.relationship, m.joinedOn, m.now, m.actorId],
  );
}

export async function hasCurrentHead(db: Queryable, key: { regencyCode: string; id: string }): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM household_member WHERE regency_code = $1 AND household_id = $2 AND left_on IS NULL AND relationship = 'kepala_keluarga'`,
    [key.regencyCode, key.id],
  );
  return rows.length > 0;
}

export async function leave(db: Queryable, key: { regencyCode: string; householdId: string; memberId: string }, leftOn: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE household_member SET left_on = $4 WHERE regency_code = $1 AND household_id = $2 AND id = $3 AND left_on IS NULL`,
    [key.regencyCode, key.householdId, key.memberId, leftOn],
  );
  return rowCount === 1;
}
