import type { Queryable } from '../../platform/db/pool';
import { updateVersioned } from '../../platform/db/versioned';

/**
 * SQL for persons. Every query carries the caller's scope predicate (STYLE.md
 * §4); Row-Level Security on `person` is the second wall behind it.
 */
export interface PersonRow {
  id: string;
  regencyCode: string;
  villageCode: string;
  villageName: string;
  rw: string | null;
  rt: string | null;
  fullName: string;
  aliases: string[];
  sex: 'L' | 'P' | null;
  birthDate: string | null;
  birthDateEstimated: boolean;
  birthPlace: string | null;
  nikMasked: string | null;
  nikMissingReason: 'tidak_punya' | 'belum_rekam' | 'tidak_diketahui' | null;
  address: string | null;
  phone: string | null;
  disabilityTypes: ('fisik' | 'intelektual' | 'mental' | 'sensorik')[];
  disabilitySeverity: 'ringan' | 'sedang' | 'berat' | null;
  photoFileId: string | null;
  status: string;
  mergedInto: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `
  SELECT p.id, p.regency_code AS "regencyCode", p.village_code AS "villageCode", a.name AS "villageName",
         p.rw, p.rt, p.full_name AS "fullName", p.aliases, p.sex, p.birth_date::text AS "birthDate",
         p.birth_date_estimated AS "birthDateEstimated", p.birth_place AS "birthPlace",
         p.nik_masked AS "nikMasked", p.nik_missing_reason AS "nikMissingReason", p.address, p.phone,
         p.disability_types AS "disabilityTypes", p.disability_severity AS "disabilitySeverity", p.photo_file_id AS "photoFileId",
         p.status, p.merged_into AS "mergedInto", p.version, p.created_at AS "createdAt", p.updated_at AS "updatedAt"
  FROM person p JOIN area a ON a.code = p.village_code`;

/** `col` lies inside one of `scopes` (prefix test; 'ID' is national). Appends params. */
export function scopePredicate(col: string, scopes: string[], params: unknown[]): string {
  if (scopes.includes('ID')) return 'TRUE';
  if (scopes.length === 0) return 'FALSE';
  params.push(scopes, scopes.map((s) => `${s}.%`));
  return `(${col} = ANY($${params.length - 1}) OR ${col} LIKE ANY($${params.length}))`;
}

function normalise(r: Record<string, unknown>): PersonRow {
  return {
    ...(r as unknown as PersonRow),
    createdAt: new Date(r.createdAt as string).toISOString(),
    updatedAt: new Date(r.updatedAt as string).toISOString(),
  };
}

export async function findPerson(db: Queryable, id: string, scopes: string[]): Promise<PersonRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(
    `${SELECT} WHERE p.id = $1 AND p.status IN ('active', 'restricted') AND ${scopePredicate('p.village_code', scopes, params)}`,
    params,
  );
  return rows[0] ? normalise(rows[0]) : null;
}

export async function findPersonIdByNikHash(db: Queryable, nikHash: Buffer, scopes: string[]): Promise<string | null> {
  const params: unknown[] = [nikHash];
  const { rows } = await db.query(
    `SELECT id FROM person p WHERE nik_hash = $1 AND status IN ('active', 'restricted')
       AND ${scopePredicate('p.village_code', scopes, params)}`,
    params,
  );
  return rows[0]?.id ?? null;
}

export async function listPersons(
  db: Queryable,
  scopes: string[],
  f: { area?: string; q?: string; ppks?: number; caseStatus?: string; limit: number; offset: number },
): Promise<{ rows: (PersonRow & { ppksCodes: number[] })[]; total: number }> {
  const params: unknown[] = [];
  const where = [`p.status = 'active'`, scopePredicate('p.village_code', scopes, params)];
  if (f.area) {
    params.push(f.area, `${f.area}.%`);
    where.push(`(p.village_code = $${params.length - 1} OR p.village_code LIKE $${params.length})`);
  }
  if (f.q) {
    params.push(`%${f.q.toLowerCase()}%`);
    where.push(`(lower(p.full_name) LIKE $${params.length} OR lower(array_to_string(p.aliases, ' ')) LIKE $${params.length})`);
  }
  if (f.ppks !== undefined) {
    params.push(f.ppks);
    where.push(`EXISTS (SELECT 1 FROM person_ppks pp WHERE pp.regency_code = p.regency_code AND pp.person_id = p.id AND pp.ended_on IS NULL AND pp.ppks_code = $${params.length})`);
  }
  if (f.caseStatus !== undefined) {
    params.push(f.caseStatus);
    where.push(`EXISTS (SELECT 1 FROM ppks_case c WHERE c.regency_code = p.regency_code AND c.person_id = p.id AND c.status = $${params.length})`);
  }
  const whereSql = where.join(' AND ');
  const total = await db.query(`SELECT count(*)::int AS n FROM person p WHERE ${whereSql}`, params);
  params.push(f.limit, f.offset);
  const { rows } = await db.query(
    `SELECT q.*, coalesce((SELECT array_agg(pp.ppks_code ORDER BY pp.ppks_code) FROM person_ppks pp
                           WHERE pp.regency_code = q."regencyCode" AND pp.person_id = q.id AND pp.ended_on IS NULL), '{}') AS "ppksCodes"
     FROM (${SELECT} WHERE ${whereSql} ORDER BY p.full_name, p.id LIMIT $${params.length - 1} OFFSET $${params.length}) q
     ORDER BY q."fullName", q.id`,
    params,
  );
  return { rows: rows.map((r) => ({ ...normalise(r), ppksCodes: r.ppksCodes as number[] })), total: total.rows[0].n };
}

export interface PersonWrite {
  id: string;
  regencyCode: string;
  villageCode: string;
  rw: string | null;
  rt: string | null;
  fullName: string;
  aliases: string[];
  sex: string | null;
  birthDate: string | null;
  birthDateEstimated: boolean;
  birthPlace: string | null;
  nikHash: Buffer | null;
  nikEnc: Buffer | null;
  nikMasked: string | null;
  nikMissingReason: string | null;
  address: string | null;
  phone: string | null;
  disabilityTypes: string[];
  disabilitySeverity: string | null;
  photoFileId: string | null;
}

export async function insertPerson(db: Queryable, p: PersonWrite, actorId: string | null, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO person (id, regency_code, village_code, rw, rt, full_name, aliases, sex, birth_date, birth_date_estimated,
                         birth_place, nik_hash, nik_enc, nik_masked, nik_missing_reason, address, phone,
                         created_at, created_by, updated_at, updated_by, disability_types, disability_severity, photo_file_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$18,$19,$20,$21,$22)`,
    [p.id, p.regencyCode, p.villageCode, p.rw, p.rt, p.fullName, p.aliases, p.sex, p.birthDate, p.birthDateEstimated,
     p.birthPlace, p.nikHash, p.nikEnc, p.nikMasked, p.nikMissingReason, p.address, p.phone, now, actorId,
     p.disabilityTypes, p.disabilitySeverity, p.photoFileId],
  );
}

/** Updates the given columns if the version still matches; returns false on a stale version. */
export function updatePerson(
  db: Queryable,
  key: { id: string; regencyCode: string; version: number },
  set: Record<string, unknown>,
  actorId: string | null,
  now: Date,
): Promise<boolean> {
  return updateVersioned(db, 'person', key, set, actorId, now);
}

export async function readNikCipher(db: Queryable, key: { id: string; regencyCode: string }): Promise<Buffer | null> {
  const { rows } = await db.query(`SELECT nik_enc FROM person WHERE regency_code = $1 AND id = $2`, [key.regencyCode, key.id]);
  return rows[0]?.nik_enc ?? null;
}

export async function processingHistory(db: Queryable, personId: string) {
  const { rows } = await db.query(
    `SELECT occurred_at, actor_label, action, entity_type, entity_id, purpose, details
     FROM audit_event WHERE person_id = $1 ORDER BY occurred_at, id`,
    [personId],
  );
  return rows.map((r) => ({
    at: new Date(r.occurred_at).toISOString(),
    actor: r.actor_label as string,
    action: r.action as string,
    entityType: r.entity_type as string,
    entityId: (r.entity_id as string | null) ?? null,
    purpose: (r.purpose as string | null) ?? null,
    details: r.details as Record<string, unknown>,
  }));
}

/** A person in any status (merged records too), inside the scope: for merges and un-merges. */
export async function findPersonAnyStatus(db: Queryable, id: string, scopes: string[]): Promise<PersonRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${SELECT} WHERE p.id = $1 AND p.status <> 'deleted' AND ${scopePredicate('p.village_code', scopes, params)}`, params);
  return rows[0] ? normalise(rows[0]) : null;
}

export interface CandidateRow {
  id: string;
  fullName: string;
  villageCode: string;
  villageName: string;
  birthDate: string | null;
  nikMasked: string | null;
  similarity: number;
}

/**
 * Near matches for a registration (pg_trgm similarity of the name, or of any alias),
 * narrowed by birth date / year ± 1 or the same district, inside the scope.
 *
 * Two indexed branches instead of one OR (an OR with the alias sub-query would
 * defeat the trigram index and scan every person in scope, bench B5): names via the
 * trigram index on lower(full_name); aliases only among the district's persons,
 * reached through the village-code index.
 */
export async function findCandidates(
  db: Queryable,
  scopes: string[],
  f: { fullName: string; districtCode: string; birthYear: number | null; excludeId?: string },
): Promise<CandidateRow[]> {
  const params: unknown[] = [f.fullName.toLowerCase(), f.districtCode, f.birthYear, f.excludeId ?? null];
  const scope = scopePredicate('p.village_code', scopes, params);
  const { rows } = await db.query(
    `WITH district AS MATERIALIZED (
       -- The district's persons through the village-code index: a handful, whatever the names.
       SELECT p.id, p.full_name, p.aliases
       FROM person p
       WHERE p.village_code LIKE $2 || '.%' AND p.status IN ('active', 'restricted')
         AND ($4::uuid IS NULL OR p.id <> $4::uuid) AND ${scope}
     ), by_name AS (
       SELECT d.id, similarity(lower(d.full_name), $1) AS similarity FROM district d WHERE lower(d.full_name) % $1
       UNION ALL
       -- Elsewhere in the scope only with a birth year ± 1 (trigram index, then the year).
       SELECT p.id, similarity(lower(p.full_name), $1)
       FROM person p
       WHERE $3::int IS NOT NULL AND lower(p.full_name) % $1 AND p.village_code NOT LIKE $2 || '.%'
         AND p.birth_date IS NOT NULL AND abs(extract(year FROM p.birth_date)::int - $3::int) <= 1
         AND p.status IN ('active', 'restricted') AND ($4::uuid IS NULL OR p.id <> $4::uuid) AND ${scope}
     ), by_alias AS (
       SELECT d.id, max(similarity(lower(al), $1)) AS similarity
       FROM district d CROSS JOIN LATERAL unnest(d.aliases) al
       WHERE lower(al) % $1
       GROUP BY d.id
     ), best AS (
       SELECT id, max(similarity) AS similarity FROM (SELECT * FROM by_name UNION ALL SELECT * FROM by_alias) x
       GROUP BY id ORDER BY max(similarity) DESC, id LIMIT 10
     )
     SELECT p.id, p.full_name AS "fullName", p.village_code AS "villageCode", a.name AS "villageName",
            p.birth_date::text AS "birthDate", p.nik_masked AS "nikMasked", b.similarity::float AS similarity
     FROM best b JOIN person p ON p.id = b.id JOIN area a ON a.code = p.village_code
     ORDER BY b.similarity DESC, p.id`,
    params,
  );
  return rows;
}

export async function setPersonStatus(db: Queryable, key: { id: string; regencyCode: string }, status: string, mergedInto: string | null, actorId: string | null, now: Date): Promise<void> {
  await db.query(
    `UPDATE person SET status = $3, merged_into = $4, version = version + 1, updated_at = $5, updated_by = $6 WHERE regency_code = $1 AND id = $2`,
    [key.regencyCode, key.id, status, mergedInto, now, actorId],
  );
}
