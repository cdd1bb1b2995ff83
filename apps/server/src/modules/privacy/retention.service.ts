import { evaluateRetention, retentionCutoff, type RetentionRuleUpdate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { getCase } from '../cases/cases.service';
import { loadInScope } from '../people/people.service';
import { anonymisePerson, withOverride } from '../people/privacy-hooks';
import * as store from './retention.store';

/**
 * Retention (UU PDP Pasal 43–44, checklist point 8): a schedule per record type with
 * its legal basis, a daily job that flags, anonymises or deletes what passed its
 * period, and legal holds that stop it for a person or a case.
 */
const BATCH = 1000;

export async function listRules(ctx: Ctx) {
  requireAccess(ctx.actor, 'privacy.manage');
  return { items: (await store.rules(ctx.db)).map(presentRule) };
}

function presentRule(r: store.RuleRow) {
  return { recordType: r.recordType as never, label: { id: r.labelId, en: r.labelEn }, keepDays: r.keepDays, action: r.action, legalBasis: r.legalBasis, enabled: r.enabled };
}

/** Changes a rule of the schedule; national only (the schedule is one for the installation). */
export async function updateRule(ctx: Ctx, recordType: string, input: RetentionRuleUpdate) {
  requireAccess(ctx.actor, 'privacy.manage', { areaCode: 'ID' });
  if (recordType === 'audit_event' && input.action !== 'flag') {
    throw badRequest([{ field: 'action', code: 'retention.audit_flag_only', message: { id: 'Jejak audit hanya ditandai, tidak pernah dihapus otomatis', en: 'The audit trail is only flagged, never removed automatically' } }]);
  }
  if (!(await store.updateRule(ctx.db, recordType, input, ctx.clock.now(), ctx.actor.userId))) throw notFound();
  ctx.audit.record({ action: 'retention.rule_updated', entityType: 'retention_rule', entityId: recordType, details: { keepDays: input.keepDays, action: input.action, enabled: input.enabled } });
  return presentRule((await store.rules(ctx.db)).find((r) => r.recordType === recordType)!);
}

export interface RuleReport {
  recordType: string;
  action: string;
  cutoff: string;
  due: number;
  applied: number;
  held: number;
  note: string | null;
}

/**
 * One retention pass at `ctx.clock.now()`. Personal records (closed cases) are limited
 * to the caller's privacy.manage scope; installation-wide logs need the national scope.
 * A dry run reports what is due without changing anything.
 */
export async function runRetention(ctx: Ctx, input: { recordTypes: readonly string[]; dryRun: boolean }) {
  requireAccess(ctx.actor, 'privacy.manage');
  const scopes = scopeOf(ctx.actor, 'privacy.manage');
  const national = scopes.includes('ID');
  const now = ctx.clock.now();
  const out: RuleReport[] = [];
  for (const rule of (await store.rules(ctx.db)).filter((r) => input.recordTypes.includes(r.recordType))) {
    const cutoff = retentionCutoff(now, rule.keepDays);
    const rep: RuleReport = { recordType: rule.recordType, action: rule.action, cutoff: cutoff.toISOString(), due: 0, applied: 0, held: 0, note: null };
    out.push(rep);
    if (!rule.enabled) {
      rep.note = 'disabled';
      continue;
    }
    if (rule.recordType !== 'closed_case' && !national) {
      rep.note = 'needs national scope';
      continue;
    }
    switch (rule.recordType) {
      case 'closed_case': {
        const persons = await store.closedCasePersons(ctx.db, scopes, cutoff.toISOString().slice(0, 10), BATCH);
        for (const p of persons) {
          const decision = evaluateRetention(rule, new Date(`${p.lastClosed}T00:00:00Z`), now, p.held);
          if (decision === 'keep') continue;
          rep.due++;
          if (decision === 'held') {
            rep.held++;
            continue;
          }
          if (input.dryRun) continue;
          if (decision === 'flag') {
            await store.flag(ctx.db, { recordType: rule.recordType, key: p.id, areaCode: p.villageCode, since: p.lastClosed, at: now });
          } else {
            // 'delete' is applied as anonymisation: case figures must stay (Permensos 9/2018).
            const report = await anonymisePerson(ctx, { regencyCode: p.regencyCode, id: p.id });
            ctx.audit.record({ action: 'retention.person_anonymised', entityType: 'person', entityId: p.id, personId: p.id, regencyCode: p.regencyCode, purpose: 'retensi', details: { rule: rule.recordType, lastClosed: p.lastClosed, rows: report.rows } });
          }
          rep.applied++;
        }
        if (persons.length === BATCH) rep.note = `batch limit ${BATCH} reached; the next run continues`;
        break;
      }
      case 'sync_change':
        await deleteOlder(ctx, rep, input.dryRun, `sync_change WHERE changed_at < $1`, cutoff);
        break;
      case 'user_session':
        await deleteOlder(ctx, rep, input.dryRun, `user_session WHERE expires_at < $1`, cutoff);
        break;
      case 'audit_event': {
        // Never removed automatically: older events are counted and flagged per chain for a decision.
        const { rows } = await ctx.db.query(`SELECT chain, count(*)::int AS n, min(occurred_at) AS since FROM audit_event WHERE occurred_at < $1 GROUP BY chain`, [cutoff]);
        for (const r of rows) {
          rep.due += r.n;
          if (!input.dryRun) {
            await store.flag(ctx.db, { recordType: 'audit_event', key: `chain:${r.chain}`, areaCode: r.chain === 'system' ? null : r.chain, since: r.since, at: now });
            rep.applied += r.n;
          }
        }
        break;
      }
      case 'rejected_proposal': {
        const { rows } = await ctx.db.query(`SELECT to_regclass('usulan') IS NOT NULL AS present`);
        rep.note = rows[0].present ? 'handler pending: the programmes module provides the query' : 'no usulan table yet';
        break;
      }
      default:
        rep.note = 'no handler for this record type';
    }
  }
  const runId = uuidv7();
  await store.insertRun(ctx.db, { id: runId, asOf: now, dryRun: input.dryRun, report: { rules: out }, by: ctx.actor.userId });
  ctx.audit.record({ action: 'retention.run', entityType: 'retention_run', entityId: runId, purpose: 'retensi', details: { dryRun: input.dryRun, rules: out.map((r) => ({ recordType: r.recordType, due: r.due, applied: r.applied, held: r.held })) } });
  return { runId, asOf: now.toISOString(), dryRun: input.dryRun, rules: out };
}

async function deleteOlder(ctx: Ctx, rep: RuleReport, dryRun: boolean, fromWhere: string, cutoff: Date): Promise<void> {
  const { rows } = await ctx.db.query(`SELECT count(*)::int AS n FROM ${fromWhere}`, [cutoff]);
  rep.due = rows[0].n;
  if (dryRun || rep.due === 0) return;
  const del = await withOverride(ctx.db, () => ctx.db.query(`DELETE FROM ${fromWhere}`, [cutoff]));
  rep.applied = del.rowCount ?? 0;
}

export async function listRuns(ctx: Ctx) {
  requireAccess(ctx.actor, 'privacy.manage');
  return { items: await store.listRuns(ctx.db) };
}

/** Places a legal hold on a person or a case: retention and erasure stop for it. */
export async function placeHold(ctx: Ctx, input: { targetType: 'person' | 'case'; targetId: string; reason: string }) {
  requireAccess(ctx.actor, 'privacy.manage');
  const target =
    input.targetType === 'person'
      ? await loadInScope(ctx, input.targetId, 'privacy.manage')
      : await getCase(ctx, input.targetId);
  if (!scopeOf(ctx.actor, 'privacy.manage').some((s) => s === 'ID' || target.villageCode === s || target.villageCode.startsWith(`${s}.`))) throw notFound();
  const id = uuidv7();
  await store.insertHold(ctx.db, { id, targetType: input.targetType, regencyCode: target.regencyCode, targetId: input.targetId, villageCode: target.villageCode, reason: input.reason, at: ctx.clock.now(), by: ctx.actor.userId });
  const personId = input.targetType === 'person' ? input.targetId : ((target as { personId?: string | null }).personId ?? null);
  ctx.audit.record({ action: 'retention.hold_placed', entityType: 'legal_hold', entityId: id, personId, regencyCode: target.regencyCode, purpose: input.reason, details: { targetType: input.targetType, targetId: input.targetId } });
  return (await store.findHold(ctx.db, id, ['ID']))!;
}

export async function releaseHold(ctx: Ctx, id: string, reason: string) {
  requireAccess(ctx.actor, 'privacy.manage');
  const h = await store.findHold(ctx.db, id, scopeOf(ctx.actor, 'privacy.manage'));
  if (!h) throw notFound({ id: 'Penahanan tidak ditemukan', en: 'Legal hold not found' });
  if (!(await store.releaseHold(ctx.db, id, ctx.clock.now(), ctx.actor.userId))) {
    throw new AppError(409, 'hold_released', { id: 'Penahanan ini sudah dicabut', en: 'This hold was already released' });
  }
  ctx.audit.record({ action: 'retention.hold_released', entityType: 'legal_hold', entityId: id, personId: h.targetType === 'person' ? h.targetId : null, regencyCode: h.regencyCode, purpose: reason });
  return (await store.findHold(ctx.db, id, ['ID']))!;
}

export async function listHolds(ctx: Ctx) {
  requireAccess(ctx.actor, 'privacy.manage');
  return { items: await store.listHolds(ctx.db, scopeOf(ctx.actor, 'privacy.manage')) };
}
