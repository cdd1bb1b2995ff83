import type { LetterheadUpdate } from '@pilar/domain/contracts';
import { requireAccess, SYSTEM } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import type { Queryable } from '../../platform/db/pool';
import { badRequest, notFound } from '../../platform/errors';
import type { ExportDocument, Letterhead } from './export.document';

/**
 * The kop surat of each Dinsos office, keyed by the office's area (a regency, a
 * province, or 'ID' for Kemensos). An export uses the nearest configured letterhead
 * above its area, or a plain one naming the regency's Dinas Sosial.
 */
const COLS = `area_code AS "areaCode", office_name AS "officeName", parent_name AS "parentName", address, phone, email, city,
  logo_file_id AS "logoFileId", signer_title AS "signerTitle", signer_name AS "signerName", signer_nip AS "signerNip"`;

/** The office areas above `area`, nearest first: regency, province, national. */
export function officeChain(area: string): string[] {
  if (area === 'ID') return ['ID'];
  const p = area.split('.');
  return [...(p.length >= 2 ? [`${p[0]}.${p[1]}`] : []), p[0]!, 'ID'];
}

export async function resolveLetterhead(db: Queryable, area: string): Promise<Letterhead> {
  const chain = officeChain(area);
  const { rows } = await db.query(`SELECT ${COLS} FROM letterhead WHERE area_code = ANY($1)`, [chain]);
  for (const code of chain) {
    const hit = rows.find((r) => r.areaCode === code);
    if (hit) return { ...hit, configured: true };
  }
  const office = chain[0]!;
  const name = office === 'ID' ? null : ((await db.query(`SELECT name FROM area WHERE code = $1`, [office])).rows[0]?.name as string | undefined);
  const title = (s: string) => s.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase());
  return {
    areaCode: office,
    officeName: office === 'ID' ? 'Kementerian Sosial Republik Indonesia' : office.includes('.') ? `Dinas Sosial ${title(name ?? office)}` : `Dinas Sosial Provinsi ${title(name ?? office)}`,
    parentName: null,
    address: 'Alamat kantor belum diatur (atur kop surat di Pilar)',
    phone: null, email: null, city: null, logoFileId: null, signerTitle: null, signerName: null, signerNip: null,
    configured: false,
  };
}

/** The logo bytes for a rendered export (a letterhead's logo is not personal data). */
export async function logoFor(ctx: Ctx, l: Letterhead): Promise<ExportDocument['logo']> {
  if (!l.logoFileId) return null;
  const f = await ctx.files.readFor({ ...ctx, actor: SYSTEM }, l.logoFileId);
  return { bytes: f.bytes, contentType: f.contentType };
}

function requireOfficeArea(areaCode: string) {
  if (!(areaCode === 'ID' || /^\d{2}(\.\d{2})?$/.test(areaCode))) {
    throw badRequest([{ field: 'areaCode', code: 'letterhead.area', message: { id: 'Kop surat untuk kantor nasional, provinsi atau kabupaten/kota', en: 'A letterhead belongs to a national, provincial or regency office' } }]);
  }
}

export async function getLetterhead(ctx: Ctx, areaCode: string) {
  requireOfficeArea(areaCode);
  requireAccess(ctx.actor, 'report.read', { areaCode });
  return resolveLetterhead(ctx.db, areaCode);
}

export async function putLetterhead(ctx: Ctx, areaCode: string, input: LetterheadUpdate) {
  requireOfficeArea(areaCode);
  requireAccess(ctx.actor, 'report.configure', { areaCode });
  if (areaCode !== 'ID' && !(await ctx.db.query(`SELECT 1 FROM area WHERE code = $1`, [areaCode])).rows.length) throw notFound();
  if (input.logoFileId) {
    const { rows } = await ctx.db.query(`SELECT purpose FROM stored_file WHERE id = $1`, [input.logoFileId]);
    if (rows[0]?.purpose !== 'letterhead.logo') {
      throw badRequest([{ field: 'logoFileId', code: 'file.unknown', message: { id: 'Logo tidak ditemukan; unggah ulang', en: 'Logo not found; upload it again' } }]);
    }
  }
  await ctx.db.query(
    `INSERT INTO letterhead (area_code, office_name, parent_name, address, phone, email, city, logo_file_id, signer_title, signer_name, signer_nip, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
     ON CONFLICT (area_code) DO UPDATE SET office_name = EXCLUDED.office_name, parent_name = EXCLUDED.parent_name, address = EXCLUDED.address,
       phone = EXCLUDED.phone, email = EXCLUDED.email, city = EXCLUDED.city, logo_file_id = EXCLUDED.logo_file_id, signer_title = EXCLUDED.signer_title,
       signer_name = EXCLUDED.signer_name, signer_nip = EXCLUDED.signer_nip, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [areaCode, input.officeName, input.parentName ?? null, input.address, input.phone ?? null, input.email ?? null, input.city ?? null, input.logoFileId ?? null,
      input.signerTitle ?? null, input.signerName ?? null, input.signerNip ?? null, ctx.clock.now(), ctx.actor.userId],
  );
  ctx.audit.record({ action: 'letterhead.updated', entityType: 'letterhead', entityId: areaCode, regencyCode: areaCode.length === 5 ? areaCode : null, details: { logo: Boolean(input.logoFileId) } });
  return resolveLetterhead(ctx.db, areaCode);
}

export async function uploadLogo(ctx: Ctx, areaCode: string, bytes: Buffer) {
  requireOfficeArea(areaCode);
  requireAccess(ctx.actor, 'report.configure', { areaCode });
  const stored = await ctx.files.save(ctx, { bytes, areaCode, readPermission: 'report.configure', purpose: 'letterhead.logo', allowed: ['image/png', 'image/jpeg'], field: 'file' });
  ctx.audit.record({ action: 'letterhead.logo_uploaded', entityType: 'stored_file', entityId: stored.id, details: { areaCode } });
  return stored;
}
