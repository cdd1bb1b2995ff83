import { actionsFrom, can, CASE_TRANSITIONS, countsAsValidated, planVerification, VERIFICATION_ACTIONS, type Permission } from '@pilar/domain';
import { requireAccess, scopeOf, forbidden } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, notFound } from '../../platform/errors';
import * as store from './cases.store';
import type { CaseRow } from './cases.store';

export const caseNotFound = () => notFound({ id: 'Kasus tidak ditemukan', en: 'Case not found' });

/**
 * Loads a case the caller may read (404 outside the read scope), then requires
 * `permission` on it (403: the caller already knows the case exists).
 */
export async function loadCase(ctx: Ctx, id: string, permission: Permission = 'case.read'): Promise<CaseRow> {
  requireAccess(ctx.actor, 'case.read');
  const c = await store.find(ctx.db, id, scopeOf(ctx.actor, 'case.read'));
  if (!c) throw caseNotFound();
  if (!can(ctx.actor, permission, { areaCode: c.villageCode })) throw forbidden(permission);
  return c;
}

/** Work may be recorded on an open case only (assessments, plan items, services, visits, referrals). */
export async function loadOpenCase(ctx: Ctx, id: string): Promise<CaseRow> {
  const c = await loadCase(ctx, id, 'case.transition');
  if (c.status === 'closed') {
    throw new AppError(409, 'case_closed', { id: 'Kasus sudah ditutup; buka kembali terlebih dahulu', en: 'The case is closed; reopen it first' }, [
      { field: 'caseId', code: 'case.closed', message: { id: 'Kasus ditutup', en: 'Case closed' } },
    ]);
  }
  return c;
}

export const staleVersion = (current: number) =>
  new AppError(409, 'version_conflict', {
    id: `Kasus ini sudah diubah orang lain (versi sekarang ${current}); muat ulang lalu ulangi`,
    en: `Someone else changed this case (current version ${current}); reload and try again`,
  }, [{ field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } }]);

/** The actions the caller may take on the case now (rendered by the web app as-is). */
export function caseActions(ctx: Ctx, c: CaseRow): string[] {
  const t = { areaCode: c.villageCode };
  const out: string[] = [];
  for (const a of actionsFrom(c.status)) if (can(ctx.actor, CASE_TRANSITIONS[a].permission, t)) out.push(a);
  for (const a of VERIFICATION_ACTIONS) {
    const plan = planVerification({ state: c.verification, submittedBy: c.submittedBy, checkedBy: c.checkedBy }, a, ctx.actor.userId, 'x');
    if (plan.ok && can(ctx.actor, plan.permission, t)) out.push(a);
  }
  if (c.status !== 'closed' && can(ctx.actor, 'case.transition', t)) out.push('update', 'record', 'refer');
  return out;
}

export function presentCase(ctx: Ctx, c: CaseRow) {
  const { submittedBy: _s, checkedBy: _c, ...rest } = c;
  return { ...rest, countsAsValidated: countsAsValidated(c.verification), actions: caseActions(ctx, c) };
}
