import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

/**
 * Victims of an incident: per-person rows (RLS on village_code like `person`), and
 * every query also carries the caller's scope predicate.
 */
export interface VictimRow {
  id: string;
  regencyCode: string;
  incidentId: string;
  personId: string;
  fullName: string;
  nikMasked: string | null;
  villageCode: string;
  villageName: string;
  displacement: 'tidak_mengungsi' | 'posko' | 'rumah_kerabat' | 'lainnya';
  postId: string | null;
  displacementPlace: string | null;
  condition: 'selamat' | 'luka_ringan' | 'luka_berat' | 'meninggal' | 'hilang';
  needs: string[];
  needsServed: string[];
  basicNeedsMet: boolean;
  vulnerabilities: string[];
  ppksCode: number;
  caseId: string | null;
  version: number;
  registeredAt: string;
  updatedAt: string;
}

const SELECT = `
  SELECT dv.id, dv.regency_code AS "regencyCode", dv.incident_id AS "incidentId", dv.person_id AS "personId", p.full_name AS "fullName",
         p.nik_masked AS "nikMasked", dv.village_code AS "villageCode", a.name AS "villageName", dv.displacement, dv.post_id AS "postId",
         dv.displacement_place AS "displacementPlace", dv.condition, dv.needs, dv.needs_served AS "needsServed",
         dv.basic_needs_met AS "basicNeedsMet", dv.vulnerabilities, dv.ppks_code AS "ppksCode", dv.case_id AS "caseId", dv.version,
         dv.registered_at AS "registeredAt", dv.updated_at AS "updatedAt"
  FROM disaster_victim dv
  JOIN person p ON p.regency_code = dv.regency_code AND p.id = dv.person_id
  JOIN area a ON a.code = dv.village_code`;

const norm = (r: Record<string, unknown>): VictimRow => ({
  ...(r as unknown as VictimRow),
  registeredAt: new Date(r.registeredAt as string).toISOString(),
  updatedAt: new Date(r.updatedAt as string).toISOString(),
});

export async function findMany(db: Queryable, ids: string[], scopes: string[]): Promise<VictimRow[]> {
  if (!ids.length) return [];
  const params: unknown[] = [ids];
  const { rows } = await db.query(`${SELECT} WHERE dv.id = ANY($1) AND ${scopePredicate('dv.village_code', scopes, params)} ORDER BY dv.id`, params);
  return rows.map(norm);
}

export async function find(db: Queryable, id: string, scopes: string[]): Promise<VictimRow | null> {
  return (await findMany(db, [id], scopes))[0] ?? null;
}

export async function findByPerson(db: Queryable, incidentId: string, key: { regencyCode: string; personId: string }): Promise<string | null> {
  const { rows } = await db.query(
    `SELECT id FROM disaster_victim WHERE regency_code = $1 AND incident_id = $2 AND person_id = $3`,
    [key.regencyCode, incidentId, key.personId],
  );
  return rows[0]?.id ?? null;
}

export async function idTaken(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM disaster_victim WHERE id = $1`, [id]);
  return rows.length > 0;
}

export async function list(db: Queryable, incidentId: string, scopes: string[], f: { villageCode?: string; limit: number; offset: number }) {
  const params: unknown[] = [incidentId];
  const where = ['dv.incident_id = $1', scopePredicate('dv.village_code', scopes, params)];
  if (f.villageCode) {
    params.push(f.villageCode);
    where.push(`dv.village_code = $${params.length}`);
  }
  const w = where.join(' AND ');
  const total = (await db.query(`SELECT count(*)::int AS n FROM disaster_victim dv WHERE ${w}`, params)).rows[0].n as number;
  params.push(f.limit, f.offset);
  const { rows } = await db.query(`${SELECT} WHERE ${w} ORDER BY dv.registered_at, dv.id LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { rows: rows.map(norm), total };
}

/** Ids in scope after `afterId` (sync snapshot paging). */
export async function pageIds(db: Queryable, scopes: string[], afterId: string | null, limit: number): Promise<string[]> {
  const params: unknown[] = [afterId ?? '00000000-0000-0000-0000-000000000000', limit];
  const { rows } = await db.query(
    `SELECT id FROM disaster_victim dv WHERE dv.id > $1 AND ${scopePredicate('dv.village_code', scopes, params)} ORDER BY dv.id LIMIT $2`,
    params,
  );
  return rows.map((r) => r.id as string);
}

export interface VictimWrite {
  regencyCode: string;
  id: string;
  incidentId: string;
  personId: string;
  villageCode: string;
  displacement: string;
  postId: string | null;
  displacementPlace: string | null;
  condition: string;
  needs: string[];
  vulnerabilities: string[];
  ppksCode: number;
  personPpksId: string | null;
  caseId: string | null;
  now: Date;
  actorId: string | null;
}

export async function insert(db: Queryable, v: VictimWrite): Promise<void> {
  await db.query(
    `INSERT INTO disaster_victim (regency_code, id, incident_id, person_id, village_code, displacement, post_id, displacement_place, condition,
        needs, vulnerabilities, ppks_code, person_ppks_id, case_id, registered_at, registered_by, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$15,$16)`,
    [v.regencyCode, v.id, v.incidentId, v.personId, v.villageCode, v.displacement, v.postId, v.displacementPlace, v.condition,
     v.needs, v.vulnerabilities, v.ppksCode, v.personPpksId, v.caseId, v.now, v.actorId],
  );
}

export async function update(
  db: Queryable,
  key: { regencyCode: string; id: string; version: number },
  set: Record<string, unknown>,
  now: Date,
  actorId: string | null,
): Promise<boolean> {
  const cols = Object.keys(set);
  const params: unknown[] = [key.regencyCode, key.id, key.version, now, actorId, ...cols.map((c) => set[c])];
  const { rowCount } = await db.query(
    `UPDATE disaster_victim SET ${cols.map((c, i) => `${c} = $${i + 6}, `).join('')}version = version + 1, updated_at = $4, updated_by = $5
     WHERE regency_code = $1 AND id = $2 AND version = $3`,
    params,
  );
  return rowCount === 1;
}

/**
 * Records that aid of `needKind` reached the victim. Locks the row (FOR UPDATE) so two
 * issues at once both count; returns the row before and the served kinds after.
 */
export async function lockForServe(db: Queryable, key: { regencyCode: string; id: string }) {
  const { rows } = await db.query(
    `SELECT needs, needs_served AS "needsServed", basic_needs_met AS "basicNeedsMet", displacement, vulnerabilities, village_code AS "villageCode"
     FROM disaster_victim WHERE regency_code = $1 AND id = $2 FOR UPDATE`,
    [key.regencyCode, key.id],
  );
  return rows[0] as { needs: string[]; needsServed: string[]; basicNeedsMet: boolean; displacement: string; vulnerabilities: string[]; villageCode: string } | undefined;
}

export async function setServed(db: Queryable, key: { regencyCode: string; id: string }, served: string[], met: boolean, now: Date, actorId: string | null): Promise<void> {
  await db.query(
    `UPDATE disaster_victim SET needs_served = $3, basic_needs_met = $4, version = version + 1, updated_at = $5, updated_by = $6
     WHERE regency_code = $1 AND id = $2`,
    [key.regencyCode, key.id, served, met, now, actorId],
  );
}
