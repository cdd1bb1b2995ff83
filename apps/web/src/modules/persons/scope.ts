import type { Me } from '../../session/session.types';
import type { PickedArea } from '../areas/AreaPicker';

/**
 * The areas of the user's grants, to keep area searches inside them (null: all of
 * Indonesia). Only narrows a search; the server decides what is allowed.
 */
export function grantAreas(me: Me | null): string[] | null {
  if (!me || me.grants.some((g) => g.areaCode === 'ID')) return null;
  return [...new Set(me.grants.map((g) => g.areaCode))];
}

/** A PSM working in exactly one village gets it chosen already. */
export function soleVillage(me: Me | null): PickedArea | null {
  const areas = grantAreas(me);
  if (!me || !areas || areas.length !== 1) return null;
  const code = areas[0]!;
  if (code.split('.').length !== 4) return null;
  const grant = me.grants.find((g) => g.areaCode === code);
  return { code, name: grant?.areaName ?? code, level: 'village' };
}

/** Whole years between a civil birth date and today. */
export function ageOf(birthDate: string, today = new Date()): number | null {
  const [y, m, d] = birthDate.split('-').map(Number);
  if (!y || !m || !d) return null;
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age -= 1;
  return age >= 0 ? age : null;
}
