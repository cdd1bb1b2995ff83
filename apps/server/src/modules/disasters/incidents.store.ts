import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

/**
 * SQL for incidents. An incident is visible where one of its affected villages lies in
 * the actor's respond/manage scope, where its lead office lies in the manage scope, or
 * to a responder on its roster (`visibility` adds that predicate to every query).
 */
export interface IncidentRow {
  id: string;
  kind: 'bencana_alam' | 'bencana_sosial' | 'wabah' | 'kejadian_khusus';
  hazard: string | null;
  title: string;
  startedAt: string;
  status: 'emergency' | 'recovery' | 'closed';
  leadOfficeCode: string;
  leadOfficeName: string;
  ppksCode: number;
  description: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Visibility {
  respond: string[];
  manage: string[];
  /** The actor's user id when being on the roster makes it a responder; null otherwise. */
  rosterUserId: string | null;
}

/** The visibility predicate for incident alias `i` (appends params). */
export function visibility(v: Visibility, params: unknown[]): string {
  const parts = [
    `EXISTS (SELECT 1 FROM incident_area ia WHERE ia.incident_id = i.id AND ${scopePredicate('ia.village_code', v.respond, params)})`,
    scopePredicate('i.lead_office_code', v.manage, params),
  ];
  if (v.rosterUserId) {
    params.push(v.rosterUserId);
    parts.push(`EXISTS (SELECT 1 FROM incident_volunteer iv WHERE iv.incident_id = i.id AND iv.user_id = $${params.length})`);
  }
  return `(${parts.join(' OR ')})`;
}

const SELECT = `
  SELECT i.id, i.kind, i.hazard, i.title, i.started_at AS "startedAt", i.status, i.lead_office_code AS "leadOfficeCode",
         lo.name AS "leadOfficeName", i.ppks_code AS "ppksCode", i.description, i.version,
         i.created_at AS "createdAt", i.updated_at AS "updatedAt"
  FROM incident i JOIN area lo ON lo.code = i.lead_office_code`;

const iso = (v: unknown) => new Date(v as string).toISOString();
const norm = (r: Record<string, unknown>): IncidentRow => ({
  ...(r as unknown as IncidentRow),
  startedAt: iso(r.startedAt),
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

export async function find(db: Queryable, id: string, v: Visibility): Promise<IncidentRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${SELECT} WHERE i.id = $1 AND ${visibility(v, params)}`, params);
  return rows[0] ? norm(rows[0]) : null;
}

export async function findAny(db: Queryable, id: string): Promise<IncidentRow | null> {
  const { rows } = await db.query(`${SELECT} WHERE i.id = $1`, [id]);
  return rows[0] ? norm(rows[0]) : null;
}

export async function list(db: Queryable, v: Visibility, f: { status?: string; area?: string; limit: number; offset: number }) {
  const params: unknown[] = [];
  const where = [visibility(v, params)];
  if (f.status) {
    params.push(f.status);
    where.push(`i.status = $${params.length}`);
  }
  if (f.area) {
    params.push(f.area, `${f.area}.%`);
    where.push(`EXISTS (SELECT 1 FROM incident_area fa WHERE fa.incident_id = i.id AND (fa.village_code = $${params.length - 1} OR fa.village_code LIKE $${params.length}))`);
  }
  const w = where.join(' AND ');
  const total = (await db.query(`SELECT count(*)::int AS n FROM incident i WHERE ${w}`, params)).rows[0].n as number;
  params.push(f.limit, f.offset);
  const { rows } = await db.query(
    `${SELECT.replace('FROM incident i', ', (SELECT count(*)::int FROM incident_area c WHERE c.incident_id = i.id) AS "villageCount" FROM incident i')}
     WHERE ${w} ORDER BY i.started_at DESC, i.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows: rows.map((r) => ({ ...norm(r), villageCount: r.villageCount as number })), total };
}

export interface AreaRow {
  villageCode: string;
  villageName: string;
  districtName: string;
  regencyCode: string;
  regencyName: string;
}

export async function areas(db: Queryable, incidentId: string): Promise<AreaRow[]> {
  const { rows } = await db.query(
    `SELECT ia.village_code AS "villageCode", v.name AS "villageName", d.name AS "districtName",
            ia.regency_code AS "regencyCode", r.name AS "regencyName"
     FROM incident_area ia JOIN area v ON v.code = ia.village_code
     JOIN area d ON d.code = left(ia.village_code, 8) JOIN area r ON r.code = ia.regency_code
     WHERE ia.incident_id = $1 ORDER BY ia.village_code`,
    [incidentId],
  );
  return rows;
}

/** Villages among `codes` that exist (level village). */
export async function existingVillages(db: Queryable, codes: string[]): Promise<Set<string>> {
  const { rows } = await db.query(`SELECT code FROM area WHERE code = ANY($1) AND level = 'village'`, [codes]);
  return new Set(rows.map((r) => r.code as string));
}

export async function officeExists(db: Queryable, code: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM area WHERE code = $1 AND level IN ('province', 'regency')`, [code]);
  return rows.length === 1;
}

export async function insert(
  db: Queryable,
  r: { id: string; kind: string; hazard: string | null; title: string; startedAt: string; leadOfficeCode: string; ppksCode: number; description: string | null; now: Date; actorId: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO incident (id, kind, hazard, title, started_at, lead_office_code, ppks_code, description, created_at, created_by, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$9,$10)`,
    [r.id, r.kind, r.hazard, r.title, r.startedAt, r.leadOfficeCode, r.ppksCode, r.description, r.now, r.actorId],
  );
}

/** Adds villages (ignores those already there); creates their dashboard rollup rows. Returns the codes added. */
export async function addAreas(db: Queryable, incidentId: string, villages: string[], now: Date, actorId: string | null): Promise<string[]> {
  const { rows } = await db.query(
    `INSERT INTO incident_area (incident_id, village_code, regency_code, added_at, added_by)
     SELECT $1, v, left(v, 5), $3, $4 FROM unnest($2::text[]) v
     ON CONFLICT DO NOTHING RETURNING village_code`,
    [incidentId, villages, now, actorId],
  );
  const added = rows.map((r) => r.village_code as string);
  await db.query(
    `INSERT INTO incident_village_rollup (incident_id, village_code, regency_code)
     SELECT $1, v, left(v, 5) FROM unnest($2::text[]) v ON CONFLICT DO NOTHING`,
    [incidentId, added],
  );
  return added;
}

export async function update(db: Queryable, key: { id: string; version: number }, set: Record<string, unknown>, now: Date, actorId: string | null): Promise<boolean> {
  const cols = Object.keys(set);
  const params: unknown[] = [key.id, key.version, now, actorId, ...cols.map((c) => set[c])];
  const assignments = cols.map((c, i) => `${c} = $${i + 5}, `).join('');
  const { rowCount } = await db.query(
    `UPDATE incident SET ${assignments}version = version + 1, updated_at = $3, updated_by = $4 WHERE id = $1 AND version = $2`,
    params,
  );
  return rowCount === 1;
}

export async function insertStatusEvent(
  db: Queryable,
  e: { id: string; incidentId: string; from: string | null; to: string; note: string | null; at: Date; userId: string | null; label: string },
): Promise<void> {
  await db.query(
    `INSERT INTO incident_status_event (id, incident_id, from_status, to_status, note, at, by_user, by_label) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [e.id, e.incidentId, e.from, e.to, e.note, e.at, e.userId, e.label],
  );
}

export async function isRostered(db: Queryable, incidentId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  const { rows } = await db.query(`SELECT 1 FROM incident_volunteer WHERE incident_id = $1 AND user_id = $2`, [incidentId, userId]);
  return rows.length > 0;
}

/** Ids of the incidents visible to the caller, ascending after `afterId` (the phone's first sync). */
export async function pageIds(db: Queryable, v: Visibility, afterId: string | null, limit: number): Promise<string[]> {
  const params: unknown[] = [afterId ?? '00000000-0000-0000-0000-000000000000', limit];
  const { rows } = await db.query(`SELECT i.id FROM incident i WHERE i.id > $1 AND ${visibility(v, params)} ORDER BY i.id LIMIT $2`, params);
  return rows.map((r) => r.id as string);
}
