import pdfmakeModule from 'pdfmake';
import QRCode from 'qrcode';
import { isWithin } from '@pilar/domain';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest } from '../../platform/errors';
import { memberNotFound, outsideScope } from './members.service';
import * as store from './members.store';
import type { MemberRow } from './members.store';

/**
 * Member cards (KTA) as PDF: a single card (CR80, 85.6 × 54 mm) or an A4 sheet of
 * ten. The QR code holds the public verification URL with the member's random
 * token — never the id, the NIK or anything personal.
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
// Only the built-in PDF fonts; images come as data URLs, never from a URL or a path.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => Object.values(HELVETICA).includes(p));

const CARD_W = 243; // 85.6 mm in points
const CARD_H = 153; // 54 mm

export function verificationUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/verifikasi/${token}`;
}

/** The QR image exactly as embedded in the card (PNG data URL). */
export function qrDataUrl(url: string): Promise<string> {
  return QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
}

const STATUS_LABEL: Record<string, string> = { aktif: 'Aktif', tidak_aktif: 'Tidak aktif', berhenti: 'Berhenti' };

async function cardContent(ctx: Ctx, m: MemberRow, baseUrl: string) {
  let photo: string | null = null;
  if (m.photoFileId) {
    const f = await ctx.files.readFor(ctx, m.photoFileId);
    photo = `data:${f.contentType};base64,${f.bytes.toString('base64')}`;
  }
  const qr = await qrDataUrl(verificationUrl(baseUrl, m.verifyToken));
  const village = `${m.villageName}, Kec. ${m.districtName}, ${m.regencyName}`;
  return {
    stack: [
      { text: 'IKATAN PEKERJA SOSIAL MASYARAKAT', bold: true, fontSize: 7, alignment: 'center' },
      { text: 'Kartu Tanda Anggota PSM', fontSize: 6, alignment: 'center', margin: [0, 0, 0, 4] },
      {
        columns: [
          photo ? { image: photo, fit: [48, 64], width: 50 } : { text: 'FOTO', width: 50, fontSize: 6, alignment: 'center', margin: [0, 26, 0, 0] },
          {
            width: '*',
            stack: [
              { text: m.fullName, bold: true, fontSize: 9 },
              { text: `No. KTA: ${m.ktaNumber ?? 'belum terbit'}${m.ktaKind ? ` (${m.ktaKind})` : ''}`, fontSize: 7, margin: [0, 2, 0, 0] },
              { text: village, fontSize: 6.5, margin: [0, 2, 0, 0] },
              { text: `Status: ${STATUS_LABEL[m.status] ?? m.status}`, fontSize: 6.5, margin: [0, 2, 0, 0] },
            ],
          },
          { image: qr, width: 64 },
        ],
        columnGap: 5,
      },
      { text: 'Pindai QR untuk memeriksa keaslian kartu', fontSize: 5, italics: true, alignment: 'center', margin: [0, 3, 0, 0] },
    ],
  };
}

async function render(doc: unknown): Promise<Buffer> {
  return pdfmake.createPdf(doc).getBuffer();
}

const notActive = (m: MemberRow) => {
  const msg = { id: `Kartu hanya untuk PSM terverifikasi (status ${m.status})`, en: `Cards are for verified PSM only (status ${m.status})` };
  return new AppError(409, 'member_not_active', msg, [{ field: 'status', code: 'member.not_verified', message: msg }]);
};
const printable = (m: MemberRow) => m.status === 'aktif' || m.status === 'tidak_aktif';

export async function singleCard(ctx: Ctx, id: string, baseUrl: string): Promise<Buffer> {
  requireAccess(ctx.actor, 'member.read');
  const [m] = await store.findMembers(ctx.db, [id], scopeOf(ctx.actor, 'member.read'));
  if (!m) throw memberNotFound();
  if (!printable(m)) throw notActive(m);
  const pdf = await render({
    pageSize: { width: CARD_W, height: CARD_H },
    pageMargins: 8,
    info: { title: 'Kartu Tanda Anggota PSM' },
    defaultStyle: { font: 'Helvetica', fontSize: 8 },
    content: [await cardContent(ctx, m, baseUrl)],
  });
  ctx.audit.record({ action: 'member.card_printed', entityType: 'member', entityId: id, personId: id, regencyCode: m.regencyCode });
  return pdf;
}

/** An A4 sheet of cards (2 × 5 per page) for the given members or every active member of an area. */
export async function cardSheet(ctx: Ctx, input: { ids?: string[] | undefined; area?: string | undefined }, baseUrl: string): Promise<Buffer> {
  requireAccess(ctx.actor, 'member.read');
  const scopes = scopeOf(ctx.actor, 'member.read');
  let members: MemberRow[];
  if (input.ids?.length) {
    members = await store.findMembers(ctx.db, input.ids, scopes);
    if (members.length !== new Set(input.ids).size) throw memberNotFound();
    const blocked = members.find((m) => !printable(m));
    if (blocked) throw notActive(blocked);
  } else if (input.area) {
    if (!scopes.some((s) => isWithin(input.area!, s))) throw outsideScope('area');
    members = (await store.listMembers(ctx.db, scopes, { area: input.area, status: 'aktif', limit: 500, offset: 0 })).rows;
  } else {
    throw badRequest([{ field: 'ids', code: 'cards.nothing', message: { id: 'Pilih anggota (ids) atau wilayah (area)', en: 'Choose members (ids) or an area' } }]);
  }
  const cards = [];
  for (const m of members) cards.push(await cardContent(ctx, m, baseUrl));
  const rows = [];
  for (let i = 0; i < cards.length; i += 2) rows.push([cards[i], cards[i + 1] ?? { text: '' }]);
  const pdf = await render({
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    info: { title: 'Kartu Tanda Anggota PSM' },
    defaultStyle: { font: 'Helvetica', fontSize: 8 },
    content: rows.length
      ? [{ table: { widths: [CARD_W - 10, CARD_W - 10], heights: CARD_H - 10, dontBreakRows: true, body: rows }, layout: { hLineStyle: () => ({ dash: { length: 2 } }), vLineStyle: () => ({ dash: { length: 2 } }), paddingLeft: () => 6, paddingRight: () => 6, paddingTop: () => 6, paddingBottom: () => 6 } }]
      : [{ text: 'Tidak ada PSM aktif di wilayah ini.' }],
  });
  ctx.audit.record({ action: 'member.cards_printed', entityType: 'member', details: { ids: members.map((m) => m.id), area: input.area ?? null } });
  return pdf;
}
