import { can, scopesFor, type Grant, type Permission, type Principal, type Target } from '@pilar/domain';
import { AppError, notFound } from '../errors';

/** Who is acting: a signed-in user, an API token of a user, the public, or the system itself. */
export interface Actor extends Principal {
  kind: 'user' | 'token' | 'anonymous' | 'system';
  userId: string | null;
  username: string;
  grants: readonly Grant[];
  tokenId?: string;
}

export const ANONYMOUS: Actor = { kind: 'anonymous', userId: null, username: 'publik', grants: [] };
export const SYSTEM: Actor = { kind: 'system', userId: null, username: 'system', grants: [{ role: 'admin', areaCode: 'ID' }] };

export const unauthenticated = () =>
  new AppError(401, 'unauthenticated', { id: 'Silakan masuk terlebih dahulu', en: 'Please sign in first' });

export const forbidden = (permission: Permission) =>
  new AppError(403, 'forbidden', {
    id: `Anda tidak memiliki izin untuk tindakan ini (${permission})`,
    en: `You do not have permission for this action (${permission})`,
  });

/**
 * The one gate (STYLE.md §5). Without a target: the actor must hold the
 * permission somewhere (403 otherwise). With a target: it must be inside the
 * actor's scope for that permission; outside it answers 404 — an actor never
 * learns that a record out of its scope exists.
 */
export function requireAccess(actor: Actor, permission: Permission, target?: Target): void {
  if (actor.kind === 'anonymous') throw unauthenticated();
  if (!can(actor, permission)) throw forbidden(permission);
  if (target && !can(actor, permission, target)) throw notFound();
}

/** Area scopes where `actor` may use `permission`; [] means none. */
export function scopeOf(actor: Actor, permission: Permission): string[] {
  return scopesFor(actor, permission);
}

function union(lists: string[][]): string[] {
  const all = lists.flat();
  if (all.includes('ID')) return ['ID'];
  return [...new Set(all)].sort();
}

/** The row-level scope for personal data (PPKS persons): where the actor may see or register people. */
export function personalDataScope(actor: Actor): string[] {
  return union([scopesFor(actor, 'person.read'), scopesFor(actor, 'person.create')]);
}

/** The row-level scope of the PSM registry: kept apart, so IPSM boards never pass the wall around persons. */
export function memberDataScope(actor: Actor): string[] {
  return union([scopesFor(actor, 'member.read'), scopesFor(actor, 'member.create')]);
}
