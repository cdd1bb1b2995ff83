import type { Me } from '../../session/session.types';
import { grantAreas } from '../persons/scope';

/**
 * The regency a user works in when there is exactly one (a Dinsos or IPSM kab/kota
 * account, or anyone whose grants all lie in one regency); null otherwise.
 */
export function soleRegencyCode(me: Me | null): string | null {
  const areas = grantAreas(me);
  if (!areas || areas.length === 0) return null;
  if (areas.some((a) => a.split('.').length < 2)) return null; // a province: several regencies
  const regencies = new Set(areas.map((a) => a.slice(0, 5)));
  return regencies.size === 1 ? [...regencies][0]! : null;
}
