import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

export interface ReferralRow {
  id: string;
  regencyCode: string;
  villageCode: string;
  caseId: string;
  personId: string | null;
  partnerId: string;
  partnerName: string;
  need: string;
  serviceCode: string | null;
  status: 'sent' | 'accepted' | 'rejected' | 'completed' | 'cancelled';
  rejectReason: string | null;
  outcome: string | null;
  sentAt: string;
  respondedAt: string | null;
  completedAt: string | null;
  version: number;
}

const SELECT = `
  SELECT r.id, r.regency_code AS "regencyCode", r.village_code AS "villageCode", r.case_id AS "caseId", r.person_id AS "personId",
         r.partner_id AS "partnerId", pa.name AS "partnerName", r.need, r.service_code AS "serviceCode", r.status,
         r.reject_reason AS "rejectReason", r.outcome, r.sent_at AS "sentAt", r.responded_at AS "respondedAt",
         r.completed_at AS "completedAt", r.version
  FROM referral r JOIN partner pa ON pa.id = r.partner_id`;

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const norm = (r: Record<string, unknown>): ReferralRow => ({
  ...(r as unknown as ReferralRow),
  sentAt: iso(r.sentAt)!,
  respondedAt: iso(r.respondedAt),
  completedAt: iso(r.completedAt),
});

/** Referrals of a case, for case workers: the area scope predicate. */
export async function forCase(db: Queryable, key: { regencyCode: string; caseId: string }, scopes: string[]): Promise<ReferralRow[]> {
  const params: unknown[] = [key.regencyCode, key.caseId];
  const { rows } = await db.query(`${SELECT} WHERE r.regency_code = $1 AND r.case_id = $2 AND ${scopePredicate('r.village_code', scopes, params)} ORDER BY r.sent_at, r.id`, params);
  return rows.map(norm);
}

export async function findInScope(db: Queryable, id: string, scopes: string[]): Promise<ReferralRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${SELECT} WHERE r.id = $1 AND ${scopePredicate('r.village_code', scopes, params)}`, params);
  return rows[0] ? norm(rows[0]) : null;
}

/**
 * A referral as seen by a partner's user: only when addressed to a partner the user is
 * linked to (explicit here; the RLS policy referral_partner is the second wall).
 */
export async function findForPartnerUser(db: Queryable, id: string, userId: string): Promise<ReferralRow | null> {
  const { rows } = await db.query(
    `${SELECT} WHERE r.id = $1 AND EXISTS (SELECT 1 FROM partner_user pu WHERE pu.partner_id = r.partner_id AND pu.user_id = $2)`,
    [id, userId],
  );
  return rows[0] ? norm(rows[0]) : null;
}

/**
 * The inbox of a partner's user, with the referred person's minimal data only (name,
 * village, age). The person row is readable through the RLS branch `person_referred`
 * while the referral is open; afterwards `person` is null.
 */
export async function inbox(db: Queryable, userId: string, f: { status?: string; limit: number; offset: number }, today: string) {
  const params: unknown[] = [userId, f.status ?? null];
  const where = `EXISTS (SELECT 1 FROM partner_user pu WHERE pu.partner_id = r.partner_id AND pu.user_id = $1) AND ($2::text IS NULL OR r.status = $2::text)`;
  const total = (await db.query(`SELECT count(*)::int AS n FROM referral r WHERE ${where}`, params)).rows[0].n as number;
  params.push(today, f.limit, f.offset);
  const { rows } = await db.query(
    `SELECT q.*, p.full_name AS "personName", va.name AS "personVillage",
            CASE WHEN p.birth_date IS NULL THEN NULL
                 ELSE extract(year FROM age($3::date, p.birth_date))::int END AS "personAge"
     FROM (${SELECT} WHERE ${where} ORDER BY r.sent_at DESC, r.id LIMIT $4 OFFSET $5) q
     LEFT JOIN person p ON p.regency_code = q."regencyCode" AND p.id = q."personId"
     LEFT JOIN area va ON va.code = p.village_code
     ORDER BY q."sentAt" DESC, q.id`,
    params,
  );
  return {
    total,
    rows: rows.map((r) => ({
      ...norm(r),
      person: r.personName ? { fullName: r.personName as string, villageName: r.personVillage as string, ageYears: (r.personAge as number | null) ?? null } : null,
    })),
  };
}

export async function insert(db: Queryable, r: { regencyCode: string; id: string; caseId: string; personId: string | null; villageCode: string; partnerId: string; need: string; serviceCode: string | null; now: Date; by: string | null }) {
  await db.query(
    `INSERT INTO referral (regency_code, id, case_id, person_id, village_code, partner_id, need, service_code, status, sent_at, sent_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'sent',$9,$10)`,
    [r.regencyCode, r.id, r.caseId, r.personId, r.villageCode, r.partnerId, r.need, r.serviceCode, r.now, r.by],
  );
}

export async function setStatus(db: Queryable, key: { regencyCode: string; id: string; version: number }, from: string[], set: Record<string, unknown>): Promise<boolean> {
  const cols = Object.keys(set);
  const { rowCount } = await db.query(
    `UPDATE referral SET ${cols.map((c, i) => `${c} = $${i + 5}`).join(', ')}, version = version + 1
     WHERE regency_code = $1 AND id = $2 AND version = $3 AND status = ANY($4)`,
    [key.regencyCode, key.id, key.version, from, ...cols.map((c) => set[c])],
  );
  return rowCount === 1;
}
