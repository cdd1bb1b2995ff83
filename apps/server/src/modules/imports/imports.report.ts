import ExcelJS from 'exceljs';
import type { Issue } from '@pilar/domain';
import type { Ctx } from '../../platform/access/unit-of-work';
import * as store from './imports.store';
import { loadRun } from './imports.service';

/**
 * The downloadable report of an import: every row with its outcome and reasons in
 * both languages. It holds row numbers, masked NIKs and record ids — no names — so
 * it can be handed back to whoever fixes the spreadsheet.
 */
const STATUS_ID = { accepted: 'diterima', unchanged: 'tidak berubah', rejected: 'ditolak' } as const;
const HEADER = [
  'Baris / Row',
  'Status',
  'Status (en)',
  'NIK (disamarkan)',
  'ID data / Record id',
  'Alasan',
  'Reason',
  'Peringatan / Warnings',
];

type Row = {
  row: number;
  status: keyof typeof STATUS_ID;
  entityId: string | null;
  nikMasked: string | null;
  reasons: Issue[];
  warnings: Issue[];
};
const cells = (r: Row) => [
  r.row,
  STATUS_ID[r.status],
  r.status,
  r.nikMasked ?? '',
  r.entityId ?? '',
  r.reasons.map((i) => i.message.id).join('; '),
  r.reasons.map((i) => i.message.en).join('; '),
  r.warnings.map((i) => i.code).join('; '),
];

export function csvLine(values: (string | number | null)[]): string {
  return values
    .map((v) =>
      v === null
        ? ''
        : typeof v === 'number'
          ? String(v)
          : /[",;\n\r]/.test(v) || /^[=+\-@]/.test(v)
            ? `"${v.replace(/"/g, '""')}"`
            : v,
    )
    .join(',');
}

export async function importReport(
  ctx: Ctx,
  id: string,
  format: 'csv' | 'xlsx',
): Promise<{ bytes: Buffer; filename: string; contentType: string }> {
  const run = await loadRun(ctx, id);
  ctx.audit.record({ action: 'import.report_downloaded', entityType: 'import', entityId: id, details: { format } });
  const name = `laporan-impor-${run.id}`;
  if (format === 'csv') {
    const lines = [csvLine(HEADER)];
    for await (const r of store.allRows(ctx.db, id)) lines.push(csvLine(cells(r as Row)));
    return {
      bytes: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
      filename: `${name}.csv`,
      contentType: 'text/csv; charset=utf-8',
    };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Pilar';
  const ws = wb.addWorksheet('Laporan');
  ws.addRow(HEADER).font = { bold: true };
  for await (const r of store.allRows(ctx.db, id)) ws.addRow(cells(r as Row));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const summary = wb.addWorksheet('Ringkasan');
  summary.addRows([
    ['Diterima / accepted', run.accepted],
    ['Tidak berubah / unchanged', run.unchanged],
    ['Ditolak / rejected', run.rejected],
    ['Baris data / data rows', run.totalRows],
  ]);
  return {
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    filename: `${name}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
