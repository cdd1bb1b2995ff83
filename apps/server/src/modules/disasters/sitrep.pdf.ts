import pdfmakeModule from 'pdfmake';
import { INCIDENT_KIND_LABELS, INCIDENT_STATUS_LABELS, NEED_LABELS, formatQuantity, hazardLabel, type SitrepFigures } from '@pilar/domain';

/**
 * The sitrep as a PDF with the lead office's letterhead (pdfmake, built-in Helvetica as
 * in members.card.ts). Built from the same aggregate figures as the text.
 */
interface PdfMake {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}
const pdfmake = pdfmakeModule as unknown as PdfMake;
const HELVETICA = { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' };
pdfmake.setFonts({ Helvetica: HELVETICA });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => Object.values(HELVETICA).includes(p));

const n = (v: number) => formatQuantity(v);
const GAP = { no_aid: 'belum ada bantuan', out_of_stock: 'stok habis', low_stock: 'stok menipis' } as const;

function letterhead(office: string) {
  const gov = /^(kabupaten|kota)\b/i.test(office) ? office : `Provinsi ${office}`;
  return [
    { text: `PEMERINTAH ${gov.toUpperCase()}`, bold: true, fontSize: 13, alignment: 'center' },
    { text: 'DINAS SOSIAL', bold: true, fontSize: 15, alignment: 'center' },
    { text: 'Pos Komando Tanggap Darurat Bencana – Layanan Perlindungan Korban Bencana (SPM Bidang Sosial)', fontSize: 8, alignment: 'center', margin: [0, 2, 0, 4] },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 515, y2: 0, lineWidth: 2 }, { type: 'line', x1: 0, y1: 3, x2: 515, y2: 3, lineWidth: 0.5 }], margin: [0, 0, 0, 10] },
  ];
}

const table = (head: string[], body: (string | number)[][], widths?: (string | number)[]) => ({
  table: { headerRows: 1, widths: widths ?? head.map(() => '*'), body: [head.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })), ...body.map((r) => r.map(String))] },
  layout: 'lightHorizontalLines',
  fontSize: 8,
  margin: [0, 2, 0, 10],
});

export async function sitrepPdf(f: SitrepFigures): Promise<Buffer> {
  const i = f.incident;
  const t = f.totals;
  const doc = {
    pageSize: 'A4',
    pageMargins: [40, 36, 40, 40],
    info: { title: `Laporan Situasi #${f.number} – ${i.title}` },
    defaultStyle: { font: 'Helvetica', fontSize: 9 },
    footer: (page: number, pages: number) => ({ text: `Sitrep #${f.number} · ${f.generatedAt} · hal. ${page}/${pages} · data agregat tanpa data pribadi`, fontSize: 7, alignment: 'center' }),
    content: [
      ...letterhead(i.leadOfficeName),
      { text: `LAPORAN SITUASI (SITREP) #${f.number}`, bold: true, fontSize: 12, alignment: 'center' },
      { text: i.title, bold: true, alignment: 'center', margin: [0, 2, 0, 8] },
      table(['Jenis', 'Status', 'Mulai', 'Per tanggal'], [[`${INCIDENT_KIND_LABELS[i.kind].id}${i.hazard ? ` – ${hazardLabel(i.hazard)}` : ''}`, INCIDENT_STATUS_LABELS[i.status].id, i.startedAt, f.generatedAt]]),
      { text: 'Dampak (asesmen terakhir per desa)', bold: true },
      table(
        ['Terdampak', 'Mengungsi', 'Luka', 'Meninggal', 'Hilang', 'Rumah rusak R/S/B', 'Lansia', 'Anak', 'Disabilitas', 'Ibu hamil'],
        [[n(t.affected), n(t.displaced), n(t.injured), n(t.dead), n(t.missing), `${n(t.housesRingan)}/${n(t.housesSedang)}/${n(t.housesBerat)}`, n(t.elderly), n(t.children), n(t.disabled), n(t.pregnant)]],
      ),
      { text: 'Per desa/kelurahan terdampak', bold: true },
      table(
        ['Desa/Kel.', 'Kecamatan', 'Kab/Kota', 'Terdampak', 'Mengungsi', 'Korban terdata', 'Kebutuhan dasar terpenuhi'],
        f.villages.map((v) => [v.villageName, v.districtName, v.regencyName, n(v.affected), n(v.displaced), n(v.victims), n(v.victimsMet)]),
        ['*', '*', '*', 'auto', 'auto', 'auto', 'auto'],
      ),
      { text: 'Korban terdata (PPKS) dan indikator SPM 5', bold: true },
      table(
        ['Terdata', 'Mengungsi', 'Rentan', 'Kebutuhan dasar terpenuhi', 'Capaian SPM 5'],
        [[n(f.victims.registered), n(f.victims.displaced), n(f.victims.vulnerable), n(f.victims.met), f.victims.spmPercent === null ? '–' : `${String(f.victims.spmPercent).replace('.', ',')}%`]],
      ),
      { text: 'Kebutuhan (jumlah desa per tingkat)', bold: true },
      table(['Kebutuhan', 'Tinggi', 'Sedang'], f.needs.map((x) => [NEED_LABELS[x.kind].id, x.high, x.medium])),
      { text: 'Bantuan', bold: true },
      f.aid.length
        ? table(['Barang', 'Satuan', 'Diterima', 'Disalurkan', 'Sisa', 'Catatan'], f.aid.map((a) => [a.itemName, a.unit, n(a.received), n(a.issued), n(a.balance), a.low ? 'stok menipis' : '']))
        : { text: 'Belum ada bantuan tercatat', italics: true, margin: [0, 2, 0, 10] },
      { text: 'Kesenjangan', bold: true },
      f.gaps.length
        ? { ul: f.gaps.map((g) => `${NEED_LABELS[g.kind].id}: ${GAP[g.reason]}`), margin: [0, 2, 0, 10] }
        : { text: 'Tidak ada kesenjangan tercatat', italics: true, margin: [0, 2, 0, 10] },
      { text: `Relawan: ${n(f.volunteers.total)} terdaftar, ${n(f.volunteers.onDuty)} sedang bertugas`, margin: [0, 0, 0, 16] },
      { text: `Koordinator: ${i.leadOfficeName}`, alignment: 'right' },
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}
