import { effectivePermissions, isPermission, type Permission } from '@pilar/domain';
import type { ApiToken } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, unauthenticated } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { badRequest, notFound, type FieldError } from '../../platform/errors';
import { auditRegency } from './auth.audit';
import { newTokenSecret } from './auth.identity';
import * as store from './tokens.store';

/**
 * API tokens for integrations: a token acts as its user, narrowed to the
 * permissions chosen at creation (never more than the creator holds). The secret
 * is shown once; only its SHA-256 is kept.
 */

function present(t: store.TokenRecord, now: Date): ApiToken {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    permissions: t.permissions,
    status: t.revokedAt ? 'revoked' : t.expiresAt <= now ? 'expired' : 'active',
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}

function ownerOf(ctx: Ctx): string {
  if (!ctx.actor.userId) throw unauthenticated();
  return ctx.actor.userId;
}

export async function createToken(
  ctx: Ctx,
  input: { name: string; expiresInDays: number; permissions?: string[] | undefined },
): Promise<{ token: ApiToken; secret: string }> {
  requireAccess(ctx.actor, 'token.manage');
  const userId = ownerOf(ctx);
  const own = effectivePermissions(ctx.actor);
  let permissions: Permission[] | null = null;
  if (input.permissions) {
    const errors: FieldError[] = [];
    input.permissions.forEach((p, i) => {
      const field = `permissions[${i}]`;
      if (!isPermission(p)) {
        errors.push({ field, code: 'permission.unknown', message: { id: `Izin ${p} tidak dikenal`, en: `Unknown permission ${p}` } });
      } else if (!own.includes(p)) {
        errors.push({
          field,
          code: 'permission.not_held',
          message: { id: `Anda sendiri tidak memiliki izin ${p}`, en: `You do not hold the permission ${p} yourself` },
        });
      }
    });
    if (errors.length > 0) throw badRequest(errors, errors[0]!.message);
    permissions = [...new Set(input.permissions as Permission[])].sort();
  } else if (ctx.actor.restrictTo) {
    // A narrowed token creating a token passes on its own narrowing, never more.
    permissions = own;
  }
  const now = ctx.clock.now();
  const { secret, prefix, hash } = newTokenSecret();
  const token = await store.insertToken(ctx.db, {
    id: uuidv7(),
    userId,
    name: input.name,
    prefix,
    permissions,
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
    tokenHash: hash,
  });
  ctx.audit.record({
    action: 'token.created',
    entityType: 'api_token',
    entityId: token.id,
    regencyCode: auditRegency(ctx.actor.grants),
    details: { name: token.name, prefix, permissions, expiresAt: token.expiresAt.toISOString() },
  });
  return { token: present(token, now), secret };
}

/** The caller's own tokens, without secrets. */
export async function listTokens(ctx: Ctx): Promise<ApiToken[]> {
  const userId = ownerOf(ctx);
  const now = ctx.clock.now();
  return (await store.listTokens(ctx.db, userId)).map((t) => present(t, now));
}

/** Revokes one of the caller's own tokens (idempotent). */
export async function revokeToken(ctx: Ctx, id: string): Promise<void> {
  const userId = ownerOf(ctx);
  const token = await store.findToken(ctx.db, userId, id);
  if (!token) throw notFound({ id: 'Token API tidak ditemukan', en: 'API token not found' });
  if (token.revokedAt) return;
  await store.revokeToken(ctx.db, id, ctx.clock.now());
  ctx.audit.record({
    action: 'token.revoked',
    entityType: 'api_token',
    entityId: id,
    regencyCode: auditRegency(ctx.actor.grants),
    details: { name: token.name, prefix: token.prefix },
  });
}
