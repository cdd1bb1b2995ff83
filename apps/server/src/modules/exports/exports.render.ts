import ExcelJS from 'exceljs';
import type { Cell, Column } from './exports.sources';

/**
 * Renders an export with its watermark — who exported it, when, and for what purpose
 * — inside the file itself: the first line of a CSV (a `#` comment) and, in an XLSX,
 * the rows above the table, the printed page header and a "Keterangan" sheet.
 */
export interface Watermark {
  exportId: string;
  by: string;
  at: string;
  purpose: string;
  purposeCode: string | null;
  source: string;
  filters: Record<string, unknown>;
}

export function watermarkLine(w: Watermark): string {
  const code = w.purposeCode ? ` [${w.purposeCode}]` : '';
  return `PILAR — diekspor oleh ${w.by} pada ${w.at} untuk tujuan: ${w.purpose}${code} — id ekspor ${w.exportId} — DATA PRIBADI (UU 27/2022 PDP): jangan disebarluaskan; NIK disamarkan`;
}

/** Spreadsheet programs run cells that start with = + - @ as formulas: such text gets a leading apostrophe. */
function safe(v: Cell): Cell {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = String(safe(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(w: Watermark, columns: Column[], rows: Record<string, Cell>[]): Buffer {
  const lines = [`# ${watermarkLine(w).replace(/[\r\n]+/g, ' ')}`, columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c.key] ?? null)).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function renderXlsx(w: Watermark, columns: Column[], rows: Record<string, Cell>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `Pilar (${w.by})`;
  wb.subject = w.purpose;
  wb.description = watermarkLine(w);
  wb.created = new Date(w.at);
  const ws = wb.addWorksheet('Data');
  const mark = ws.addRow([watermarkLine(w)]);
  mark.font = { bold: true, color: { argb: 'FFB00020' } };
  ws.mergeCells(1, 1, 1, Math.max(columns.length, 1));
  ws.addRow([]);
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => safe(r[c.key] ?? null)));
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.headerFooter = {
    oddHeader: `&L${watermarkLine(w).replace(/&/g, '&&').slice(0, 240)}`,
    oddFooter: '&LPilar&RHalaman &P / &N',
  };
  const info = wb.addWorksheet('Keterangan');
  info.columns = [{ width: 24 }, { width: 90 }];
  info.addRows([
    ['Diekspor oleh', w.by],
    ['Waktu', w.at],
    ['Tujuan', w.purpose],
    ['Kode tujuan', w.purposeCode ?? '-'],
    ['Sumber', w.source],
    ['Filter', JSON.stringify(w.filters)],
    ['Jumlah baris', rows.length],
    ['ID ekspor', w.exportId],
    ['Perlindungan data', 'Berisi data pribadi (UU 27/2022 PDP). Gunakan hanya untuk tujuan di atas; NIK disamarkan.'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
