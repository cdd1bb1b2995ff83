import { isWithin, NATIONAL_SCOPE, parseAreaCode } from '../areas';
import type { Msg } from '../messages';
import type { Permission } from './permissions';
import { GRANTABLE_ROLES, ROLE_AREA_LEVELS, ROLE_PERMISSIONS, ROLES, type Role } from './roles';

/** A role held over an area ('ID' = national). */
export interface Grant {
  role: Role;
  areaCode: string;
}

/** Who acts. `restrictTo` narrows an API token to some of its user's permissions. */
export interface Principal {
  userId: string | null;
  grants: readonly Grant[];
  restrictTo?: readonly Permission[] | null;
}

/** What is acted on: anything that lives in an area. */
export interface Target {
  areaCode: string;
}

function allows(principal: Principal, grant: Grant, permission: Permission): boolean {
  if (principal.restrictTo && !principal.restrictTo.includes(permission)) return false;
  return ROLE_PERMISSIONS[grant.role].includes(permission);
}

/**
 * The pure policy: may `principal` exercise `permission` on `target`? With no
 * target, asks whether it may do so anywhere (e.g. to show a menu entry).
 */
export function can(principal: Principal, permission: Permission, target?: Target): boolean {
  return principal.grants.some(
    (g) => allows(principal, g, permission) && (target === undefined || isWithin(target.areaCode, g.areaCode)),
  );
}

/** The areas in which `principal` may exercise `permission` (for scope predicates). */
export function scopesFor(principal: Principal, permission: Permission): string[] {
  const areas = principal.grants.filter((g) => allows(principal, g, permission)).map((g) => g.areaCode);
  if (areas.includes(NATIONAL_SCOPE)) return [NATIONAL_SCOPE];
  // Drop areas already covered by a wider one.
  return [...new Set(areas)].filter((a) => !areas.some((b) => b !== a && isWithin(a, b))).sort();
}

/** Every permission the principal holds somewhere. */
export function effectivePermissions(principal: Principal): Permission[] {
  const set = new Set<Permission>();
  for (const g of principal.grants) for (const p of ROLE_PERMISSIONS[g.role]) if (allows(principal, g, p)) set.add(p);
  return [...set].sort();
}

/** The permissions of `candidates` that `principal` may use on `target`: the record's abilities. */
export function abilities(principal: Principal, target: Target, candidates: readonly Permission[]): Permission[] {
  return candidates.filter((p) => can(principal, p, target));
}

function levelOf(areaCode: string): 'national' | 'province' | 'regency' | 'district' | 'village' | null {
  if (areaCode === NATIONAL_SCOPE) return 'national';
  const parsed = parseAreaCode(areaCode);
  return parsed.ok ? parsed.level : null;
}

/** Why a grant is refused: a stable code, the grant field it concerns, and the reason (id + en). */
export interface GrantRefusal {
  code: 'grant.area_invalid' | 'grant.level' | 'grant.no_user_manage' | 'grant.out_of_scope' | 'grant.role';
  field: 'role' | 'areaCode';
  message: Msg;
}

/**
 * Checks that `granter` may give `grant` to someone (no privilege escalation).
 * Returns null when allowed, or why it is refused (code, field, message).
 */
export function grantRefusalDetail(granter: Principal, grant: Grant): GrantRefusal | null {
  const level = levelOf(grant.areaCode);
  if (!level) {
    return {
      code: 'grant.area_invalid',
      field: 'areaCode',
      message: { id: `Kode wilayah ${grant.areaCode} tidak valid`, en: `Area code ${grant.areaCode} is not valid` },
    };
  }
  if (!ROLE_AREA_LEVELS[grant.role].includes(level)) {
    return {
      code: 'grant.level',
      field: 'areaCode',
      message: {
        id: `Peran ${grant.role} tidak dapat diberikan pada tingkat ${level} (boleh: ${ROLE_AREA_LEVELS[grant.role].join(', ')})`,
        en: `Role ${grant.role} cannot be granted at ${level} level (allowed: ${ROLE_AREA_LEVELS[grant.role].join(', ')})`,
      },
    };
  }
  const able = granter.grants.filter((g) => allows(granter, g, 'user.manage'));
  if (able.length === 0) {
    return { code: 'grant.no_user_manage', field: 'role', message: { id: 'Anda tidak berwenang mengelola pengguna', en: 'You may not manage users' } };
  }
  const inArea = able.filter((g) => isWithin(grant.areaCode, g.areaCode));
  if (inArea.length === 0) {
    return {
      code: 'grant.out_of_scope',
      field: 'areaCode',
      message: { id: `Wilayah ${grant.areaCode} di luar wilayah kewenangan Anda`, en: `Area ${grant.areaCode} is outside your scope` },
    };
  }
  if (!inArea.some((g) => GRANTABLE_ROLES[g.role].includes(grant.role))) {
    return {
      code: 'grant.role',
      field: 'role',
      message: { id: `Anda tidak dapat memberikan peran ${grant.role}`, en: `You may not grant the role ${grant.role}` },
    };
  }
  return null;
}

/**
 * Checks that `granter` may give `grant` to someone (no privilege escalation).
 * Returns null when allowed, or the reason (id + en) it is refused.
 */
export function grantRefusal(granter: Principal, grant: Grant): Msg | null {
  return grantRefusalDetail(granter, grant)?.message ?? null;
}

/**
 * For each role, the areas in which `granter` may grant it (widest areas only) and
 * the levels it can be granted at: what a user-management screen offers.
 */
export function grantableRoles(granter: Principal): { role: Role; areas: string[]; levels: readonly string[] }[] {
  const able = granter.grants.filter((g) => allows(granter, g, 'user.manage'));
  return ROLES.map((role) => {
    const areas = [...new Set(able.filter((g) => GRANTABLE_ROLES[g.role].includes(role)).map((g) => g.areaCode))];
    const widest = areas.includes(NATIONAL_SCOPE) ? [NATIONAL_SCOPE] : areas.filter((a) => !areas.some((b) => b !== a && isWithin(a, b)));
    return { role, areas: widest.sort(), levels: ROLE_AREA_LEVELS[role] };
  }).filter((r) => r.areas.length > 0);
}

/** May `granter` manage an existing user holding `grants`? Only if every grant is one it could give. */
export function canManageUser(granter: Principal, grants: readonly Grant[]): boolean {
  return grants.every((g) => grantRefusal(granter, g) === null);
}
