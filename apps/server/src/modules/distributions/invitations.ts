import pdfmakeModule from 'pdfmake';
import QRCode from 'qrcode';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { loadEvent } from './distributions.service';
import * as store from './distributions.store';
import { printedCode } from './invitationCode';

/**
 * Invitations (undangan) for a distribution: one card per expected recipient with a QR
 * code of the recipient's token and the same code printed under it, so a PSM can check
 * the bearer in by scanning or, where the phone cannot scan, by typing it.
 */

interface PdfMake {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}
const pdfmake = pdfmakeModule as unknown as PdfMake;
const HELVETICA = {
  normal: 'Helvetica',
  bold: 'Helvetica-Bold',
  italics: 'Helvetica-Oblique',
  bolditalics: 'Helvetica-BoldOblique',
};
pdfmake.setFonts({ Helvetica: HELVETICA });
// Only the built-in PDF fonts; images come as data URLs, never from a URL or a path.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => Object.values(HELVETICA).includes(p));

/** The QR image exactly as embedded in an invitation (PNG data URL). */
export const invitationQr = (token: string) => QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 2, width: 240 });

/** An A4 sheet of invitations (two per row) for the recipients the caller manages. */
export async function invitationSheet(ctx: Ctx, eventId: string): Promise<Buffer> {
  const e = await loadEvent(ctx, eventId, 'distribution.manage');
  requireAccess(ctx.actor, 'distribution.manage', { areaCode: e.areaCode });
  const rows = await store.recipients(ctx.db, e, scopeOf(ctx.actor, 'distribution.manage'));
  const { rows: p } = await ctx.db.query(`SELECT name FROM programme WHERE code = $1`, [e.programmeCode]);
  const programme = (p[0]?.name as string | undefined) ?? e.programmeCode;
  const cards = [];
  for (const r of rows) {
    cards.push({
      stack: [
        { text: 'UNDANGAN PENYALURAN BANSOS', bold: true, fontSize: 8, alignment: 'center' },
        {
          text: `${programme}${e.periodLabel ? ` · ${e.periodLabel}` : ''}`,
          fontSize: 7,
          alignment: 'center',
          margin: [0, 0, 0, 4],
        },
        {
          columns: [
            {
              width: '*',
              stack: [
                { text: r.displayName, bold: true, fontSize: 9 },
                { text: `NIK ${r.nikMasked ?? '—'}`, fontSize: 7, margin: [0, 2, 0, 0] },
                { text: r.villageName, fontSize: 7, margin: [0, 2, 0, 0] },
                { text: `Tempat: ${e.place}`, fontSize: 7, margin: [0, 6, 0, 0] },
                { text: `Tanggal: ${e.heldOn}`, fontSize: 7, margin: [0, 2, 0, 0] },
                {
                  text: 'Bawa undangan ini dan KTP/KK. Bila diwakilkan, wakil membawa undangan ini.',
                  fontSize: 6,
                  italics: true,
                  margin: [0, 6, 0, 0],
                },
              ],
            },
            {
              width: 80,
              stack: [
                { image: await invitationQr(r.qrToken), width: 78 },
                { text: printedCode(r.qrToken), fontSize: 6.5, bold: true, alignment: 'center' },
              ],
            },
          ],
          columnGap: 6,
        },
      ],
    });
  }
  const body = [];
  for (let i = 0; i < cards.length; i += 2) body.push([cards[i], cards[i + 1] ?? { text: '' }]);
  const pdf = await pdfmake
    .createPdf({
      pageSize: 'A4',
      pageMargins: [36, 36, 36, 36],
      info: { title: 'Undangan penyaluran bansos' },
      defaultStyle: { font: 'Helvetica', fontSize: 8 },
      content: [
        {
          table: { widths: ['*', '*'], dontBreakRows: true, body },
          layout: {
            hLineStyle: () => ({ dash: { length: 2 } }),
            vLineStyle: () => ({ dash: { length: 2 } }),
            paddingLeft: () => 8,
            paddingRight: () => 8,
            paddingTop: () => 8,
            paddingBottom: () => 8,
          },
        },
      ],
    })
    .getBuffer();
  ctx.audit.record({
    action: 'distribution.invitations_printed',
    entityType: 'distribution_event',
    entityId: e.id,
    regencyCode: e.regencyCode,
    details: { count: rows.length },
  });
  return pdf;
}
