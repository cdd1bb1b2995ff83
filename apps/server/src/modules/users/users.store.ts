import { isRole, NATIONAL_SCOPE, type Grant, type Role } from '@pilar/domain';
import type { Queryable } from '../../platform/db/pool';

export interface GrantRecord extends Grant {
  areaName: string | null;
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  status: 'active' | 'disabled';
  mustChangePassword: boolean;
  lockedUntil: Date | null;
  grants: GrantRecord[];
  createdAt: Date;
  lastLoginAt: Date | null;
  version: number;
}

const COLUMNS = `u.id, u.username, u.display_name, u.status, u.must_change_password, u.locked_until, u.created_at,
  u.last_login_at, u.version,
  COALESCE((
    SELECT json_agg(json_build_object('role', g.role, 'areaCode', g.area_code,
                                      'areaName', CASE WHEN g.area_code = 'ID' THEN 'Indonesia' ELSE a.name END)
                    ORDER BY g.area_code, g.role)
    FROM user_grant g LEFT JOIN area a ON a.code = g.area_code
    WHERE g.user_id = u.id), '[]'::json) AS grants`;

function toUser(r: Record<string, unknown>): UserRecord {
  const grants = (r.grants as { role: string; areaCode: string; areaName: string | null }[]).flatMap((g) =>
    isRole(g.role) ? [{ role: g.role, areaCode: g.areaCode, areaName: g.areaName }] : [],
  );
  return {
    id: r.id as string,
    username: r.username as string,
    displayName: r.display_name as string,
    status: r.status as UserRecord['status'],
    mustChangePassword: r.must_change_password as boolean,
    lockedUntil: (r.locked_until as Date | null) ?? null,
    grants,
    createdAt: r.created_at as Date,
    lastLoginAt: (r.last_login_at as Date | null) ?? null,
    version: r.version as number,
  };
}

/** SQL parameters collected while a query is built. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** `col` lies in one of `scopes` (prefix test, DOMAIN.md §5). Empty scopes: nothing. */
function inScopes(col: string, scopes: readonly string[], p: Params): string {
  if (scopes.includes(NATIONAL_SCOPE)) return 'TRUE';
  if (scopes.length === 0) return 'FALSE';
  return `(${col} = ANY(${p.add(scopes)}::text[]) OR ${col} LIKE ANY(${p.add(scopes.map((s) => `${s}.%`))}::text[]))`;
}

/**
 * Users visible in `scopes`: having at least one grant inside them (national
 * scope: every user, also those without grants). Area and role filters apply to
 * that same grant.
 */
function visibility(scopes: readonly string[], p: Params, filter: { area?: string; role?: Role } = {}): string {
  const grantConditions: string[] = [];
  if (!scopes.includes(NATIONAL_SCOPE)) grantConditions.push(inScopes('g.area_code', scopes, p));
  if (filter.area) grantConditions.push(inScopes('g.area_code', [filter.area], p));
  if (filter.role) grantConditions.push(`g.role = ${p.add(filter.role)}`);
  if (grantConditions.length === 0) return 'TRUE';
  return `EXISTS (SELECT 1 FROM user_grant g WHERE g.user_id = u.id AND ${grantConditions.join(' AND ')})`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface UserFilter {
  area?: string | undefined;
  role?: Role | undefined;
  q?: string | undefined;
  status?: string | undefined;
}

function listConditions(scopes: readonly string[], f: UserFilter, p: Params): string {
  const where = [visibility(scopes, p, { ...(f.area ? { area: f.area } : {}), ...(f.role ? { role: f.role } : {}) })];
  if (f.q) {
    const like = p.add(`%${escapeLike(f.q.toLowerCase())}%`);
    where.push(`(u.username LIKE ${like} OR lower(u.display_name) LIKE ${like})`);
  }
  if (f.status) where.push(`u.status = ${p.add(f.status)}`);
  return where.join(' AND ');
}

export async function listUsers(
  db: Queryable,
  scopes: readonly string[],
  f: UserFilter & { limit: number; offset: number },
): Promise<{ items: UserRecord[]; total: number }> {
  const p = new Params();
  const where = listConditions(scopes, f, p);
  const { rows } = await db.query(
    `SELECT ${COLUMNS}, count(*) OVER () AS total FROM app_user u WHERE ${where}
     ORDER BY u.username LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`,
    p.values,
  );
  if (rows.length > 0 || f.offset === 0) return { items: rows.map(toUser), total: rows[0] ? Number(rows[0].total) : 0 };
  // Past the last page: still say how many there are.
  const c = new Params();
  const { rows: count } = await db.query(`SELECT count(*) AS n FROM app_user u WHERE ${listConditions(scopes, f, c)}`, c.values);
  return { items: [], total: Number(count[0].n) };
}

/** One user, only when visible in `scopes`; `forUpdate` locks the row for the rest of the transaction. */
export async function findUser(db: Queryable, id: string, scopes: readonly string[], forUpdate = false): Promise<UserRecord | null> {
  const p = new Params();
  const idParam = p.add(id);
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM app_user u WHERE u.id = ${idParam} AND ${visibility(scopes, p)}${forUpdate ? ' FOR UPDATE OF u' : ''}`,
    p.values,
  );
  return rows[0] ? toUser(rows[0]) : null;
}

/** The codes among `codes` that exist in the area table ('ID' always does). */
export async function existingAreas(db: Queryable, codes: string[]): Promise<Set<string>> {
  const found = new Set<string>([NATIONAL_SCOPE]);
  const wanted = codes.filter((c) => c !== NATIONAL_SCOPE);
  if (wanted.length > 0) {
    const { rows } = await db.query(`SELECT code FROM area WHERE code = ANY($1)`, [wanted]);
    for (const r of rows) found.add(r.code);
  }
  return found;
}

export async function insertUser(
  db: Queryable,
  u: { id: string; username: string; displayName: string; passwordHash: string; mustChangePassword: boolean; createdBy: string | null; now: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO app_user (id, username, display_name, password_hash, must_change_password, password_changed_at, created_at, created_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $6)`,
    [u.id, u.username, u.displayName, u.passwordHash, u.mustChangePassword, u.now, u.createdBy],
  );
}

/** Makes `grants` the user's grants; unchanged ones keep who granted them and when. */
export async function replaceGrants(db: Queryable, userId: string, grants: readonly Grant[], grantedBy: string | null, now: Date): Promise<void> {
  const roles = grants.map((g) => g.role);
  const areas = grants.map((g) => g.areaCode);
  await db.query(
    `DELETE FROM user_grant WHERE user_id = $1
       AND (role, area_code) NOT IN (SELECT r, a FROM unnest($2::text[], $3::text[]) AS n(r, a))`,
    [userId, roles, areas],
  );
  await db.query(
    `INSERT INTO user_grant (user_id, role, area_code, granted_by, granted_at)
     SELECT $1, r, a, $4, $5 FROM unnest($2::text[], $3::text[]) AS n(r, a)
     ON CONFLICT (user_id, role, area_code) DO NOTHING`,
    [userId, roles, areas, grantedBy, now],
  );
}

export async function updateUser(
  db: Queryable,
  id: string,
  changes: { displayName?: string; status?: 'active' | 'disabled' },
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE app_user SET display_name = COALESCE($2, display_name), status = COALESCE($3, status), updated_at = $4, version = version + 1
     WHERE id = $1`,
    [id, changes.displayName ?? null, changes.status ?? null, now],
  );
}
