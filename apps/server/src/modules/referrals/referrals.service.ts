import { can } from '@pilar/domain';
import type { ReferralCreate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf, forbidden } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { loadCase, loadOpenCase } from '../cases/cases.access';
import { recordEvent } from '../cases/cases.service';
import { localDate } from '../cases/dates';
import { shiftRollups, withRollups } from '../cases/rollups';
import * as partners from '../partners/partners.store';
import * as store from './referrals.store';
import type { ReferralRow } from './referrals.store';

const referralNotFound = () => notFound({ id: 'Rujukan tidak ditemukan', en: 'Referral not found' });

type Side = 'partner' | 'sender';
function actionsFor(r: ReferralRow, side: Side, mayAct: boolean): string[] {
  if (!mayAct) return [];
  if (side === 'partner') return r.status === 'sent' ? ['accept', 'reject'] : r.status === 'accepted' ? ['complete'] : [];
  return r.status === 'sent' || r.status === 'accepted' ? ['cancel'] : [];
}

const present = (r: ReferralRow, side: Side, mayAct: boolean) => {
  const { regencyCode: _r, villageCode: _v, ...rest } = r;
  return { ...rest, actions: actionsFor(r, side, mayAct) };
};

/** Refers the person of an open case to a partner (an LKS, puskesmas, Dinsos unit…). */
export async function sendReferral(ctx: Ctx, caseId: string, input: ReferralCreate) {
  const c = await loadOpenCase(ctx, caseId);
  const partner = await partners.find(ctx.db, input.partnerId);
  if (!partner || !partner.active) throw badRequest([{ field: 'partnerId', code: 'referral.partner_unknown', message: { id: 'Mitra tidak ditemukan atau tidak aktif', en: 'Partner not found or inactive' } }]);
  if (input.serviceCode && !(await ctx.db.query(`SELECT 1 FROM service_kind WHERE code = $1`, [input.serviceCode])).rows.length) {
    throw badRequest([{ field: 'serviceCode', code: 'service.unknown', message: { id: 'Jenis layanan tidak dikenal', en: 'Unknown service' } }]);
  }
  const id = input.id ?? uuidv7();
  await store.insert(ctx.db, { regencyCode: c.regencyCode, id, caseId, personId: c.personId, villageCode: c.villageCode, partnerId: partner.id, need: input.need, serviceCode: input.serviceCode ?? null, now: ctx.clock.now(), by: ctx.actor.userId });
  await shiftRollups(ctx.db, { regencyCode: c.regencyCode, ids: [id] }, 1, ['referral']);
  await recordEvent(ctx, c, { kind: 'referral.sent', details: { referralId: id, partnerId: partner.id, partnerName: partner.name } });
  ctx.audit.record({ action: 'referral.sent', entityType: 'referral', entityId: id, personId: c.personId, regencyCode: c.regencyCode, details: { partnerId: partner.id, caseId } });
  return present((await store.findInScope(ctx.db, id, ['ID']))!, 'sender', true);
}

export async function listCaseReferrals(ctx: Ctx, caseId: string) {
  const c = await loadCase(ctx, caseId);
  const mayAct = can(ctx.actor, 'case.transition', { areaCode: c.villageCode });
  return { items: (await store.forCase(ctx.db, { regencyCode: c.regencyCode, caseId }, scopeOf(ctx.actor, 'case.read'))).map((r) => present(r, 'sender', mayAct)) };
}

/** The referrals addressed to the partners the caller acts for. */
export async function referralInbox(ctx: Ctx, q: { status?: string; page: number; pageSize: number }) {
  requireAccess(ctx.actor, 'referral.respond');
  const { rows, total } = await store.inbox(ctx.db, ctx.actor.userId ?? '00000000-0000-0000-0000-000000000000', { ...(q.status ? { status: q.status } : {}), limit: q.pageSize, offset: (q.page - 1) * q.pageSize }, localDate(ctx.clock.now(), '31'));
  for (const r of rows) {
    if (r.person) ctx.audit.record({ action: 'referral.person_read', entityType: 'referral', entityId: r.id, personId: r.personId, regencyCode: r.regencyCode });
  }
  return {
    items: rows.map((r) => {
      const { caseId: _c, personId: _p, ...rest } = present(r, 'partner', true);
      return { ...rest, person: r.person };
    }),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}

type Response = { action: 'accept' } | { action: 'reject'; reason: string } | { action: 'complete'; outcome: string };

/**
 * A partner's answer. Only users linked to the addressed partner may respond (the
 * referral.respond permission alone is not enough); anyone else gets 404.
 */
export async function respond(ctx: Ctx, id: string, version: number, r: Response) {
  requireAccess(ctx.actor, 'referral.respond');
  const ref = await store.findForPartnerUser(ctx.db, id, ctx.actor.userId ?? '00000000-0000-0000-0000-000000000000');
  if (!ref) throw referralNotFound();
  const now = ctx.clock.now();
  const from = r.action === 'complete' ? ['accepted'] : ['sent'];
  const set: Record<string, unknown> =
    r.action === 'accept'
      ? { status: 'accepted', responded_at: now, responded_by: ctx.actor.userId }
      : r.action === 'reject'
        ? { status: 'rejected', reject_reason: r.reason, responded_at: now, responded_by: ctx.actor.userId }
        : { status: 'completed', outcome: r.outcome, completed_at: now, completed_by: ctx.actor.userId };
  const ok = await withRollups(ctx.db, { regencyCode: ref.regencyCode, ids: [id] }, ['referral'], () =>
    store.setStatus(ctx.db, { regencyCode: ref.regencyCode, id, version }, from, set),
  );
  if (!ok) {
    throw new AppError(409, 'referral_conflict', {
      id: `Rujukan berstatus ${ref.status} (versi ${ref.version}); tindakan ${r.action} tidak dapat dilakukan`,
      en: `The referral is ${ref.status} (version ${ref.version}); ${r.action} is not possible`,
    }, [{ field: 'version', code: 'referral.state', message: { id: 'Status atau versi tidak sesuai', en: 'Status or version does not match' } }]);
  }
  // The partner has no area scope: its answer is recorded on the referral row itself (the timeline reads it there).
  ctx.audit.record({ action: `referral.${r.action === 'accept' ? 'accepted' : r.action === 'reject' ? 'rejected' : 'completed'}`, entityType: 'referral', entityId: id, personId: ref.personId, regencyCode: ref.regencyCode });
  const after = (await store.findForPartnerUser(ctx.db, id, ctx.actor.userId!))!;
  const { caseId: _c, personId: _p, ...rest } = present(after, 'partner', true);
  return rest;
}

/** The sending side withdraws a referral that is not finished. */
export async function cancelReferral(ctx: Ctx, id: string, version: number) {
  requireAccess(ctx.actor, 'case.read');
  const ref = await store.findInScope(ctx.db, id, scopeOf(ctx.actor, 'case.read'));
  if (!ref) throw referralNotFound();
  if (!can(ctx.actor, 'case.transition', { areaCode: ref.villageCode })) throw forbidden('case.transition');
  const ok = await withRollups(ctx.db, { regencyCode: ref.regencyCode, ids: [id] }, ['referral'], () =>
    store.setStatus(ctx.db, { regencyCode: ref.regencyCode, id, version }, ['sent', 'accepted'], { status: 'cancelled' }),
  );
  if (!ok) throw new AppError(409, 'referral_conflict', { id: 'Rujukan tidak dapat dibatalkan pada status ini', en: 'The referral cannot be cancelled in this status' });
  await recordEvent(ctx, { regencyCode: ref.regencyCode, id: ref.caseId, personId: ref.personId, villageCode: ref.villageCode }, { kind: 'referral.cancelled', details: { referralId: id } });
  ctx.audit.record({ action: 'referral.cancelled', entityType: 'referral', entityId: id, personId: ref.personId, regencyCode: ref.regencyCode });
  return present((await store.findInScope(ctx.db, id, ['ID']))!, 'sender', true);
}
