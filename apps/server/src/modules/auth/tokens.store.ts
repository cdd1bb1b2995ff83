import type { Queryable } from '../../platform/db/pool';

export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  permissions: string[] | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const COLUMNS = `id, user_id, name, prefix, permissions, created_at, expires_at, revoked_at, last_used_at`;

function toToken(r: Record<string, unknown>): TokenRecord {
  return {
    id: r.id as string,
    userId: r.user_id as string,
    name: r.name as string,
    prefix: r.prefix as string,
    permissions: (r.permissions as string[] | null) ?? null,
    createdAt: r.created_at as Date,
    expiresAt: r.expires_at as Date,
    revokedAt: (r.revoked_at as Date | null) ?? null,
    lastUsedAt: (r.last_used_at as Date | null) ?? null,
  };
}

export async function insertToken(db: Queryable, t: Omit<TokenRecord, 'revokedAt' | 'lastUsedAt'> & { tokenHash: Buffer }): Promise<TokenRecord> {
  const { rows } = await db.query(
    `INSERT INTO api_token (id, user_id, name, token_hash, prefix, permissions, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [t.id, t.userId, t.name, t.tokenHash, t.prefix, t.permissions, t.createdAt, t.expiresAt],
  );
  return toToken(rows[0]);
}

export async function listTokens(db: Queryable, userId: string): Promise<TokenRecord[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM api_token WHERE user_id = $1 ORDER BY created_at DESC, id`, [userId]);
  return rows.map(toToken);
}

export async function findToken(db: Queryable, userId: string, id: string): Promise<TokenRecord | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM api_token WHERE user_id = $1 AND id = $2`, [userId, id]);
  return rows[0] ? toToken(rows[0]) : null;
}

export async function revokeToken(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(`UPDATE api_token SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, now]);
}
