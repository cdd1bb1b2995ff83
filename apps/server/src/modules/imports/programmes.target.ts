import { issue, maskNik, normalizeLabel, type Issue } from '@pilar/domain';
import { MEMBERSHIP_SOURCES, type MEMBERSHIP_STATUSES, type ImportMapping, type MembershipCreate } from '@pilar/domain/contracts';
import { scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError } from '../../platform/errors';
import { createMembership, maskKks, membershipsByPerson, updateMembership } from '../programmes/memberships.service';
import type { MembershipRow } from '../programmes/programmes.store';
import { listProgrammes } from '../programmes/programmes.service';
import { parseDateCell, text } from './cells';
import { existingPersons } from './persons.store';
import type { ImportRowResult } from './rows';
import type { SourceRow } from './source';

/**
 * Programme memberships as an import target (issue 10 §2): a list from SIKS-NG, a
 * DTSEN extract or an office spreadsheet saying who is in PKH, BPNT, PBI-JK… The
 * person must already be registered in Pilar (matched by the NIK's keyed hash, in the
 * importer's scope); each row goes through the programmes module's own service
 * (`createMembership` / `updateMembership`), so its rules (programme valid in the
 * village, one current membership per programme, KKS protected like the NIK, rollups,
 * audit) hold exactly as for a membership typed in by hand. A row that says what Pilar
 * already holds is "unchanged", so importing the same list again changes nothing.
 */
export type ProgrammeRowCheck =
  | { ok: true; row: number; nikHash: Buffer; nikMasked: string; key: string; input: MembershipInput }
  | { ok: false; result: ImportRowResult };

const STATUS_WORDS: Record<string, (typeof MEMBERSHIP_STATUSES)[number]> = {
  aktif: 'aktif',
  active: 'aktif',
  ya: 'aktif',
  penerima: 'aktif',
  ditangguhkan: 'ditangguhkan',
  tangguh: 'ditangguhkan',
  suspended: 'ditangguhkan',
  berhenti: 'berhenti',
  nonaktif: 'berhenti',
  tidakaktif: 'berhenti',
  keluar: 'berhenti',
  stopped: 'berhenti',
};

/** A cell word without case, accents, spaces or punctuation ("Non-Aktif" → "nonaktif"). */
const word = (s: string) => normalizeLabel(s).replace(/ /g, '');

const SOURCE_WORDS: Record<string, (typeof MEMBERSHIP_SOURCES)[number]> = {
  ...Object.fromEntries(MEMBERSHIP_SOURCES.map((s) => [word(s), s])),
  dtks: 'dtsen',
  siksng: 'siks_ng',
  lain: 'lainnya',
};

export interface ProgrammeTargetContext {
  /** Programme code by any of its names (code, name, English name, aliases), normalised. */
  programmes: Map<string, string>;
  hashNik(nik: string): Buffer;
  today: string;
  seen: Map<string, number>;
}

export async function programmeTargetContext(ctx: Ctx, today: string): Promise<ProgrammeTargetContext> {
  const programmes = new Map<string, string>();
  for (const p of (await listProgrammes(ctx)).items) {
    for (const name of [p.code, p.name, p.nameEn, ...p.aliases]) programmes.set(normalizeLabel(name), p.code);
  }
  return { programmes, hashNik: (nik) => ctx.ids.hash('nik', nik), today, seen: new Map() };
}

function cell(row: SourceRow, mapping: ImportMapping, key: string): string | null {
  const col = mapping[key];
  return col === undefined ? null : text(row.cells[col] ?? null);
}

function cleanNik(row: SourceRow, mapping: ImportMapping): string | null {
  return cell(row, mapping, 'nik')?.replace(/^'/, '').trim() || null;
}

/** Records a committed row's NIK + programme as seen (rows already written, on resume). */
export function noteProgrammeRow(tc: ProgrammeTargetContext, row: SourceRow, mapping: ImportMapping): void {
  const nik = cleanNik(row, mapping);
  const programme = tc.programmes.get(normalizeLabel(cell(row, mapping, 'programme') ?? ''));
  if (nik && programme && !tc.seen.has(`${nik}|${programme}`)) tc.seen.set(`${nik}|${programme}`, row.row);
}

/** Everything that can be judged without the database. */
export function checkProgrammeRow(tc: ProgrammeTargetContext, row: SourceRow, mapping: ImportMapping): ProgrammeRowCheck {
  const reasons: Issue[] = [];
  const nik = cleanNik(row, mapping);
  const nikMasked = nik && /^\d{16}$/.test(nik) ? maskNik(nik) : null;
  const reject = (): ProgrammeRowCheck => ({
    ok: false,
    result: { row: row.row, status: 'rejected', entityId: null, nikMasked, reasons, warnings: [] },
  });

  if (!nik) reasons.push(issue('cell.required', 'nik', 'Kolom NIK wajib diisi', 'Column NIK is required'));
  else if (mapping.nik !== undefined && row.numeric?.[mapping.nik])
    reasons.push(
      issue(
        'nik.as_number',
        'nik',
        'NIK diketik sebagai angka dan digit terakhirnya hilang; ketik sebagai teks',
        'The NIK was typed as a number and lost its last digit; type it as text',
      ),
    );
  else if (!/^\d{16}$/.test(nik)) reasons.push(issue('nik.format', 'nik', 'NIK harus 16 angka', 'The NIK must be 16 digits'));

  const programmeCell = cell(row, mapping, 'programme');
  const programmeCode = programmeCell ? tc.programmes.get(normalizeLabel(programmeCell)) : undefined;
  if (!programmeCell)
    reasons.push(issue('cell.required', 'programme', 'Kolom Program wajib diisi', 'Column Programme is required'));
  else if (!programmeCode)
    // A programme name is reference data, so it may be echoed back.
    reasons.push(
      issue(
        'programme.unknown',
        'programme',
        `Program "${programmeCell.slice(0, 60)}" tidak dikenal`,
        `Unknown programme "${programmeCell.slice(0, 60)}"`,
      ),
    );

  const statusCell = cell(row, mapping, 'status');
  const status = statusCell ? STATUS_WORDS[word(statusCell)] : 'aktif';
  if (!status)
    reasons.push(
      issue(
        'status.unknown',
        'status',
        'Status harus aktif, ditangguhkan atau berhenti',
        'Status must be aktif, ditangguhkan or berhenti',
      ),
    );

  const sourceCell = cell(row, mapping, 'source');
  const source = sourceCell ? SOURCE_WORDS[word(sourceCell)] : 'lainnya';
  if (!source)
    reasons.push(
      issue(
        'source.unknown',
        'source',
        `Sumber harus salah satu dari: ${MEMBERSHIP_SOURCES.join(', ')}`,
        `Source must be one of: ${MEMBERSHIP_SOURCES.join(', ')}`,
      ),
    );

  const date = (key: 'periodStart' | 'periodEnd' | 'infoDate', past: boolean): string | null => {
    const v = cell(row, mapping, key);
    if (!v) return null;
    const d = parseDateCell(v, key, tc.today, { past });
    if (!d.ok) reasons.push(d.issue);
    return d.ok ? d.value : null;
  };
  const periodStart = date('periodStart', false);
  const periodEnd = date('periodEnd', false);
  // Lists rarely carry the date of the information: the import date stands in for it.
  const infoDate = date('infoDate', true) ?? tc.today;

  const decileCell = cell(row, mapping, 'decile');
  const decile = decileCell === null ? null : Number(decileCell);
  if (decile !== null && !(Number.isInteger(decile) && decile >= 1 && decile <= 10))
    reasons.push(issue('decile.range', 'decile', 'Desil harus angka 1–10', 'The decile must be a number from 1 to 10'));

  const kks = cell(row, mapping, 'kks')?.replace(/^'/, '').trim() || null;
  if (kks !== null && !/^\d{16}$/.test(kks))
    reasons.push(issue('kks.format', 'kks', 'Nomor KKS harus 16 angka', 'The KKS number must be 16 digits'));
  const dtsenId = cell(row, mapping, 'dtsenId');
  if (dtsenId !== null && !/^[0-9A-Za-z.\-/]{1,40}$/.test(dtsenId))
    reasons.push(
      issue(
        'dtsen.format',
        'dtsenId',
        'ID DTSEN hanya huruf, angka, titik, garis miring atau strip',
        'The DTSEN id may hold only letters, digits, dots, slashes or dashes',
      ),
    );

  if (reasons.length || !nik || !programmeCode || !status || !source) return reject();
  const key = `${nik}|${programmeCode}`;
  const first = tc.seen.get(key);
  if (first !== undefined && first !== row.row) {
    reasons.push(
      issue(
        'membership.duplicate_in_file',
        'nik',
        `NIK dan program sama dengan baris ${first}`,
        `Same NIK and programme as row ${first}`,
      ),
    );
    return reject();
  }
  tc.seen.set(key, row.row);
  return {
    ok: true,
    row: row.row,
    nikHash: tc.hashNik(nik),
    nikMasked: nikMasked!,
    key,
    input: {
      programmeCode,
      status,
      periodStart,
      periodEnd,
      dtsenId,
      ...(kks ? { kks } : {}),
      decile,
      source,
      infoDate,
      note: cell(row, mapping, 'note'),
    },
  };
}

type MembershipInput = Omit<MembershipCreate, 'personId'>;

/** The list's values that differ from the current membership (only cells the row fills). */
function changesTo(current: MembershipRow, input: MembershipInput): Partial<MembershipInput> {
  const patch: Partial<MembershipInput> = {};
  if (input.status !== current.status) patch.status = input.status;
  if (input.periodStart && input.periodStart !== current.periodStart) patch.periodStart = input.periodStart;
  if (input.periodEnd && input.periodEnd !== current.periodEnd) patch.periodEnd = input.periodEnd;
  if (input.dtsenId && input.dtsenId !== current.dtsenId) patch.dtsenId = input.dtsenId;
  if (input.decile && input.decile !== current.decile) patch.decile = input.decile;
  // Only the mask is readable here; two KKS numbers with the same first and last four digits are not told apart.
  if (input.kks && maskKks(input.kks) !== current.kksMasked) patch.kks = input.kks;
  return patch;
}

/**
 * One row against the person's memberships in that programme: a new membership, an
 * update of the current one (status, period, ids the list changes), or nothing when the
 * list says what Pilar already holds. An ended ("berhenti") row with no current
 * membership is recorded once, as history.
 */
async function applyRow(
  ctx: Ctx,
  personId: string,
  input: MembershipInput,
  held: MembershipRow[],
): Promise<{ status: 'accepted' | 'unchanged'; warnings: Issue[] }> {
  // Read once per batch; a file never holds two rows for one person and programme.
  const items = held.filter((m) => m.programmeCode === input.programmeCode);
  const current = items.find((m) => m.status !== 'berhenti');
  if (current) {
    const patch = changesTo(current, input);
    if (Object.keys(patch).length === 0) return { status: 'unchanged', warnings: [] };
    await updateMembership(ctx, current.id, {
      ...patch,
      source: input.source,
      infoDate: input.infoDate,
      version: current.version,
    });
    return {
      status: 'accepted',
      warnings: [
        issue('membership.updated', 'programme', 'Keanggotaan yang sudah ada diperbarui', 'The existing membership was updated'),
      ],
    };
  }
  if (input.status === 'berhenti' && items.length > 0) return { status: 'unchanged', warnings: [] };
  await createMembership(ctx, { ...input, personId });
  return { status: 'accepted', warnings: [] };
}

/** One batch: persons found by NIK hash in scope, each row written through the programmes service. */
export async function programmeBatch(ctx: Ctx, checks: ProgrammeRowCheck[]): Promise<ImportRowResult[]> {
  const good = checks.flatMap((c) => (c.ok ? [c] : []));
  const results = checks.flatMap((c) => (c.ok ? [] : [c.result]));
  const persons = await existingPersons(
    ctx.db,
    good.map((c) => c.nikHash),
    scopeOf(ctx.actor, 'programme.enrol'),
  );
  const held = await membershipsByPerson(
    ctx,
    [...persons.values()].map((p) => p.id),
  );
  for (const c of good) {
    const base = { row: c.row, nikMasked: c.nikMasked };
    const person = persons.get(c.nikHash.toString('hex'));
    if (!person) {
      results.push({
        ...base,
        status: 'rejected',
        entityId: null,
        warnings: [],
        reasons: [
          issue(
            'person.not_registered',
            'nik',
            'NIK ini belum terdaftar sebagai warga di wilayah Anda; impor atau daftarkan warganya dulu',
            'No person with this NIK is registered in your area; import or register the person first',
          ),
        ],
      });
      continue;
    }
    await ctx.db.query('SAVEPOINT programme_row');
    try {
      const outcome = await applyRow(ctx, person.id, c.input, held.get(person.id) ?? []);
      await ctx.db.query('RELEASE SAVEPOINT programme_row');
      results.push({ ...base, ...outcome, entityId: person.id, reasons: [] });
    } catch (err) {
      await ctx.db.query('ROLLBACK TO SAVEPOINT programme_row');
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const reasons = err.errors.length
        ? err.errors.map((e) => issue(e.code, e.field, e.message.id, e.message.en))
        : [issue(err.code, 'row', err.msg.id, err.msg.en)];
      results.push({ ...base, status: 'rejected', entityId: null, reasons, warnings: [] });
    }
  }
  return results.sort((a, b) => a.row - b.row);
}

/** The mapped cells for a preview, identifiers (NIK, KKS) masked. */
export function previewProgrammeRow(row: SourceRow, mapping: ImportMapping): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, col] of Object.entries(mapping)) {
    const v = text(row.cells[col] ?? null);
    out[key] = v && (key === 'nik' || key === 'kks') ? (/^\d{16}$/.test(v) ? maskNik(v) : '****') : v;
  }
  return out;
}
