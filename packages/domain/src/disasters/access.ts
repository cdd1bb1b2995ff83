/**
 * Who sees and works on an incident. An incident lives in several villages, possibly
 * across regencies: it is visible wherever one of its affected villages (or its lead
 * office) lies inside the actor's scope, so both regencies' Dinsos see a cross-border
 * flood. Partner (mitra) users work by assignment, not by area: they see an incident
 * only once they are on its roster (as for referrals).
 */
import { scopesFor, type Principal } from '../access/policy';
import { can } from '../access/policy';
import type { Role } from '../access/roles';

export const ROSTER_ONLY_ROLES: readonly Role[] = ['mitra'];

export interface IncidentScopes {
  /** Areas where the actor runs incidents (Dinsos). */
  manage: string[];
  /** Areas where the actor responds (incl. where it manages); roster-only roles excluded. */
  respond: string[];
  /** Whether being on an incident's roster makes the actor one of its responders. */
  rosterable: boolean;
}

function merge(a: string[], b: string[]): string[] {
  const all = [...new Set([...a, ...b])];
  if (all.includes('ID')) return ['ID'];
  return all.filter((x) => !all.some((y) => y !== x && x.startsWith(`${y}.`))).sort();
}

export function incidentScopes(p: Principal): IncidentScopes {
  const manage = scopesFor(p, 'incident.manage');
  const byArea = { ...p, grants: p.grants.filter((g) => !ROSTER_ONLY_ROLES.includes(g.role)) };
  return { manage, respond: merge(manage, scopesFor(byArea, 'incident.respond')), rosterable: can(p, 'incident.respond') };
}

export function withinAny(code: string, scopes: readonly string[]): boolean {
  return scopes.some((s) => s === 'ID' || code === s || code.startsWith(`${s}.`));
}
