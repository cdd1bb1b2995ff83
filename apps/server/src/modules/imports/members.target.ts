import ExcelJS from 'exceljs';
import { issue, maskNik } from '@pilar/domain';
import type { ImportMapping } from '@pilar/domain/contracts';
import type { Ctx } from '../../platform/access/unit-of-work';
import { IMPORT_COLUMNS, importMembers } from '../members/members.import';
import { parseDateCell, text } from './cells';
import type { ImportRowResult } from './rows';
import type { SourceRow } from './source';

/**
 * The PSM registry as an import target: rows mapped onto the registry's own template
 * and handed, a batch at a time, to `importMembers` (members.import.ts), which judges
 * and writes them in the caller's transaction. Here only what that function cannot
 * see: dates in other spellings, NIKs that Excel turned into numbers, and duplicates
 * between batches of one file.
 */
export type MemberRow = { ok: true; row: number; values: Record<string, string> } | { ok: false; result: ImportRowResult };

export function checkMemberRow(row: SourceRow, mapping: ImportMapping, seen: Map<string, number>, today: string): MemberRow {
  const values: Record<string, string> = {};
  for (const c of IMPORT_COLUMNS) {
    const col = mapping[c.key];
    const v = col === undefined ? null : text(row.cells[col] ?? null);
    if (v !== null) values[c.key] = c.key === 'nik' ? v.replace(/^'/, '') : v;
  }
  const nik = values.nik;
  const nikMasked = nik && /^\d{16}$/.test(nik) ? maskNik(nik) : null;
  const reject = (code: string, field: string, id: string, en: string): MemberRow => ({
    ok: false,
    result: { row: row.row, status: 'rejected', entityId: null, nikMasked, reasons: [issue(code, field, id, en)], warnings: [] },
  });
  if (Object.keys(values).length === 0)
    return reject('row.empty', 'row', 'Baris tidak berisi kolom yang dipetakan', 'The row has no mapped cells');
  if (mapping.nik !== undefined && row.numeric?.[mapping.nik]) {
    return reject(
      'nik.as_number',
      'nik',
      'NIK diketik sebagai angka dan digit terakhirnya hilang; ketik sebagai teks',
      'The NIK was typed as a number and lost its last digit; type it as text',
    );
  }
  for (const key of ['birthDate', 'skDate'] as const) {
    if (!values[key]) continue;
    const d = parseDateCell(values[key], key, today, { past: true });
    if (!d.ok)
      return {
        ok: false,
        result: { row: row.row, status: 'rejected', entityId: null, nikMasked, reasons: [d.issue], warnings: [] },
      };
    values[key] = d.value;
  }
  if (nik) {
    const first = seen.get(nik);
    if (first !== undefined && first !== row.row)
      return reject('nik.duplicate_in_file', 'nik', `NIK sama dengan baris ${first}`, `Same NIK as row ${first}`);
    seen.set(nik, row.row);
  }
  return { ok: true, row: row.row, values };
}

/** One batch through the registry's importer (≤ its own row limit per call). */
export async function memberBatch(ctx: Ctx, rows: MemberRow[]): Promise<ImportRowResult[]> {
  const good = rows.flatMap((r) => (r.ok ? [r] : []));
  const results = rows.flatMap((r) => (r.ok ? [] : [r.result]));
  if (good.length) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('PSM');
    ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, style: { numFmt: '@' } }));
    for (const r of good) ws.addRow(r.values);
    const report = await importMembers(ctx, Buffer.from(await wb.xlsx.writeBuffer()));
    for (const r of report.rows) {
      const source = good[r.row - 2]!;
      results.push({
        row: source.row,
        status: r.status,
        entityId: r.memberId,
        nikMasked: r.nikMasked,
        reasons: r.reasons,
        warnings: [],
      });
    }
  }
  return results.sort((a, b) => a.row - b.row);
}
