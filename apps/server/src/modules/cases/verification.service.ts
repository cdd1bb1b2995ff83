import { can, planVerification, type VerificationAction } from '@pilar/domain';
import { forbidden } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError } from '../../platform/errors';
import { loadCase, presentCase, staleVersion } from './cases.access';
import { recordEvent, type CaseView } from './cases.service';
import * as store from './cases.store';
import { withRollups } from './rollups';

/**
 * One step of the verification chain (packages/domain cases/verification): PSM submits,
 * the coordinator (Dinsos operator, case.check) checks, the Dinsos verifier
 * (case.validate) validates — or either returns it with a reason.
 */
export async function verificationStep(ctx: Ctx, id: string, input: { action: VerificationAction; version: number; reason?: string }): Promise<CaseView> {
  const c = await loadCase(ctx, id);
  const plan = planVerification({ state: c.verification, submittedBy: c.submittedBy, checkedBy: c.checkedBy }, input.action, ctx.actor.userId, input.reason ?? null);
  if (!can(ctx.actor, plan.permission, { areaCode: c.villageCode })) throw forbidden(plan.permission);
  if (!plan.ok) {
    const e = plan.errors[0]!;
    throw new AppError(e.code === 'verification.reason' ? 400 : 409, e.code === 'verification.reason' ? 'invalid_input' : 'verification_not_allowed', e.message, plan.errors);
  }
  const now = ctx.clock.now();
  const set: Record<string, unknown> = { verification: plan.to };
  if (input.action === 'submit') Object.assign(set, { submitted_by: ctx.actor.userId, checked_by: null, validated_by: null, validated_at: null });
  if (input.action === 'check') set.checked_by = ctx.actor.userId;
  if (input.action === 'validate') Object.assign(set, { validated_by: ctx.actor.userId, validated_at: now });
  const ok = await withRollups(ctx.db, { regencyCode: c.regencyCode, ids: [id] }, ['case'], () =>
    store.update(ctx.db, { regencyCode: c.regencyCode, id, version: input.version }, set, now, ctx.actor.userId),
  );
  if (!ok) throw staleVersion(c.version);
  await recordEvent(ctx, c, { kind: `verification.${input.action}`, fromStatus: c.verification, toStatus: plan.to, reason: input.reason ?? null });
  ctx.audit.record({ action: `case.verification_${input.action}`, entityType: 'case', entityId: id, personId: c.personId, regencyCode: c.regencyCode, details: { from: c.verification, to: plan.to } });
  return presentCase(ctx, (await store.find(ctx.db, id, ['ID']))!);
}
