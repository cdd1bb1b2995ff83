import { maskKk, maskNik, ppksAgeWarnings, issue, validateKk, validateNik, type AreaLookup, type Issue } from '@pilar/domain';
import { PersonCreateSchema, type ImportMapping } from '@pilar/domain/contracts';
import type { IdentifierProtector } from '../../platform/security/identifiers';
import { ageOn, localDate } from '../cases/dates';
import {
  parseDateCell,
  parsePpksCell,
  parseRelationshipCell,
  parseRtRwCell,
  parseSexCell,
  text,
  type Relationship,
} from './cells';
import type { SourceRow } from './source';
import { resolveVillage, type VillageIndex } from './villages';

/**
 * Row checks of the persons target that need no database: required cells, the
 * person contract (PersonCreateSchema, the same rules as POST /persons), NIK and
 * No. KK rules, dates, village and scope, PPKS labels, and duplicates inside the
 * file. Shared by the bulk path and the service path, so both judge rows alike.
 */
export interface PersonCandidate {
  row: number;
  nik: string;
  nikHash: Buffer;
  nikMasked: string;
  kk: string | null;
  kkHash: Buffer | null;
  kkMasked: string | null;
  fullName: string;
  sex: 'L' | 'P' | null;
  birthDate: string | null;
  birthPlace: string | null;
  address: string | null;
  phone: string | null;
  rt: string | null;
  rw: string | null;
  villageCode: string;
  regencyCode: string;
  ppks: number[];
  assessedOn: string;
  relationship: Relationship | null;
  warnings: Issue[];
  /** Encrypted in advance by the bulk path (outside its write transaction). */
  nikEnc?: Buffer;
  kkEnc?: Buffer;
}
export interface RowRejection {
  row: number;
  nikMasked: string | null;
  reasons: Issue[];
  warnings: Issue[];
}
export type RowCheck = { ok: true; candidate: PersonCandidate } | { ok: false; rejection: RowRejection };

export interface CheckContext {
  lookup: AreaLookup;
  villages: VillageIndex;
  /** Where the importer may register persons (person.create). */
  scopes: string[];
  now: Date;
  ids: IdentifierProtector;
  /** NIK → first row it appeared on, across the whole file (duplicates inside the file). */
  seen: Map<string, number>;
  /** Encrypt NIK / No. KK during the check (the bulk path: work done before the write transaction). */
  encrypt?: boolean;
  /** Today per province (its time zone), computed once: Intl formatting per row costs more than the rest of a row's checks. */
  todayByProvince?: Map<string, string>;
}

function assessedOnFor(ctx: CheckContext, villageCode: string): string {
  ctx.todayByProvince ??= new Map();
  const province = villageCode.slice(0, 2);
  let d = ctx.todayByProvince.get(province);
  if (!d) ctx.todayByProvince.set(province, (d = localDate(ctx.now, villageCode)));
  return d;
}

const FIELD_LABEL: Record<string, string> = { nik: 'NIK', fullName: 'Nama', villageCode: 'Kode/nama desa' };

function cleanIdentifier(raw: string | null): string | null {
  // A leading apostrophe is how spreadsheets mark "keep as text".
  return raw === null ? null : raw.replace(/^'/, '').trim() || null;
}

/** Records a row's NIK as seen without judging the row (rows already committed, on resume). */
export function noteNik(ctx: CheckContext, row: SourceRow, mapping: ImportMapping): void {
  const col = mapping.nik;
  const nik = col === undefined ? null : cleanIdentifier(text(row.cells[col] ?? null));
  // Mirrors checkPersonRow: numbers and scientific notation never enter the map.
  if (nik && !row.numeric?.[col!] && !/e\+?\d+$/i.test(nik) && !ctx.seen.has(nik)) ctx.seen.set(nik, row.row);
}

export function checkPersonRow(ctx: CheckContext, row: SourceRow, mapping: ImportMapping): RowCheck {
  const get = (key: string) => (mapping[key] === undefined ? null : text(row.cells[mapping[key]!] ?? null));
  const reasons: Issue[] = [];
  const warnings: Issue[] = [];
  const today = ctx.now.toISOString().slice(0, 10);

  const nik = cleanIdentifier(get('nik'));
  const nikMasked = nik && /^\d{16}$/.test(nik) ? maskNik(nik) : null;
  const fullName = get('fullName');
  for (const [key, value] of [
    ['nik', nik],
    ['fullName', fullName],
  ] as const) {
    if (!value)
      reasons.push(
        issue('cell.required', key, `Kolom ${FIELD_LABEL[key]} wajib diisi`, `Column ${FIELD_LABEL[key]} is required`),
      );
  }

  const parse = <T>(key: string, fn: (s: string) => { ok: true; value: T } | { ok: false; issue: Issue }): T | null => {
    const v = get(key);
    if (!v) return null;
    const r = fn(v);
    if (!r.ok) reasons.push(r.issue);
    return r.ok ? r.value : null;
  };
  const sex = parse('sex', parseSexCell);
  const birthDate = parse('birthDate', (s) => parseDateCell(s, 'birthDate', today, { past: true }));
  const rt = parse('rt', (s) => parseRtRwCell(s, 'rt'));
  const rw = parse('rw', (s) => parseRtRwCell(s, 'rw'));
  const ppks = parse('ppks', parsePpksCell) ?? [];
  const relationship = parse('relationship', parseRelationshipCell);

  const village = resolveVillage(ctx.villages, ctx.scopes, {
    code: get('villageCode'),
    name: get('villageName'),
    district: get('districtName'),
    regency: get('regencyName'),
  });
  if (!village.ok) reasons.push(village.issue);

  // The same field rules as POST /persons.
  const contract = PersonCreateSchema.safeParse({
    villageCode: village.ok ? village.code : '00.00.00.0000',
    fullName: fullName ?? 'x',
    ...(get('birthPlace') ? { birthPlace: get('birthPlace') } : {}),
    ...(get('address') ? { address: get('address') } : {}),
    ...(get('phone') ? { phone: get('phone') } : {}),
  });
  if (!contract.success) {
    for (const i of contract.error.issues) {
      const field = String(i.path[0] ?? 'row');
      reasons.push(issue(`${field}.invalid`, field, `Kolom ${field} tidak valid`, `Column ${field} is invalid (${i.code})`));
    }
  }

  if (nik) {
    if (row.numeric?.[mapping.nik!]) {
      reasons.push(
        issue(
          'nik.as_number',
          'nik',
          'NIK diketik sebagai angka dan digit terakhirnya hilang; ketik sebagai teks',
          'The NIK was typed as a number and lost its last digit; type it as text',
        ),
      );
    } else if (/e\+?\d+$/i.test(nik)) {
      reasons.push(
        issue(
          'nik.scientific',
          'nik',
          'NIK tertulis dalam notasi ilmiah (mis. 3,37E+15); format kolom sebagai teks',
          'The NIK is in scientific notation (e.g. 3.37E+15); format the column as text',
        ),
      );
    } else {
      const r = validateNik(nik, { ...(sex ? { sex } : {}), ...(birthDate ? { birthDate } : {}) }, ctx.lookup, ctx.now);
      if (!r.valid) reasons.push(...r.errors);
      warnings.push(...r.warnings);
      const first = ctx.seen.get(nik);
      if (first !== undefined && first !== row.row) {
        reasons.push(issue('nik.duplicate_in_file', 'nik', `NIK sama dengan baris ${first}`, `Same NIK as row ${first}`));
      } else ctx.seen.set(nik, row.row);
    }
  }

  const kk = cleanIdentifier(get('kk'));
  if (kk) {
    const r = validateKk(kk, ctx.lookup, ctx.now);
    if (!r.valid) reasons.push(...r.errors);
    warnings.push(...r.warnings);
  }

  if (reasons.length || !nik || !fullName || !village.ok)
    return { ok: false, rejection: { row: row.row, nikMasked, reasons, warnings } };
  const assessedOn = assessedOnFor(ctx, village.code);
  if (birthDate && ppks.length) warnings.push(...ppksAgeWarnings(ppks, ageOn(birthDate, assessedOn)));
  return {
    ok: true,
    candidate: {
      row: row.row,
      nik,
      nikHash: ctx.ids.hash('nik', nik),
      nikMasked: maskNik(nik),
      kk,
      kkHash: kk ? ctx.ids.hash('kk', kk) : null,
      kkMasked: kk ? maskKk(kk) : null,
      fullName: contract.data!.fullName,
      sex,
      birthDate,
      birthPlace: contract.data!.birthPlace ?? null,
      address: contract.data!.address ?? null,
      phone: contract.data!.phone ?? null,
      rt,
      rw,
      villageCode: village.code,
      regencyCode: village.code.slice(0, 5),
      ppks,
      assessedOn,
      relationship: kk ? (relationship ?? 'lainnya') : null,
      warnings,
      ...(ctx.encrypt ? { nikEnc: ctx.ids.encrypt('nik', nik), ...(kk ? { kkEnc: ctx.ids.encrypt('kk', kk) } : {}) } : {}),
    },
  };
}

/** The mapped cells for a preview, identifiers masked. */
export function previewValues(row: SourceRow, mapping: ImportMapping): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, col] of Object.entries(mapping)) {
    const v = text(row.cells[col] ?? null);
    out[key] = v && (key === 'nik' || key === 'kk') ? (/^\d{16}$/.test(v) ? maskNik(v) : '****') : v;
  }
  return out;
}
