import pdfmakeModule from 'pdfmake';
import { NOTICE_FIELD_LABELS } from '@pilar/domain/contracts';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError } from '../../platform/errors';
import { noticeForLetter } from './breaches.service';
import { officeFor, recordOfProcessing } from './governance.service';
import { loadRequest } from './requests.service';
import { subjectExport } from './subject-export';

/**
 * PDF documents of the privacy module (pdfmake, built-in Helvetica only, as the
 * member cards): the answer letter to a data subject request, breach notices and the
 * record of processing. The letterhead comes from the privacy_office table.
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

const KIND_LABEL: Record<string, string> = {
  access: 'akses data pribadi dan riwayat pemrosesannya (UU PDP Pasal 7)',
  correction: 'perbaikan data pribadi (UU PDP Pasal 6)',
  deletion: 'penghapusan data pribadi (UU PDP Pasal 8)',
  restriction: 'pembatasan pemrosesan data pribadi (UU PDP Pasal 11)',
  consent_withdrawal: 'penarikan persetujuan pemrosesan (UU PDP Pasal 9)',
};

const date = (d: Date | string) => new Date(d).toLocaleString('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' });

async function letterhead(ctx: Ctx, areaCode: string) {
  const office = await officeFor(ctx.db, areaCode);
  return {
    office,
    content: [
      { text: (office?.officeName ?? 'DINAS SOSIAL').toUpperCase(), bold: true, fontSize: 13, alignment: 'center' },
      ...(office?.address ? [{ text: office.address, fontSize: 9, alignment: 'center' }] : []),
      { canvas: [{ type: 'line', x1: 0, y1: 4, x2: 515, y2: 4, lineWidth: 1 }], margin: [0, 2, 0, 12] },
    ],
  };
}

const render = (content: unknown[]) => pdfmake.createPdf({ content, defaultStyle: { font: 'Helvetica', fontSize: 10 }, pageSize: 'A4' }).getBuffer();

/** The answer letter to a request (after it was answered or refused). */
export async function requestLetter(ctx: Ctx, requestId: string): Promise<Buffer> {
  const r = await loadRequest(ctx, requestId);
  if (r.status !== 'answered' && r.status !== 'refused') {
    throw new AppError(409, 'request_open', { id: 'Surat dibuat setelah permintaan dijawab atau ditolak', en: 'The letter is made once the request is answered or refused' });
  }
  const exported = await subjectExport(ctx, requestId);
  const head = await letterhead(ctx, r.villageCode);
  const name = exported.person?.fullName ?? 'Subjek Data';
  const onTime = r.answeredAt && new Date(r.answeredAt) <= new Date(r.dueAt);
  const body: unknown[] = [
    ...head.content,
    { text: `Nomor: PDP/${new Date(r.receivedAt).getUTCFullYear()}/${r.id.slice(-8).toUpperCase()}`, margin: [0, 0, 0, 2] },
    { text: `Tanggal: ${date(r.answeredAt!)}`, margin: [0, 0, 0, 10] },
    { text: `Kepada Yth. ${name}`, margin: [0, 0, 0, 10] },
    { text: `Perihal: Jawaban atas permintaan ${KIND_LABEL[r.kind]}`, bold: true, margin: [0, 0, 0, 10] },
    { text: `Permintaan Anda kami terima pada ${date(r.receivedAt)} dan ${r.status === 'answered' ? 'telah kami laksanakan' : 'tidak dapat kami laksanakan'} pada ${date(r.answeredAt!)}${onTime ? ', dalam batas waktu 3 x 24 jam' : ''}.`, margin: [0, 0, 0, 8] },
    { text: r.answerSummary ?? '', margin: [0, 0, 0, 8] },
  ];
  if (r.kind === 'access' && r.status === 'answered') {
    body.push({ text: `Terlampir salinan data Anda dalam format JSON (pilar.subject-access/1) beserta ${exported.processingHistory.length} catatan riwayat pemrosesan. Ringkasan riwayat:`, margin: [0, 0, 0, 4] });
    body.push({
      table: { headerRows: 1, widths: [110, 90, '*', 90], body: [['Waktu', 'Oleh', 'Tindakan', 'Tujuan'], ...exported.processingHistory.slice(-40).map((h) => [date(h.at), h.actor, h.action, h.purpose ?? '-'])] },
      fontSize: 8,
      margin: [0, 0, 0, 8],
    });
  }
  if (r.retentionNote) {
    body.push({ text: 'Yang tetap disimpan dan dasar hukumnya:', bold: true, margin: [0, 4, 0, 4] });
    body.push({ ul: r.retentionNote.kept.map((k) => `${k.what} — ${k.legalBasis}`), fontSize: 9, margin: [0, 0, 0, 8] });
  }
  const dpo = head.office;
  body.push({ text: dpo ? `Pertanyaan dapat disampaikan kepada Pejabat Pelindungan Data Pribadi: ${dpo.dpoName}, ${dpo.dpoEmail}${dpo.dpoPhone ? `, ${dpo.dpoPhone}` : ''}.` : 'Pertanyaan dapat disampaikan kepada Pejabat Pelindungan Data Pribadi kantor kami.', margin: [0, 8, 0, 0] });
  ctx.audit.record({ action: 'privacy.letter_created', entityType: 'subject_request', entityId: r.id, personId: r.personId, regencyCode: r.regencyCode, purpose: 'permintaan_subjek_data' });
  return render(body);
}

/** A breach notice as a letter (to the persons, or to the supervisory authority). */
export async function noticeLetter(ctx: Ctx, breachId: string, audience: string): Promise<Buffer> {
  const { breach, notice } = await noticeForLetter(ctx, breachId, audience);
  const head = await letterhead(ctx, breach.areaCode);
  const to = audience === 'authority' ? 'Lembaga Penyelenggara Pelindungan Data Pribadi' : 'Bapak/Ibu subjek data yang terdampak';
  return render([
    ...head.content,
    { text: `Kepada Yth. ${to}`, margin: [0, 0, 0, 10] },
    { text: 'Perihal: Pemberitahuan kegagalan pelindungan data pribadi (UU PDP Pasal 46)', bold: true, margin: [0, 0, 0, 10] },
    ...(notice.status === 'draft' ? [{ text: 'DRAF — belum diperiksa kelengkapannya', color: 'red', bold: true, margin: [0, 0, 0, 8] }] : []),
    ...(['dataExposed', 'whenAndHow', 'measuresTaken'] as const).flatMap((f) => [
      { text: NOTICE_FIELD_LABELS[f].id, bold: true, margin: [0, 4, 0, 2] },
      { text: notice[f] ?? '—', margin: [0, 0, 0, 6] },
    ]),
    { text: `Insiden diketahui pada ${date(breach.discoveredAt)}.`, margin: [0, 6, 0, 0] },
    { text: notice.contact ?? (head.office ? `Kontak: ${head.office.dpoName}, ${head.office.dpoEmail}` : ''), margin: [0, 6, 0, 0] },
  ]);
}

/** The record of processing as a PDF. */
export async function ropaPdf(ctx: Ctx): Promise<Buffer> {
  const ropa = await recordOfProcessing(ctx);
  return render([
    { text: 'Catatan Kegiatan Pemrosesan Data Pribadi (UU PDP Pasal 31)', bold: true, fontSize: 13, margin: [0, 0, 0, 6] },
    { text: `${ropa.controller.name} · dibuat ${date(ropa.generatedAt)}`, margin: [0, 0, 0, 4] },
    { text: ropa.controller.dpo ? `Pejabat Pelindungan Data: ${ropa.controller.dpo.name}, ${ropa.controller.dpo.email}` : 'Pejabat Pelindungan Data: belum ditetapkan', margin: [0, 0, 0, 10] },
    { text: 'Tujuan dan dasar hukum', bold: true },
    { table: { widths: ['*', 90, '*'], body: [['Tujuan', 'Dasar', 'Rujukan'], ...ropa.purposes.map((p) => [p.labelId, p.legalBasis, p.legalReference])] }, fontSize: 8, margin: [0, 2, 0, 8] },
    { text: 'Kategori data', bold: true },
    { table: { widths: [110, 55, '*'], body: [['Kategori', 'Klasifikasi', 'Isi'], ...ropa.dataCategories.map((c) => [c.labelId, c.classification, `${c.fields.join(', ')}${c.ppksCodes.length ? ` (PPKS ${c.ppksCodes.join(', ')})` : ''}`])] }, fontSize: 8, margin: [0, 2, 0, 8] },
    { text: 'Peran dengan akses', bold: true },
    { table: { widths: [110, '*'], body: [['Peran', 'Izin'], ...ropa.roles.map((r) => [r.role, r.permissions.map((p) => p.code).join(', ')])] }, fontSize: 8, margin: [0, 2, 0, 8] },
    { text: 'Retensi', bold: true },
    { table: { widths: [110, 50, 50, '*'], body: [['Jenis', 'Hari', 'Tindakan', 'Dasar'], ...ropa.retention.map((r) => [r.labelId, String(r.keepDays), r.action, r.legalBasis])] }, fontSize: 8, margin: [0, 2, 0, 8] },
    { text: 'Pengamanan', bold: true },
    { ul: ropa.safeguards, fontSize: 9 },
  ]);
}
