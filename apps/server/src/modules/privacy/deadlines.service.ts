import { deadlineState, escalationsDue, type EscalationLevel } from '@pilar/domain/contracts';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { scopePredicate } from '../people/people.store';

/**
 * The 3 × 24 h timers (UU PDP Pasal 32–34 and 46). The sweep, run by a job, records
 * each escalation once per item and level (near due, overdue) in privacy_escalation —
 * the notification record the DPO's screen and future messages read — and audits it.
 */
interface Open {
  type: 'request' | 'breach';
  id: string;
  areaCode: string;
  regencyCode: string | null;
  personId: string | null;
  dueAt: Date;
}

async function openItems(ctx: Ctx, scopes: string[]): Promise<Open[]> {
  const p1: unknown[] = [];
  const requests = await ctx.db.query(
    `SELECT 'request' AS type, id, village_code AS "areaCode", regency_code AS "regencyCode", person_id AS "personId", due_at AS "dueAt"
     FROM subject_request WHERE status IN ('received', 'identity_verified') AND ${scopePredicate('village_code', scopes, p1)}`,
    p1,
  );
  const p2: unknown[] = [];
  const breaches = await ctx.db.query(
    `SELECT 'breach' AS type, id, area_code AS "areaCode", NULL AS "regencyCode", NULL AS "personId", due_at AS "dueAt"
     FROM breach_incident WHERE status = 'open' AND ${scopePredicate('area_code', scopes, p2)}`,
    p2,
  );
  return [...requests.rows, ...breaches.rows] as Open[];
}

/** Records the escalations due at `ctx.clock.now()`; returns what was raised. */
export async function sweepDeadlines(ctx: Ctx) {
  requireAccess(ctx.actor, 'privacy.manage');
  const now = ctx.clock.now();
  const raised: { type: string; id: string; level: EscalationLevel }[] = [];
  for (const item of await openItems(ctx, scopeOf(ctx.actor, 'privacy.manage'))) {
    const { rows } = await ctx.db.query(`SELECT level FROM privacy_escalation WHERE subject_type = $1 AND subject_id = $2`, [item.type, item.id]);
    const due = escalationsDue(deadlineState(now, new Date(item.dueAt), false), rows.map((r) => r.level));
    for (const level of due) {
      const ins = await ctx.db.query(
        `INSERT INTO privacy_escalation (subject_type, subject_id, level, area_code, due_at, raised_at) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING`,
        [item.type, item.id, level, item.areaCode, item.dueAt, now],
      );
      if (!ins.rowCount) continue;
      raised.push({ type: item.type, id: item.id, level });
      ctx.audit.record({
        action: 'privacy.deadline_escalated',
        entityType: item.type === 'request' ? 'subject_request' : 'breach_incident',
        entityId: item.id,
        personId: item.personId,
        regencyCode: item.regencyCode,
        details: { level, dueAt: new Date(item.dueAt).toISOString() },
      });
    }
  }
  return { at: now.toISOString(), raised };
}

/** Every open request and breach with its timer, most urgent first. */
export async function deadlineOverview(ctx: Ctx) {
  requireAccess(ctx.actor, 'privacy.manage');
  const now = ctx.clock.now();
  const scopes = scopeOf(ctx.actor, 'privacy.manage');
  const p1: unknown[] = [];
  const r = await ctx.db.query(`SELECT id, kind, due_at FROM subject_request WHERE status IN ('received', 'identity_verified') AND ${scopePredicate('village_code', scopes, p1)} ORDER BY due_at, id`, p1);
  const p2: unknown[] = [];
  const b = await ctx.db.query(`SELECT id, title, due_at FROM breach_incident WHERE status = 'open' AND ${scopePredicate('area_code', scopes, p2)} ORDER BY due_at, id`, p2);
  return {
    requests: r.rows.map((x) => ({ id: x.id, kind: x.kind, deadline: deadlineState(now, new Date(x.due_at), false) })),
    breaches: b.rows.map((x) => ({ id: x.id, title: x.title, deadline: deadlineState(now, new Date(x.due_at), false) })),
  };
}
