import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

/**
 * SQL for the PSM activity log. Every read carries a visibility predicate: the
 * caller's own entries, or entries in the areas where they may read activity logs.
 * Row-Level Security (0040) is the second wall.
 */
export interface ActivityRow {
  id: string;
  regencyCode: string;
  userId: string;
  villageCode: string;
  duty: 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'program';
  programmeCode: string | null;
  source: 'manual' | 'registration' | 'assessment' | 'visit' | 'referral' | 'service';
  sourceId: string | null;
  title: string;
  note: string | null;
  occurredAt: string;
  occurredOn: string;
  lat: number | null;
  lng: number | null;
  accuracyM: number | null;
  photoFileId: string | null;
  status: 'active' | 'deleted';
  version: number;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `
  SELECT a.id, a.regency_code AS "regencyCode", a.user_id AS "userId", a.village_code AS "villageCode", a.duty,
         a.programme_code AS "programmeCode", a.source, a.source_id AS "sourceId", a.title, a.note, a.occurred_at AS "occurredAt",
         a.occurred_on::text AS "occurredOn", a.lat, a.lng, a.accuracy_m AS "accuracyM", a.photo_file_id AS "photoFileId",
         a.status, a.version, a.created_at AS "createdAt", a.updated_at AS "updatedAt"
  FROM psm_activity a`;

const iso = (v: unknown) => new Date(v as string).toISOString();
const norm = (r: Record<string, unknown>): ActivityRow => ({
  ...(r as unknown as ActivityRow),
  occurredAt: iso(r.occurredAt),
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

/** Who may see what: their own entries, or any entry inside `readScopes`. */
export interface Visibility {
  userId: string | null;
  readScopes: string[];
}

function visible(v: Visibility, params: unknown[]): string {
  const area = scopePredicate('a.village_code', v.readScopes, params);
  if (!v.userId) return area;
  params.push(v.userId);
  return `(a.user_id = $${params.length} OR ${area})`;
}

export async function find(db: Queryable, id: string, v: Visibility): Promise<ActivityRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${SELECT} WHERE a.id = $1 AND ${visible(v, params)}`, params);
  return rows[0] ? norm(rows[0]) : null;
}

export async function findMany(db: Queryable, ids: string[], v: Visibility): Promise<ActivityRow[]> {
  if (!ids.length) return [];
  const params: unknown[] = [ids];
  const { rows } = await db.query(`${SELECT} WHERE a.id = ANY($1::uuid[]) AND ${visible(v, params)}`, params);
  return rows.map(norm);
}

export interface ListFilter {
  userId?: string;
  area?: string;
  fromDate?: string;
  toDate?: string;
  duty?: string;
  includeDeleted?: boolean;
  limit: number;
  offset: number;
}

export async function list(db: Queryable, v: Visibility, f: ListFilter): Promise<{ rows: ActivityRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [visible(v, params)];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (!f.includeDeleted) where.push(`a.status = 'active'`);
  if (f.userId) add('a.user_id = ?', f.userId);
  if (f.area && f.area !== 'ID') {
    params.push(f.area, `${f.area}.%`);
    where.push(`(a.village_code = $${params.length - 1} OR a.village_code LIKE $${params.length})`);
  }
  if (f.fromDate) add('a.occurred_on >= ?::date', f.fromDate);
  if (f.toDate) add('a.occurred_on < ?::date', f.toDate);
  if (f.duty) add('a.duty = ?', f.duty);
  const w = where.join(' AND ');
  const total = await db.query(`SELECT count(*)::int AS n FROM psm_activity a WHERE ${w}`, params);
  params.push(f.limit, f.offset);
  const { rows } = await db.query(`${SELECT} WHERE ${w} ORDER BY a.occurred_at DESC, a.id LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { rows: rows.map(norm), total: total.rows[0].n };
}

/** Active entries of one PSM in [from, to) (local dates), oldest first: what a monthly report is made of. */
export async function forUserBetween(db: Queryable, userId: string, from: string, to: string): Promise<ActivityRow[]> {
  const { rows } = await db.query(
    `${SELECT} WHERE a.user_id = $1 AND a.status = 'active' AND a.occurred_on >= $2::date AND a.occurred_on < $3::date ORDER BY a.occurred_at, a.id`,
    [userId, from, to],
  );
  return rows.map(norm);
}

export interface ActivityWrite {
  regencyCode: string;
  id: string;
  userId: string;
  villageCode: string;
  duty: string;
  programmeCode: string | null;
  title: string;
  note: string | null;
  occurredAt: string;
  lat: number | null;
  lng: number | null;
  accuracyM: number | null;
  photoFileId: string | null;
}

export async function insert(db: Queryable, a: ActivityWrite, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO psm_activity (regency_code, id, user_id, village_code, duty, programme_code, source, title, note, occurred_at, occurred_on,
                               lat, lng, accuracy_m, photo_file_id, created_at, created_by, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,'manual',$7,$8,$9,$9::timestamptz::date,$10,$11,$12,$13,$14,$3,$14,$3)`,
    [a.regencyCode, a.id, a.userId, a.villageCode, a.duty, a.programmeCode, a.title, a.note, a.occurredAt, a.lat, a.lng, a.accuracyM, a.photoFileId, now],
  );
}

const COLUMNS: Record<string, string> = {
  duty: 'duty',
  programmeCode: 'programme_code',
  title: 'title',
  note: 'note',
  occurredAt: 'occurred_at',
  lat: 'lat',
  lng: 'lng',
  accuracyM: 'accuracy_m',
  photoFileId: 'photo_file_id',
  status: 'status',
};

/** Applies `patch` when `version` still matches; false when it does not. */
export async function update(db: Queryable, key: { regencyCode: string; id: string; version: number }, patch: Record<string, unknown>, by: string | null, now: Date): Promise<boolean> {
  const sets: string[] = [];
  const params: unknown[] = [key.regencyCode, key.id, key.version, by, now];
  for (const [k, v] of Object.entries(patch)) {
    const col = COLUMNS[k];
    if (!col || v === undefined) continue;
    params.push(v);
    sets.push(`${col} = $${params.length}`);
  }
  const r = await db.query(
    `UPDATE psm_activity SET ${[...sets, 'version = version + 1', 'updated_by = $4', 'updated_at = $5'].join(', ')}
     WHERE regency_code = $1 AND id = $2 AND version = $3`,
    params,
  );
  return (r.rowCount ?? 0) > 0;
}

export async function programmeExists(db: Queryable, code: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM programme WHERE code = $1 AND active`, [code])).rows.length > 0;
}
