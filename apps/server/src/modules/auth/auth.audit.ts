import { parseAreaCode, type Grant } from '@pilar/domain';

/** Grants in the one order the API shows them: by area code, then role ('ID' sorts last). */
export function sortGrants<T extends Grant>(grants: readonly T[]): T[] {
  return [...grants].sort((a, b) => (a.areaCode === b.areaCode ? a.role.localeCompare(b.role) : a.areaCode < b.areaCode ? -1 : 1));
}

/**
 * The audit chain of an event about a user: the regency of the user's first grant
 * when that grant is at regency level or below, else null (the 'system' chain).
 */
export function auditRegency(grants: readonly Grant[]): string | null {
  const first = sortGrants(grants)[0];
  if (!first) return null;
  const parsed = parseAreaCode(first.areaCode);
  return parsed.ok && parsed.regencyCode ? parsed.regencyCode : null;
}
