import ExcelJS from 'exceljs';
import { contactLine, indonesianDate, type ExportDocument } from './export.document';

/** Renders an export as an XLSX workbook: the letterhead and purpose on top, one sheet per table. */
export async function renderXlsx(doc: ExportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Pilar';
  wb.created = doc.generatedAt;
  wb.title = doc.title;
  wb.subject = doc.purpose;
  const l = doc.letterhead;
  doc.tables.forEach((t, i) => {
    const ws = wb.addWorksheet((t.heading ?? `Tabel ${i + 1}`).replace(/[\\/*?:[\]]/g, ' ').slice(0, 31) || `Tabel ${i + 1}`);
    const top: string[] = [
      ...(l.parentName ? [l.parentName.toUpperCase()] : []),
      l.officeName.toUpperCase(),
      contactLine(l),
      '',
      doc.title,
      ...doc.subtitle,
      `Tujuan penggunaan: ${doc.purpose}`,
      `Dibuat: ${indonesianDate(doc.generatedAt, doc.areaCode)} oleh ${doc.generatedBy}`,
      '',
    ];
    for (const line of top) ws.addRow([line]);
    ws.getRow(l.parentName ? 2 : 1).font = { bold: true, size: 13 };
    const header = ws.addRow(t.columns.map((c) => c.label));
    header.font = { bold: true };
    header.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
    });
    for (const r of t.rows) ws.addRow(t.columns.map((c) => r[c.key] ?? null));
    t.columns.forEach((c, j) => {
      ws.getColumn(j + 1).width = c.numeric ? 14 : Math.min(48, Math.max(12, c.label.length + 2));
    });
    ws.views = [{ state: 'frozen', ySplit: top.length + 1 }];
    if (doc.logo && i === 0 && (doc.logo.contentType === 'image/png' || doc.logo.contentType === 'image/jpeg')) {
      const id = wb.addImage({ buffer: doc.logo.bytes as unknown as ExcelJS.Buffer, extension: doc.logo.contentType === 'image/png' ? 'png' : 'jpeg' });
      ws.addImage(id, { tl: { col: Math.max(3, t.columns.length), row: 0 }, ext: { width: 64, height: 64 } });
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
