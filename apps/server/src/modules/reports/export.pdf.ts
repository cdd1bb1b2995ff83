import pdfmakeModule from 'pdfmake';
import { cell, contactLine, indonesianDate, type ExportDocument } from './export.document';

interface PdfMake {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}
const pdfmake = pdfmakeModule as unknown as PdfMake;
const HELVETICA = { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' };
pdfmake.setFonts({ Helvetica: HELVETICA });
// Built-in PDF fonts only; the logo comes as a data URL, never from a URL or a path.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => Object.values(HELVETICA).includes(p));

/** Renders an export as an A4 PDF with the kop surat, the purpose, the tables and a signature block. */
export async function renderPdf(doc: ExportDocument): Promise<Buffer> {
  const l = doc.letterhead;
  const width = doc.landscape ? 842 - 80 : 595 - 80;
  const kop = {
    columns: [
      doc.logo ? { image: `data:${doc.logo.contentType};base64,${doc.logo.bytes.toString('base64')}`, fit: [60, 60], width: 64 } : { text: '', width: 0 },
      {
        width: '*',
        alignment: 'center',
        stack: [
          ...(l.parentName ? [{ text: l.parentName.toUpperCase(), fontSize: 11, bold: true }] : []),
          { text: l.officeName.toUpperCase(), fontSize: 13, bold: true },
          { text: contactLine(l), fontSize: 8, margin: [0, 2, 0, 0] },
        ],
      },
    ],
    columnGap: 8,
  };
  const rule = { canvas: [{ type: 'line', x1: 0, y1: 4, x2: width, y2: 4, lineWidth: 2 }, { type: 'line', x1: 0, y1: 7, x2: width, y2: 7, lineWidth: 0.5 }], margin: [0, 0, 0, 10] };
  const tables = doc.tables.flatMap((t) => [
    ...(t.heading ? [{ text: t.heading, bold: true, margin: [0, 8, 0, 4] }] : []),
    {
      table: {
        headerRows: 1,
        widths: t.columns.map((c, i) => (i === 0 && !c.numeric ? 'auto' : c.numeric ? 'auto' : '*')),
        body: [
          t.columns.map((c) => ({ text: c.label, bold: true, fillColor: '#eeeeee', alignment: c.numeric ? 'right' : 'left' })),
          ...(t.rows.length ? t.rows.map((r) => t.columns.map((c) => ({ text: String(cell(r[c.key])), alignment: c.numeric ? 'right' : 'left' }))) : [t.columns.map((_, i) => ({ text: i === 0 ? 'Tidak ada data' : '' }))]),
        ],
      },
      layout: 'lightHorizontalLines',
      fontSize: 8,
    },
  ]);
  const place = l.city ?? '';
  const signature = {
    margin: [0, 24, 0, 0],
    columns: [
      { width: '*', text: '' },
      {
        width: 220,
        stack: [
          { text: `${place ? `${place}, ` : ''}${indonesianDate(doc.generatedAt, doc.areaCode)}` },
          { text: l.signerTitle ?? `Kepala ${l.officeName}`, margin: [0, 2, 0, 48] },
          { text: l.signerName ?? '(.................................)', bold: true, decoration: l.signerName ? 'underline' : undefined },
          ...(l.signerNip ? [{ text: `NIP. ${l.signerNip}` }] : []),
        ],
      },
    ],
  };
  return pdfmake
    .createPdf({
      pageSize: 'A4',
      pageOrientation: doc.landscape ? 'landscape' : 'portrait',
      pageMargins: [40, 36, 40, 48],
      info: { title: doc.title, creator: 'Pilar', subject: doc.purpose },
      defaultStyle: { font: 'Helvetica', fontSize: 9 },
      footer: (page: number, pages: number) => ({
        text: `Dibuat dengan Pilar oleh ${doc.generatedBy} · ${doc.generatedAt.toISOString()} · halaman ${page} dari ${pages}`,
        fontSize: 7,
        alignment: 'center',
        margin: [40, 16, 40, 0],
      }),
      content: [
        kop,
        rule,
        { text: doc.title, fontSize: 12, bold: true, alignment: 'center' },
        ...doc.subtitle.map((s) => ({ text: s, alignment: 'center', margin: [0, 1, 0, 0] })),
        { text: `Tujuan penggunaan: ${doc.purpose}`, italics: true, margin: [0, 8, 0, 4], fontSize: 8 },
        ...tables,
        signature,
      ],
    })
    .getBuffer();
}
