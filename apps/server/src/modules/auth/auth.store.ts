import { isRole, type Grant } from '@pilar/domain';
import type { Queryable } from '../../platform/db/pool';

/**
 * SQL of sign-in: credentials, lockout, sessions and the per-request identity.
 * The grants of a user come along as one JSON array, so resolving a request's
 * actor is a single query.
 */
export const GRANTS_OF_USER = `COALESCE((
    SELECT json_agg(json_build_object('role', g.role, 'areaCode', g.area_code) ORDER BY g.area_code, g.role)
    FROM user_grant g WHERE g.user_id = u.id), '[]'::json)`;

export function toGrants(v: unknown): Grant[] {
  return ((v as { role: string; areaCode: string }[] | null) ?? []).flatMap((g) =>
    isRole(g.role) ? [{ role: g.role, areaCode: g.areaCode }] : [],
  );
}

export interface IdentityRow {
  userId: string;
  username: string;
  displayName: string;
  active: boolean;
  mustChangePassword: boolean;
  grants: Grant[];
}

function toIdentity(r: Record<string, unknown>): IdentityRow {
  return {
    userId: r.user_id as string,
    username: r.username as string,
    displayName: r.display_name as string,
    active: r.status === 'active',
    mustChangePassword: r.must_change_password as boolean,
    grants: toGrants(r.grants),
  };
}

const IDENTITY_COLUMNS = `u.id AS user_id, u.username, u.display_name, u.status, u.must_change_password, ${GRANTS_OF_USER} AS grants`;

export interface SessionRow extends IdentityRow {
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
}

export async function findSession(db: Queryable, tokenHash: Buffer): Promise<SessionRow | null> {
  const { rows } = await db.query(
    `SELECT ${IDENTITY_COLUMNS}, s.csrf_token, s.last_seen_at, s.expires_at
     FROM user_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.token_hash = $1`,
    [tokenHash],
  );
  const r = rows[0];
  return r ? { ...toIdentity(r), csrfToken: r.csrf_token, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at } : null;
}

export async function touchSession(db: Queryable, tokenHash: Buffer, now: Date): Promise<void> {
  await db.query(`UPDATE user_session SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2`, [tokenHash, now]);
}

export async function insertSession(
  db: Queryable,
  s: { tokenHash: Buffer; userId: string; csrfToken: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)`,
    [s.tokenHash, s.userId, s.csrfToken, s.now, s.expiresAt],
  );
}

export async function deleteSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query(`DELETE FROM user_session WHERE token_hash = $1`, [tokenHash]);
}

/** Ends every session of a user, except `keep` (the caller's own) when given. Returns how many ended. */
export async function deleteUserSessions(db: Queryable, userId: string, keep?: Buffer): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM user_session WHERE user_id = $1 AND ($2::bytea IS NULL OR token_hash <> $2)`, [
    userId,
    keep ?? null,
  ]);
  return rowCount ?? 0;
}

/** Sessions past their idle or absolute expiry, for the user signing in (keeps the table small). */
export async function deleteExpiredSessions(db: Queryable, userId: string, now: Date, idleSince: Date): Promise<void> {
  await db.query(`DELETE FROM user_session WHERE user_id = $1 AND (expires_at <= $2 OR last_seen_at <= $3)`, [userId, now, idleSince]);
}

export interface TokenIdentityRow extends IdentityRow {
  tokenId: string;
  permissions: string[] | null;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export async function findTokenIdentity(db: Queryable, tokenHash: Buffer): Promise<TokenIdentityRow | null> {
  const { rows } = await db.query(
    `SELECT ${IDENTITY_COLUMNS}, t.id AS token_id, t.permissions, t.expires_at, t.revoked_at, t.last_used_at
     FROM api_token t JOIN app_user u ON u.id = t.user_id
     WHERE t.token_hash = $1`,
    [tokenHash],
  );
  const r = rows[0];
  return r
    ? {
        ...toIdentity(r),
        tokenId: r.token_id,
        permissions: r.permissions,
        expiresAt: r.expires_at,
        revokedAt: r.revoked_at,
        lastUsedAt: r.last_used_at,
      }
    : null;
}

export async function touchToken(db: Queryable, tokenId: string, now: Date): Promise<void> {
  await db.query(`UPDATE api_token SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)`, [tokenId, now]);
}

export interface CredentialRow extends IdentityRow {
  passwordHash: string;
  failedLogins: number;
  lockedUntil: Date | null;
}

export async function findCredentials(db: Queryable, by: { username: string } | { id: string }): Promise<CredentialRow | null> {
  const [column, value] = 'id' in by ? ['id', by.id] : ['username', by.username];
  const { rows } = await db.query(
    `SELECT ${IDENTITY_COLUMNS}, u.password_hash, u.failed_logins, u.locked_until FROM app_user u WHERE u.${column} = $1`,
    [value],
  );
  const r = rows[0];
  return r ? { ...toIdentity(r), passwordHash: r.password_hash, failedLogins: r.failed_logins, lockedUntil: r.locked_until } : null;
}

/**
 * Counts one more consecutive failure; on reaching `maxFailures` locks the account
 * until `lockUntil` and starts counting again from zero (the next lock needs as
 * many failures again). Atomic, so parallel attempts are all counted.
 */
export async function registerFailure(
  db: Queryable,
  userId: string,
  maxFailures: number,
  lockUntil: Date,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const { rows } = await db.query(
    `UPDATE app_user u SET
       failed_logins = CASE WHEN old.failed_logins + 1 >= $2 THEN 0 ELSE old.failed_logins + 1 END,
       locked_until  = CASE WHEN old.failed_logins + 1 >= $2 THEN $3::timestamptz ELSE NULL END
     FROM (SELECT id, failed_logins FROM app_user WHERE id = $1 FOR UPDATE) old
     WHERE u.id = old.id
     RETURNING old.failed_logins + 1 AS failures, u.locked_until`,
    [userId, maxFailures, lockUntil],
  );
  return { failures: rows[0]?.failures ?? 0, lockedUntil: rows[0]?.locked_until ?? null };
}

export async function recordLogin(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query(`UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1`, [userId, now]);
}

export async function setPassword(db: Queryable, userId: string, passwordHash: string, now: Date, mustChange: boolean): Promise<void> {
  await db.query(
    `UPDATE app_user SET password_hash = $2, password_changed_at = $3, must_change_password = $4, failed_logins = 0,
            locked_until = NULL, updated_at = $3, version = version + 1
     WHERE id = $1`,
    [userId, passwordHash, now, mustChange],
  );
}

/** Names of areas for display ('ID' is Indonesia). */
export async function areaNames(db: Queryable, codes: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>([['ID', 'Indonesia']]);
  const wanted = codes.filter((c) => c !== 'ID');
  if (wanted.length > 0) {
    const { rows } = await db.query(`SELECT code, name FROM area WHERE code = ANY($1)`, [wanted]);
    for (const r of rows) names.set(r.code, r.name);
  }
  return names;
}

/** A user's identity by id (jobs act as the user who started them, with the grants they hold now). */
export async function findUserIdentity(db: Queryable, userId: string): Promise<IdentityRow | null> {
  const { rows } = await db.query(`SELECT ${IDENTITY_COLUMNS} FROM app_user u WHERE u.id = $1`, [userId]);
  return rows[0] ? toIdentity(rows[0]) : null;
}
