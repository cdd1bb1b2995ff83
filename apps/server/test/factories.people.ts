import type { PersonCreate } from '@pilar/domain/contracts';
import type { Actor } from '../src/platform/access/actor';
import * as people from '../src/modules/people/people.service';
import * as cases from '../src/modules/cases/cases.service';
import type { TestDatabase } from './db';
import { as, syntheticNik } from './actors';

/**
 * Factories for persons, cases and partners (STYLE.md §11): built through the
 * services, so every row, event, audit entry and rollup is what production writes.
 */
export const SOLO = { regency: '33.72', village: '33.72.01.1001', sibling: '33.72.01.1002', otherDistrict: '33.72.05.1001' } as const;
export const BANGKA = { regency: '19.01', village: '19.01.01.1001', sibling: '19.01.01.1002' } as const;

let serial = 0;

/** A person in `villageCode` with a valid synthetic NIK (or the overrides). */
export async function buildPerson(t: TestDatabase, actor: Actor, over: Partial<PersonCreate> & { villageCode: string }) {
  serial += 1;
  const birthDate = over.birthDate ?? `19${50 + (serial % 40)}-0${1 + (serial % 9)}-1${serial % 9}`;
  const sex = over.sex ?? (serial % 2 ? 'L' : 'P');
  const nik = over.nikMissingReason ? undefined : (over.nik ?? syntheticNik(over.villageCode.slice(0, 8), birthDate, sex, 1000 + serial));
  return as(t, actor, (ctx) =>
    people.createPerson(ctx, { fullName: `Warga Uji ${serial}`, ...over, birthDate, sex, ...(nik ? { nik } : {}) }),
  );
}

/** A case for a person (PPKS 24, fakir miskin, unless told). */
export async function buildCase(t: TestDatabase, actor: Actor, personId: string, over: { ppksCode?: number; id?: string; need?: string } = {}) {
  return as(t, actor, (ctx) => cases.createCase(ctx, { personId, ppksCode: over.ppksCode ?? 24, need: over.need ?? 'Kebutuhan dasar', ...(over.id ? { id: over.id } : {}) }));
}

/** Awaits a promise that must fail and returns the error (AppError shape). */
export async function errorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { status: number; code: string; errors: { field: string; code: string }[]; msg: { id: string; en: string } };
  }
  throw new Error('expected an error');
}

/** Every rollup row (n ≠ 0) next to the same counts computed from the raw tables. */
export async function rollupsAndTruth(t: TestDatabase) {
  const { ROLLUP_TABLES, rollupTruthSql } = await import('../src/modules/cases/rollups');
  const out: Record<string, { rollup: string[]; truth: string[] }> = {};
  for (const [kind, d] of Object.entries(ROLLUP_TABLES)) {
    const cols = [...d.key, ...d.measures];
    const rollup = await t.ownerQuery(`SELECT ${cols.join(', ')} FROM ${d.table} WHERE n <> 0`);
    const truth = await t.ownerQuery(rollupTruthSql(kind as never));
    const cell = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
    const line = (r: Record<string, unknown>) => Object.values(r).map(cell).join('|');
    out[kind] = { rollup: rollup.rows.map(line).sort(), truth: truth.rows.map(line).sort() };
  }
  return out;
}
