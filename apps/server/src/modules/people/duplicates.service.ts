import { maskNik } from '@pilar/domain';
import type { DuplicateCheck } from '@pilar/domain/contracts';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { requireVillage } from '../areas/areas.service';
import * as store from './people.store';

export interface Candidate {
  id: string;
  fullName: string;
  villageCode: string;
  villageName: string;
  birthYear: number | null;
  nikMasked: string | null;
  similarity: number;
  reasons: ('name' | 'birth_date' | 'birth_year' | 'village' | 'district')[];
}

/**
 * Possible duplicates of a registration (issue 5 §2): a similar name (pg_trgm) and the
 * same birth date, a birth year within one year, or the same district. Only persons in
 * the caller's scope are shown, with the NIK masked.
 */
export async function candidatesFor(
  ctx: Ctx,
  f: { villageCode: string; fullName: string; birthDate?: string | null; birthYear: number | null; excludeId?: string },
): Promise<Candidate[]> {
  const rows = await store.findCandidates(ctx.db, scopeOf(ctx.actor, 'person.read'), {
    fullName: f.fullName,
    districtCode: f.villageCode.slice(0, 8),
    birthYear: f.birthYear,
    ...(f.excludeId ? { excludeId: f.excludeId } : {}),
  });
  return rows.map((r) => {
    const reasons: Candidate['reasons'] = ['name'];
    if (f.birthDate && r.birthDate === f.birthDate) reasons.push('birth_date');
    else if (f.birthYear !== null && r.birthDate && Math.abs(Number(r.birthDate.slice(0, 4)) - f.birthYear) <= 1) reasons.push('birth_year');
    if (r.villageCode === f.villageCode) reasons.push('village');
    else if (r.villageCode.startsWith(`${f.villageCode.slice(0, 8)}.`)) reasons.push('district');
    return {
      id: r.id,
      fullName: r.fullName,
      villageCode: r.villageCode,
      villageName: r.villageName,
      birthYear: r.birthDate ? Number(r.birthDate.slice(0, 4)) : null,
      nikMasked: r.nikMasked,
      similarity: Math.round(r.similarity * 100) / 100,
      reasons,
    };
  });
}

/** The registration form's preview: exact NIK match and near matches, before saving. */
export async function checkDuplicates(ctx: Ctx, input: DuplicateCheck) {
  requireAccess(ctx.actor, 'person.create');
  const village = await requireVillage(ctx.db, input.villageCode, 'villageCode');
  let exact: { id: string; fullName: string; nikMasked: string | null } | null = null;
  let elsewhere = false;
  if (input.nik && /^\d{16}$/.test(input.nik.trim())) {
    const hash = ctx.ids.hash('nik', input.nik.trim());
    const id = await store.findPersonIdByNikHash(ctx.db, hash, scopeOf(ctx.actor, 'person.read'));
    if (id) {
      const p = await store.findPerson(ctx.db, id, scopeOf(ctx.actor, 'person.read'));
      exact = p ? { id, fullName: p.fullName, nikMasked: p.nikMasked ?? maskNik(input.nik.trim()) } : null;
    } else {
      // Outside the scope only the fact is told, never who (a transfer may be needed).
      const { rows } = await ctx.db.query(`SELECT pilar_nik_registered($1) AS found`, [hash]);
      elsewhere = rows[0].found === true;
    }
  }
  const birthYear = input.birthDate ? Number(input.birthDate.slice(0, 4)) : (input.birthYear ?? null);
  const candidates = await candidatesFor(ctx, {
    villageCode: village.code,
    fullName: input.fullName,
    birthDate: input.birthDate ?? null,
    birthYear,
    ...(input.excludeId ? { excludeId: input.excludeId } : {}),
  });
  ctx.audit.record({ action: 'person.duplicates_checked', entityType: 'person', details: { candidates: candidates.map((c) => c.id), exact: exact?.id ?? null } });
  return { exact, nikRegisteredElsewhere: elsewhere, candidates: candidates.filter((c) => c.id !== exact?.id) };
}
