import { effectivePermissions, passwordProblems } from '@pilar/domain';
import type { Me } from '@pilar/domain/contracts';
import { ANONYMOUS, unauthenticated } from '../../platform/access/actor';
import { runAs } from '../../platform/access/unit-of-work';
import type { Queryable } from '../../platform/db/pool';
import { AppError, badRequest } from '../../platform/errors';
import type { PilarServices } from '../../platform/http/app';
import { auditRegency, sortGrants } from './auth.audit';
import { idleMs, userActor, type Identity } from './auth.identity';
import { hashPassword, randomSecret, sha256, verifyAgainstDummy, verifyPassword } from './passwords';
import * as store from './auth.store';

/**
 * Signing in and out, the caller's own password, and what /me shows. Failed
 * attempts are audited in their own transaction, so the event is kept although
 * the login fails.
 */

export const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', {
    id: 'Nama pengguna atau kata sandi salah',
    en: 'Wrong username or password',
  });

/** 429 while an account is locked; the route turns `retryAfterSeconds` into a Retry-After header. */
export class AccountLockedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(429, 'locked', {
      id: `Akun dikunci sementara karena terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${minutes} menit.`,
      en: `The account is locked for a while after too many failed sign-in attempts. Try again in ${minutes} minute(s).`,
    });
  }
}

const accountDisabled = () =>
  new AppError(403, 'account_disabled', {
    id: 'Akun ini dinonaktifkan. Hubungi pengelola pengguna di kantor Anda.',
    en: 'This account is disabled. Contact the user administrator of your office.',
  });

export interface LoginResult {
  sessionToken: string;
  identity: Extract<Identity, { via: 'session' }>;
}

export async function login(
  services: PilarServices,
  input: { username: string; password: string },
  requestId: string | null,
): Promise<LoginResult> {
  const { config, clock } = services;
  const username = input.username.trim().toLowerCase();
  const user = await store.findCredentials(services.db.pool, { username });
  const now = clock.now();

  const fail = (reason: string, extra: (db: Queryable) => Promise<{ locked: Date | null }> = async () => ({ locked: null })) =>
    runAs(services, ANONYMOUS, requestId, async (ctx) => {
      const { locked } = await extra(ctx.db);
      const target = { entityType: 'user', entityId: user?.userId ?? null, regencyCode: user ? auditRegency(user.grants) : null };
      ctx.audit.record({ action: 'auth.login_failed', ...target, details: { reason } });
      if (locked) ctx.audit.record({ action: 'auth.locked', ...target, details: { until: locked.toISOString() } });
      return locked;
    });

  if (!user) {
    await verifyAgainstDummy(input.password);
    // The attempted name is not kept: people type their password into the wrong field.
    await fail('unknown_user');
    throw invalidCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await fail('locked');
    throw new AccountLockedError(Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000));
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const lockUntil = new Date(now.getTime() + config.PILAR_LOGIN_LOCK_SECONDS * 1000);
    const locked = await fail('wrong_password', async (db) => {
      const r = await store.registerFailure(db, user.userId, config.PILAR_LOGIN_MAX_FAILURES, lockUntil);
      return { locked: r.lockedUntil };
    });
    if (locked) throw new AccountLockedError(config.PILAR_LOGIN_LOCK_SECONDS);
    throw invalidCredentials();
  }
  if (!user.active) {
    await fail('disabled');
    throw accountDisabled();
  }

  const sessionToken = randomSecret(32);
  const sessionHash = sha256(sessionToken);
  const csrfToken = randomSecret(32);
  const expiresAt = new Date(now.getTime() + config.PILAR_SESSION_MAX_DAYS * 86_400_000);
  const actor = userActor(user);
  await runAs(services, actor, requestId, async (ctx) => {
    await store.recordLogin(ctx.db, user.userId, now);
    await store.deleteExpiredSessions(ctx.db, user.userId, now, new Date(now.getTime() - idleMs(services)));
    await store.insertSession(ctx.db, { tokenHash: sessionHash, userId: user.userId, csrfToken, now, expiresAt });
    ctx.audit.record({ action: 'auth.login', entityType: 'user', entityId: user.userId, regencyCode: auditRegency(user.grants) });
  });
  return {
    sessionToken,
    identity: {
      via: 'session',
      actor,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
      sessionHash,
      csrfToken,
      expiresAt,
      idleExpiresAt: new Date(Math.min(now.getTime() + idleMs(services), expiresAt.getTime())),
    },
  };
}

/** Ends the caller's session, or with `everywhere` every session of the user. Signed-out callers: nothing to do. */
export async function logout(services: PilarServices, identity: Identity | null, everywhere: boolean, requestId: string | null): Promise<void> {
  if (!identity?.actor.userId) return;
  const userId = identity.actor.userId;
  if (!everywhere && identity.via !== 'session') return;
  await runAs(services, identity.actor, requestId, async (ctx) => {
    let ended = 1;
    if (everywhere) ended = await store.deleteUserSessions(ctx.db, userId);
    else if (identity.via === 'session') await store.deleteSession(ctx.db, identity.sessionHash);
    ctx.audit.record({
      action: 'auth.logout',
      entityType: 'user',
      entityId: userId,
      regencyCode: auditRegency(identity.actor.grants),
      details: { everywhere, sessionsEnded: ended },
    });
  });
}

/**
 * The signed-in user changes their own password: the current one is required,
 * the new one must follow the rules; it clears must_change_password and ends
 * every other session.
 */
export async function changePassword(
  services: PilarServices,
  identity: Identity,
  input: { currentPassword: string; newPassword: string },
  requestId: string | null,
): Promise<Identity> {
  if (identity.via !== 'session' || !identity.actor.userId) {
    throw new AppError(403, 'session_required', {
      id: 'Kata sandi hanya dapat diganti setelah masuk dengan kata sandi, bukan dengan token API',
      en: 'Passwords can only be changed when signed in with a password, not with an API token',
    });
  }
  const user = await store.findCredentials(services.db.pool, { id: identity.actor.userId });
  if (!user) throw unauthenticated();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const msg = { id: 'Kata sandi saat ini salah', en: 'The current password is wrong' };
    throw new AppError(400, 'wrong_password', msg, [{ field: 'currentPassword', code: 'password.wrong', message: msg }]);
  }
  const problems = passwordProblems(input.newPassword, user.username, 'newPassword');
  if (input.newPassword === input.currentPassword) {
    problems.push({
      code: 'password.unchanged',
      field: 'newPassword',
      message: { id: 'Kata sandi baru harus berbeda dari yang lama', en: 'The new password must differ from the current one' },
    });
  }
  if (problems.length > 0) throw badRequest(problems, problems[0]!.message);
  const passwordHash = await hashPassword(input.newPassword);
  const now = services.clock.now();
  await runAs(services, identity.actor, requestId, async (ctx) => {
    await store.setPassword(ctx.db, user.userId, passwordHash, now, false);
    const ended = await store.deleteUserSessions(ctx.db, user.userId, identity.sessionHash);
    ctx.audit.record({
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: user.userId,
      regencyCode: auditRegency(user.grants),
      details: { otherSessionsEnded: ended },
    });
  });
  return { ...identity, mustChangePassword: false };
}

/** The body of GET /me (and of a successful login). */
export async function presentMe(db: Queryable, identity: Identity): Promise<Me> {
  const { actor } = identity;
  const grants = sortGrants(actor.grants);
  const names = await store.areaNames(db, grants.map((g) => g.areaCode));
  return {
    user: { id: actor.userId!, username: actor.username, displayName: identity.displayName, mustChangePassword: identity.mustChangePassword },
    grants: grants.map((g) => ({ role: g.role, areaCode: g.areaCode, areaName: names.get(g.areaCode) ?? null })),
    permissions: effectivePermissions(actor),
    csrfToken: identity.via === 'session' ? identity.csrfToken : null,
    via: identity.via,
    session:
      identity.via === 'session' ? { expiresAt: identity.expiresAt.toISOString(), idleExpiresAt: identity.idleExpiresAt.toISOString() } : null,
  };
}

/** Ends every session of a user (disabled account, password reset by an administrator). */
export function endSessions(db: Queryable, userId: string): Promise<number> {
  return store.deleteUserSessions(db, userId);
}

/** Sets a password someone else chose or generated; `mustChange` makes the user pick their own at next sign-in. */
export async function setUserPassword(db: Queryable, userId: string, password: string, now: Date, mustChange: boolean): Promise<void> {
  await store.setPassword(db, userId, await hashPassword(password), now, mustChange);
}
