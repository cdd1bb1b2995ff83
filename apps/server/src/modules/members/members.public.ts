import { createHash, randomBytes } from 'node:crypto';
import { isWithin } from '@pilar/domain';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { insertRegistration, outsideScope } from './members.service';

/**
 * The public side of the registry: self-registration through a link made by IPSM or
 * Dinsos for a regency, and the verification page behind the card's QR code (name,
 * status and village only — never NIK, phone or birth date).
 */
const sha256 = (v: string) => createHash('sha256').update(v).digest();

export async function createRegistrationLink(ctx: Ctx, input: { regencyCode: string; validDays: number; note?: string | undefined }) {
  requireAccess(ctx.actor, 'member.create');
  if (!scopeOf(ctx.actor, 'member.create').some((s) => isWithin(input.regencyCode, s))) throw outsideScope('regencyCode');
  const { rows } = await ctx.db.query(`SELECT 1 FROM area WHERE code = $1 AND level = 'regency'`, [input.regencyCode]);
  if (!rows[0]) {
    throw badRequest([{ field: 'regencyCode', code: 'area.unknown', message: { id: `Kabupaten/kota ${input.regencyCode} tidak ada`, en: `No regency ${input.regencyCode}` } }]);
  }
  const token = randomBytes(24).toString('base64url');
  const id = uuidv7();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + input.validDays * 86_400_000);
  await ctx.db.query(
    `INSERT INTO member_registration_link (id, token_hash, regency_code, note, created_at, created_by, expires_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [id, sha256(token), input.regencyCode, input.note ?? null, now, ctx.actor.userId, expiresAt],
  );
  ctx.audit.record({ action: 'member.registration_link_created', entityType: 'member_registration_link', entityId: id, regencyCode: input.regencyCode, details: { validDays: input.validDays } });
  return { id, regencyCode: input.regencyCode, token, expiresAt: expiresAt.toISOString() };
}

const badLink = () =>
  new AppError(404, 'registration_link_invalid', {
    id: 'Tautan pendaftaran tidak berlaku (salah, kedaluwarsa atau dicabut); mintalah tautan baru kepada IPSM atau Dinas Sosial',
    en: 'The registration link is not valid (wrong, expired or revoked); ask IPSM or Dinas Sosial for a new one',
  });

/**
 * A PSM registers themself with a link. The link grants, for this one transaction,
 * the row scope of its regency (the public has none), and the village must lie in it.
 */
export async function selfRegister(ctx: Ctx, input: Parameters<typeof insertRegistration>[1]['input'] & { token: string }) {
  const { rows } = await ctx.db.query(
    `UPDATE member_registration_link SET uses = uses + 1
     WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND uses < max_uses
     RETURNING id, regency_code`,
    [sha256(input.token), ctx.clock.now()],
  );
  const link = rows[0] as { id: string; regency_code: string } | undefined;
  if (!link) throw badLink();
  if (!isWithin(input.villageCode, link.regency_code)) {
    throw badRequest([{ field: 'villageCode', code: 'registration.other_regency', message: { id: 'Desa/kelurahan tidak berada di kabupaten/kota tautan ini', en: 'The village is not in this link’s regency' } }]);
  }
  await ctx.db.query(`SELECT set_config('pilar.member_scope', $1, true)`, [link.regency_code]);
  const { token: _token, ...member } = input;
  await insertRegistration(ctx, { input: member, source: 'mandiri' }, { revealExisting: false });
  return {
    status: 'diajukan' as const,
    message: {
      id: 'Pendaftaran diterima dan menunggu verifikasi Dinas Sosial kabupaten/kota',
      en: 'Registration received; it awaits verification by the regency Dinas Sosial',
    },
  };
}

/** What the card's QR code opens: name, status and village only. */
export async function verifyCard(ctx: Ctx, token: string) {
  const { rows } = await ctx.db.query(`SELECT full_name, status, village_name FROM pilar_member_public($1)`, [token]);
  const r = rows[0];
  if (!r) throw notFound({ id: 'Kartu tidak dikenal', en: 'Unknown card' });
  return { fullName: r.full_name as string, status: r.status, villageName: r.village_name as string };
}
