import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { notFound } from '../../platform/errors';

/**
 * The self-registration links of the caller's regencies, for IPSM or Dinsos to see
 * who made which link, how much it was used, and to revoke one that leaked or is no
 * longer wanted. The token itself is never here: only its hash is stored, and it was
 * shown once, at creation (members.public.ts).
 */

export type RegistrationLinkState = 'berlaku' | 'kedaluwarsa' | 'habis' | 'dicabut';

export interface RegistrationLinkListItem {
  id: string;
  regencyCode: string;
  regencyName: string;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string;
  uses: number;
  maxUses: number;
  revokedAt: string | null;
  revokedBy: string | null;
  /** Whether a PSM can register through it now (what selfRegister checks). */
  state: RegistrationLinkState;
}

const LIST_LIMIT = 200;

// Links whose regency lies in one of the scopes ($1, area codes; 'ID' is national).
const IN_SCOPE = `EXISTS (SELECT 1 FROM unnest($1::text[]) s WHERE s = 'ID' OR l.regency_code = s OR l.regency_code LIKE s || '.%')`;

const SELECT_LINK = `
  SELECT l.id, l.regency_code, r.name AS regency_name, l.note, l.created_at, c.display_name AS created_by,
         l.expires_at, l.uses, l.max_uses, l.revoked_at, v.display_name AS revoked_by
  FROM member_registration_link l
  JOIN area r ON r.code = l.regency_code
  LEFT JOIN app_user c ON c.id = l.created_by
  LEFT JOIN app_user v ON v.id = l.revoked_by`;

interface LinkRow {
  id: string;
  regency_code: string;
  regency_name: string;
  note: string | null;
  created_at: Date;
  created_by: string | null;
  expires_at: Date;
  uses: number;
  max_uses: number;
  revoked_at: Date | null;
  revoked_by: string | null;
}

function stateOf(r: LinkRow, now: Date): RegistrationLinkState {
  if (r.revoked_at) return 'dicabut';
  if (r.expires_at <= now) return 'kedaluwarsa';
  if (r.uses >= r.max_uses) return 'habis';
  return 'berlaku';
}

function present(r: LinkRow, now: Date): RegistrationLinkListItem {
  return {
    id: r.id,
    regencyCode: r.regency_code,
    regencyName: r.regency_name,
    note: r.note,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    expiresAt: r.expires_at.toISOString(),
    uses: r.uses,
    maxUses: r.max_uses,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    revokedBy: r.revoked_by,
    state: stateOf(r, now),
  };
}

/** Who may make links (member.create) sees the links of the regencies they could make them for. */
const linkScopes = (ctx: Ctx) => {
  requireAccess(ctx.actor, 'member.create');
  return scopeOf(ctx.actor, 'member.create');
};

/** The newest links first (at most 200: links are few, a handful per regency and year). */
export async function listRegistrationLinks(ctx: Ctx): Promise<{ items: RegistrationLinkListItem[] }> {
  const scopes = linkScopes(ctx);
  const { rows } = await ctx.db.query(`${SELECT_LINK} WHERE ${IN_SCOPE} ORDER BY l.created_at DESC, l.id DESC LIMIT ${LIST_LIMIT}`, [scopes]);
  const now = ctx.clock.now();
  return { items: (rows as LinkRow[]).map((r) => present(r, now)) };
}

/**
 * Revokes a link: from now on registrations through it are refused like those through
 * a wrong link. Revoking a revoked link changes nothing (and records nothing more).
 * A link outside the caller's regencies is "not found", as if it did not exist.
 */
export async function revokeRegistrationLink(ctx: Ctx, id: string): Promise<RegistrationLinkListItem> {
  const scopes = linkScopes(ctx);
  const now = ctx.clock.now();
  const { rows } = await ctx.db.query(
    `UPDATE member_registration_link l SET revoked_at = $3, revoked_by = $4
     WHERE l.id = $2 AND l.revoked_at IS NULL AND ${IN_SCOPE}
     RETURNING l.id, l.regency_code`,
    [scopes, id, now, ctx.actor.userId ?? null],
  );
  const revoked = rows[0] as { id: string; regency_code: string } | undefined;
  if (revoked) {
    ctx.audit.record({
      action: 'member.registration_link_revoked', entityType: 'member_registration_link', entityId: id, regencyCode: revoked.regency_code,
    });
  }
  const found = await ctx.db.query(`${SELECT_LINK} WHERE l.id = $2 AND ${IN_SCOPE}`, [scopes, id]);
  const row = found.rows[0] as LinkRow | undefined;
  if (!row) throw notFound({ id: 'Tautan pendaftaran tidak ditemukan', en: 'Registration link not found' });
  return present(row, now);
}
