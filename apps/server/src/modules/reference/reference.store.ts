import type { Queryable } from '../../platform/db/pool';

export async function listPpks(db: Queryable) {
  const { rows } = await db.query(
    `SELECT code, slug, name, name_en AS "nameEn", group_code AS "group", sensitivity,
            sensitivity_reason AS "sensitivityReason", age_min AS "ageMin", age_max AS "ageMax", aliases
     FROM ppks_category WHERE active ORDER BY code`,
  );
  return rows;
}

export async function listPsks(db: Queryable) {
  const { rows } = await db.query(
    `SELECT code, name, name_en AS "nameEn", kind, aliases FROM psks_kind WHERE active ORDER BY name`,
  );
  return rows;
}

export async function listProgrammes(db: Queryable) {
  const { rows } = await db.query(
    `SELECT code, name, name_en AS "nameEn", description, target, aliases, owner_area_code AS "ownerAreaCode"
     FROM programme WHERE active ORDER BY owner_area_code NULLS FIRST, code`,
  );
  return rows;
}

/** Lookup of known area codes by level, for NIK/KK validation. */
export async function loadAreaCodeSets(db: Queryable) {
  const { rows } = await db.query(`SELECT code, level FROM area WHERE level <> 'village'`);
  const sets = { province: new Set<string>(), regency: new Set<string>(), district: new Set<string>() };
  for (const r of rows) sets[r.level as keyof typeof sets].add(r.code);
  return sets;
}
