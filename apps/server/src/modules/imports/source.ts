import ExcelJS from 'exceljs';
import { normalizeLabel } from '@pilar/domain';
import { AppError } from '../../platform/errors';
import { csvRecords, UnterminatedQuote } from './csv';

/**
 * Reading an uploaded spreadsheet into rows of text cells. The format is decided
 * from the bytes, never from the name: a ZIP container is XLSX, readable text is CSV,
 * anything else is refused. Row numbers are the ones a spreadsheet program shows.
 */
export type SourceFormat = 'csv' | 'xlsx';
export interface SourceRow {
  row: number;
  cells: (string | null)[];
  /** Cells that were numbers in the XLSX (a 16-digit NIK typed as a number has lost its last digit). */
  numeric?: boolean[];
}

export const MAX_CSV_BYTES = 50 * 1024 * 1024;
export const MAX_XLSX_BYTES = 20 * 1024 * 1024;

const fileError = (code: string, id: string, en: string, status = 400) =>
  new AppError(status, code.replace(/\./g, '_'), { id, en }, [{ field: 'file', code, message: { id, en } }]);

export const notSpreadsheet = () =>
  fileError(
    'file.not_spreadsheet',
    'Berkas bukan lembar kerja CSV atau XLSX yang dapat dibaca',
    'The file is not a readable CSV or XLSX spreadsheet',
    415,
  );

export function sniffFormat(bytes: Buffer): SourceFormat {
  if (bytes.length === 0) throw fileError('file.empty', 'Berkas kosong (0 byte)', 'The file is empty (0 bytes)');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    if (bytes.length > MAX_XLSX_BYTES)
      throw fileError(
        'file.too_large',
        'Berkas XLSX melebihi 20 MB; simpan sebagai CSV',
        'The XLSX file exceeds 20 MB; save it as CSV',
        413,
      );
    return 'xlsx';
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) throw notSpreadsheet();
  if (bytes.length > MAX_CSV_BYTES)
    throw fileError(
      'file.too_large',
      'Berkas CSV melebihi 50 MB; bagi menjadi beberapa berkas',
      'The CSV file exceeds 50 MB; split it into several files',
      413,
    );
  return 'csv';
}

function csvEncoding(bytes: Buffer): BufferEncoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf8';
  } catch {
    // Excel on Windows saves "CSV" in the ANSI code page; latin1 keeps the ASCII columns intact.
    return 'latin1';
  }
}

function csvDelimiter(bytes: Buffer, encoding: BufferEncoding): string {
  const firstLines = bytes.subarray(0, 16384).toString(encoding).split(/\r?\n/).slice(0, 5).join('\n');
  const count = (d: string) => firstLines.split(d).length - 1;
  return [',', ';', '\t', '|'].sort((a, b) => count(b) - count(a))[0]!;
}

async function* csvRows(bytes: Buffer): AsyncGenerator<SourceRow> {
  const encoding = csvEncoding(bytes);
  let row = 0;
  try {
    for (const record of csvRecords(bytes.toString(encoding), csvDelimiter(bytes, encoding))) {
      row += 1;
      yield { row, cells: record.map((c) => (c === '' ? null : c)) };
    }
  } catch (err) {
    if (!(err instanceof UnterminatedQuote)) throw err;
    throw fileError(
      'file.csv_invalid',
      `CSV tidak dapat dibaca: tanda kutip tidak ditutup mulai baris ${row + 1}`,
      `The CSV cannot be read: a quote opened in row ${row + 1} is never closed`,
    );
  }
}

function cellText(v: ExcelJS.CellValue): { text: string | null; numeric: boolean } {
  if (v === null || v === undefined) return { text: null, numeric: false };
  if (v instanceof Date) return { text: Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10), numeric: false };
  if (typeof v === 'number') return { text: String(v), numeric: true };
  if (typeof v === 'boolean') return { text: String(v), numeric: false };
  if (typeof v === 'object') {
    if ('richText' in v) return { text: v.richText.map((t) => t.text).join(''), numeric: false };
    if ('error' in v) return { text: null, numeric: false };
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return { text: String(v.text), numeric: false };
    return { text: null, numeric: false };
  }
  const s = String(v);
  return { text: s === '' ? null : s, numeric: false };
}

export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw notSpreadsheet();
  }
  const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
  if (!ws) throw fileError('file.no_rows', 'Lembar kerja tidak berisi baris', 'The worksheet has no rows');
  return ws;
}

async function* xlsxRows(bytes: Buffer): AsyncGenerator<SourceRow> {
  const ws = await loadWorkbook(bytes);
  const rows: SourceRow[] = [];
  // Merged cells read as their master's value: a kecamatan merged down a block of rows applies to each.
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    const cells: (string | null)[] = [];
    const numeric: boolean[] = [];
    r.eachCell({ includeEmpty: true }, (cell, col) => {
      const t = cellText(cell.value);
      cells[col - 1] = t.text;
      numeric[col - 1] = t.numeric;
    });
    rows.push({ row: n, cells: Array.from(cells, (c) => c ?? null), numeric: Array.from(numeric, (x) => x ?? false) });
  });
  yield* rows;
}

/** Every row of the sheet, in order (empty rows of a CSV are counted but not yielded). */
export async function* readRows(bytes: Buffer, format: SourceFormat): AsyncGenerator<SourceRow> {
  const source = format === 'csv' ? csvRows(bytes) : xlsxRows(bytes);
  for await (const r of source) if (r.cells.some((c) => c !== null && c.trim() !== '')) yield r;
}

/**
 * The header row: among the first ten non-empty rows, the one naming the most known
 * fields (title rows above the header are common in office spreadsheets).
 */
export function pickHeader(rows: SourceRow[], known: Set<string>): SourceRow | null {
  let best: { row: SourceRow; score: number } | null = null;
  for (const r of rows.slice(0, 10)) {
    const score = r.cells.filter((c) => c !== null && known.has(normalizeLabel(c))).length;
    if (!best || score > best.score) best = { row: r, score };
  }
  if (!best) return null;
  return best.score >= 2 ? best.row : rows[0]!;
}
