import { randomBytes } from 'node:crypto';
import { isPermission, type Permission } from '@pilar/domain';
import type { Actor } from '../../platform/access/actor';
import type { PilarServices } from '../../platform/http/app';
import { AppError } from '../../platform/errors';
import { randomSecret, sha256 } from './passwords';
import * as store from './auth.store';

/** How the caller of a request is signed in. */
export type Identity =
  | {
      via: 'session';
      actor: Actor;
      displayName: string;
      mustChangePassword: boolean;
      sessionHash: Buffer;
      csrfToken: string;
      expiresAt: Date;
      idleExpiresAt: Date;
    }
  | { via: 'token'; actor: Actor; displayName: string; mustChangePassword: boolean };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export function idleMs(services: PilarServices): number {
  return services.config.PILAR_SESSION_IDLE_HOURS * HOUR;
}

export function userActor(row: store.IdentityRow, token?: { id: string; permissions: string[] | null }): Actor {
  if (!token) return { kind: 'user', userId: row.userId, username: row.username, grants: row.grants };
  const restrictTo = token.permissions ? token.permissions.filter((p): p is Permission => isPermission(p)) : null;
  return { kind: 'token', userId: row.userId, username: row.username, grants: row.grants, tokenId: token.id, restrictTo };
}

/**
 * The session behind a cookie value, or null when it does not exist, expired
 * (idle or absolute) or its user is disabled. Slides the idle expiry, writing
 * `last_seen_at` at most once a minute.
 */
export async function identifySession(services: PilarServices, cookieValue: string): Promise<Identity | null> {
  if (cookieValue.length > 100) return null;
  const hash = sha256(cookieValue);
  const row = await store.findSession(services.db.pool, hash);
  if (!row) return null;
  const now = services.clock.now();
  const idleExpiresAt = new Date(row.lastSeenAt.getTime() + idleMs(services));
  if (row.expiresAt <= now || idleExpiresAt <= now) {
    await store.deleteSession(services.db.pool, hash);
    return null;
  }
  if (!row.active) return null;
  let lastSeen = row.lastSeenAt;
  if (now.getTime() - lastSeen.getTime() >= MINUTE) {
    await store.touchSession(services.db.pool, hash, now);
    lastSeen = now;
  }
  return {
    via: 'session',
    actor: userActor(row),
    displayName: row.displayName,
    mustChangePassword: row.mustChangePassword,
    sessionHash: hash,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    idleExpiresAt: new Date(Math.min(lastSeen.getTime() + idleMs(services), row.expiresAt.getTime())),
  };
}

const TOKEN_FORMAT = /^pilar_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

export const invalidToken = () =>
  new AppError(401, 'invalid_token', {
    id: 'Token API tidak valid, kedaluwarsa, atau sudah dicabut',
    en: 'The API token is invalid, expired or revoked',
  });

/** A new API token secret, `pilar_<prefix8>_<secret>`; only its SHA-256 is stored. */
export function newTokenSecret(): { secret: string; prefix: string; hash: Buffer } {
  const prefix = randomBytes(4).toString('hex');
  const secret = `pilar_${prefix}_${randomSecret(32)}`;
  return { secret, prefix, hash: sha256(secret) };
}

/** The user behind a bearer API token, narrowed to the token's permissions; 401 when it is not usable. */
export async function identifyToken(services: PilarServices, bearer: string): Promise<Identity> {
  if (!TOKEN_FORMAT.test(bearer)) throw invalidToken();
  const row = await store.findTokenIdentity(services.db.pool, sha256(bearer));
  const now = services.clock.now();
  if (!row || row.revokedAt || row.expiresAt <= now || !row.active) throw invalidToken();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= MINUTE) await store.touchToken(services.db.pool, row.tokenId, now);
  return {
    via: 'token',
    actor: userActor(row, { id: row.tokenId, permissions: row.permissions }),
    displayName: row.displayName,
    mustChangePassword: row.mustChangePassword,
  };
}

/** The actor of an active user by id, or null (disabled or gone): used by jobs and sync. */
export async function actorForUser(services: Pick<PilarServices, 'db'>, userId: string): Promise<Actor | null> {
  const row = await store.findUserIdentity(services.db.pool, userId);
  return row && row.active ? userActor(row) : null;
}
