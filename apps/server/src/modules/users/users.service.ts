import {
  can,
  canManageUser,
  grantableRoles,
  grantRefusalDetail,
  NATIONAL_SCOPE,
  passwordProblems,
  scopesFor,
  type Grant,
  type Permission,
  type Role,
} from '@pilar/domain';
import type { GrantInput, User } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, unauthenticated, type Actor } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound, type FieldError } from '../../platform/errors';
import { auditRegency, sortGrants } from '../auth/auth.audit';
import { endSessions, setUserPassword } from '../auth/auth.service';
import { generatePassword, hashPassword } from '../auth/passwords';
import * as store from './users.store';

/**
 * User accounts and their grants. No privilege escalation: every grant given
 * must pass `grantRefusal` for the acting user, an account can be changed only
 * by someone who could have given all its grants, and nobody changes their own
 * grants. Accounts outside the caller's scope answer 404.
 */

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

const userNotFound = () => notFound({ id: 'Pengguna tidak ditemukan', en: 'User not found' });

function manageable(actor: Actor, u: store.UserRecord): boolean {
  return u.id !== actor.userId && can(actor, 'user.manage') && canManageUser(actor, u.grants);
}

function present(actor: Actor, u: store.UserRecord, now: Date): User {
  const actions: Permission[] = manageable(actor, u) ? ['user.manage'] : [];
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    status: u.status,
    mustChangePassword: u.mustChangePassword,
    locked: !!u.lockedUntil && u.lockedUntil > now,
    grants: u.grants.map((g) => ({ role: g.role, areaCode: g.areaCode, areaName: g.areaName })),
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    version: u.version,
    actions,
  };
}

export async function listUsers(
  ctx: Ctx,
  query: { area?: string | undefined; q?: string | undefined; role?: Role | undefined; status?: string | undefined; page: number; pageSize: number },
): Promise<{ items: User[]; page: number; pageSize: number; total: number }> {
  requireAccess(ctx.actor, 'user.read');
  const { items, total } = await store.listUsers(ctx.db, scopesFor(ctx.actor, 'user.read'), {
    area: query.area,
    role: query.role,
    q: query.q || undefined,
    status: query.status,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const now = ctx.clock.now();
  return { items: items.map((u) => present(ctx.actor, u, now)), page: query.page, pageSize: query.pageSize, total };
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  requireAccess(ctx.actor, 'user.read');
  const u = await store.findUser(ctx.db, id, scopesFor(ctx.actor, 'user.read'));
  if (!u) throw userNotFound();
  return present(ctx.actor, u, ctx.clock.now());
}

/** Roles the caller may grant, with where and at which levels: what a user form offers. */
export function grantable(actor: Actor): { role: Role; areas: string[]; levels: string[] }[] {
  if (actor.kind === 'anonymous') throw unauthenticated();
  return grantableRoles(actor).map((r) => ({ ...r, levels: [...r.levels] }));
}

/** 403 for grants the actor may not give, 400 for areas that do not exist; returns the grants without duplicates. */
async function checkGrants(ctx: Ctx, grants: readonly GrantInput[]): Promise<Grant[]> {
  const refused: FieldError[] = [];
  grants.forEach((g, i) => {
    const r = grantRefusalDetail(ctx.actor, g);
    if (r) refused.push({ field: `grants[${i}].${r.field}`, code: r.code, message: r.message });
  });
  if (refused.length > 0) throw new AppError(403, 'grant_refused', refused[0]!.message, refused);

  const existing = await store.existingAreas(ctx.db, grants.map((g) => g.areaCode));
  const missing: FieldError[] = [];
  grants.forEach((g, i) => {
    if (!existing.has(g.areaCode)) {
      missing.push({
        field: `grants[${i}].areaCode`,
        code: 'area.unknown',
        message: { id: `Wilayah dengan kode ${g.areaCode} tidak ada`, en: `There is no area with code ${g.areaCode}` },
      });
    }
  });
  if (missing.length > 0) throw badRequest(missing, missing[0]!.message);

  const seen = new Map(grants.map((g) => [`${g.role} ${g.areaCode}`, { role: g.role, areaCode: g.areaCode }]));
  return sortGrants([...seen.values()]);
}

function checkUsername(raw: string): string {
  const username = raw.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    const message = {
      id: 'Nama pengguna 3–64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf atau angka',
      en: 'Usernames have 3–64 characters: lower-case letters, digits, dot, underscore or hyphen, starting with a letter or digit',
    };
    throw badRequest([{ field: 'username', code: 'username.format', message }], message);
  }
  return username;
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505';
}

export async function createUser(
  ctx: Ctx,
  input: { username: string; displayName: string; password?: string | undefined; grants: GrantInput[] },
): Promise<{ user: User; temporaryPassword: string | null }> {
  requireAccess(ctx.actor, 'user.manage');
  const username = checkUsername(input.username);
  const grants = await checkGrants(ctx, input.grants);
  if (input.password !== undefined) {
    const problems = passwordProblems(input.password, username, 'password');
    if (problems.length > 0) throw badRequest(problems, problems[0]!.message);
  }
  const temporaryPassword = input.password === undefined ? generatePassword(username) : null;
  const password = input.password ?? temporaryPassword!;
  const id = uuidv7();
  const now = ctx.clock.now();
  try {
    await store.insertUser(ctx.db, {
      id,
      username,
      displayName: input.displayName,
      passwordHash: await hashPassword(password),
      // Whoever sets a password for someone else knows it: the user must choose their own.
      mustChangePassword: true,
      createdBy: ctx.actor.userId,
      now,
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const message = { id: `Nama pengguna ${username} sudah dipakai`, en: `The username ${username} is already taken` };
    throw new AppError(409, 'username_taken', message, [{ field: 'username', code: 'username.taken', message }]);
  }
  await store.replaceGrants(ctx.db, id, grants, ctx.actor.userId, now);
  ctx.audit.record({
    action: 'user.created',
    entityType: 'user',
    entityId: id,
    regencyCode: auditRegency(grants),
    details: { username, grants, passwordGenerated: temporaryPassword !== null },
  });
  const user = await store.findUser(ctx.db, id, [NATIONAL_SCOPE]);
  return { user: present(ctx.actor, user!, now), temporaryPassword };
}

/** The account as the caller may manage it, locked for this transaction; 404 otherwise. */
async function managedUser(ctx: Ctx, id: string): Promise<store.UserRecord> {
  const u = await store.findUser(ctx.db, id, scopesFor(ctx.actor, 'user.manage'), true);
  if (!u || !canManageUser(ctx.actor, u.grants)) throw userNotFound();
  return u;
}

const ownAccount = (what: 'grants' | 'status' | 'password') => {
  const text = {
    grants: { id: 'Anda tidak dapat mengubah peran atau wilayah Anda sendiri', en: 'You cannot change your own roles or areas' },
    status: { id: 'Anda tidak dapat menonaktifkan akun Anda sendiri', en: 'You cannot disable your own account' },
    password: {
      id: 'Untuk kata sandi Anda sendiri gunakan menu Ganti kata sandi',
      en: 'To change your own password use Change password',
    },
  }[what];
  return new AppError(403, `own_${what}`, text, [{ field: what, code: `own_account.${what}`, message: text }]);
};

export async function updateUser(
  ctx: Ctx,
  id: string,
  input: { displayName?: string | undefined; status?: 'active' | 'disabled' | undefined; grants?: GrantInput[] | undefined; version?: number | undefined },
): Promise<User> {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
  const self = id === ctx.actor.userId;
  if (self && input.grants) throw ownAccount('grants');
  if (self && input.status) throw ownAccount('status');
  // Anyone may correct their own display name; everything else needs user.manage over the account.
  if (!self) requireAccess(ctx.actor, 'user.manage');
  const before = self ? (await store.findUser(ctx.db, id, [NATIONAL_SCOPE], true))! : await managedUser(ctx, id);
  if (input.version !== undefined && input.version !== before.version) {
    throw new AppError(409, 'version_conflict', {
      id: 'Akun ini baru saja diubah orang lain. Muat ulang lalu ulangi perubahan Anda.',
      en: 'Someone else changed this account meanwhile. Reload it and make your change again.',
    });
  }
  const now = ctx.clock.now();
  const changes: { displayName?: string; status?: 'active' | 'disabled' } = {};
  if (input.displayName !== undefined && input.displayName !== before.displayName) changes.displayName = input.displayName;
  if (input.status !== undefined && input.status !== before.status) changes.status = input.status;

  let grantsChanged = false;
  if (input.grants) {
    const grants = await checkGrants(ctx, input.grants);
    const key = (g: Grant) => `${g.role} ${g.areaCode}`;
    const oldKeys = new Set(before.grants.map(key));
    const newKeys = new Set(grants.map(key));
    const added = grants.filter((g) => !oldKeys.has(key(g)));
    const removed = before.grants.filter((g) => !newKeys.has(key(g))).map((g) => ({ role: g.role, areaCode: g.areaCode }));
    if (added.length > 0 || removed.length > 0) {
      grantsChanged = true;
      await store.replaceGrants(ctx.db, id, grants, ctx.actor.userId, now);
      ctx.audit.record({
        action: 'user.grants_changed',
        entityType: 'user',
        entityId: id,
        regencyCode: auditRegency(before.grants),
        details: { added, removed },
      });
    }
  }
  if (Object.keys(changes).length > 0 || grantsChanged) {
    await store.updateUser(ctx.db, id, changes, now);
  }
  if (Object.keys(changes).length > 0) {
    let sessionsEnded = 0;
    if (changes.status === 'disabled') sessionsEnded = await endSessions(ctx.db, id);
    ctx.audit.record({
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      regencyCode: auditRegency(before.grants),
      details: {
        fields: Object.keys(changes),
        ...(changes.status ? { status: { from: before.status, to: changes.status }, sessionsEnded } : {}),
      },
    });
  }
  const after = await store.findUser(ctx.db, id, [NATIONAL_SCOPE]);
  return present(ctx.actor, after!, now);
}

/**
 * Gives the user a new generated password (returned once), which they must
 * change at their next sign-in; unlocks the account and ends its sessions.
 */
export async function resetPassword(ctx: Ctx, id: string): Promise<{ temporaryPassword: string }> {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
  if (id === ctx.actor.userId) throw ownAccount('password');
  requireAccess(ctx.actor, 'user.manage');
  const u = await managedUser(ctx, id);
  const temporaryPassword = generatePassword(u.username);
  await setUserPassword(ctx.db, id, temporaryPassword, ctx.clock.now(), true);
  const sessionsEnded = await endSessions(ctx.db, id);
  ctx.audit.record({
    action: 'user.password_reset',
    entityType: 'user',
    entityId: id,
    regencyCode: auditRegency(u.grants),
    details: { sessionsEnded },
  });
  return { temporaryPassword };
}
