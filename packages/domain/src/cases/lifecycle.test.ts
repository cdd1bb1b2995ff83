import { describe, expect, it } from 'vitest';
import { can } from '../access/policy';
import type { Role } from '../access/roles';
import { actionsFrom, CASE_ACTIONS, CASE_STATUSES, CASE_TRANSITIONS, planTransition, type CaseFacts } from './lifecycle';
import { countsAsValidated, planVerification } from './verification';
import { formatCaseNumber, parseCaseNumber } from './case-number';

const facts = (status: CaseFacts['status'], more: Partial<CaseFacts> = {}): CaseFacts => ({ status, assessments: 1, planItems: 1, ...more });

describe('case lifecycle', () => {
  it('walks pendataan → asesmen → rencana → intervensi → monitoring → ditutup', () => {
    const path: [CaseFacts['status'], (typeof CASE_ACTIONS)[number], string][] = [
      ['identified', 'assess', 'assessed'],
      ['assessed', 'plan', 'planned'],
      ['planned', 'start', 'in_intervention'],
      ['in_intervention', 'monitor', 'monitoring'],
      ['monitoring', 'resume', 'in_intervention'],
    ];
    for (const [from, action, to] of path) expect(planTransition(facts(from), action)).toMatchObject({ ok: true, to });
    for (const from of CASE_STATUSES.filter((s) => s !== 'closed')) {
      expect(planTransition(facts(from), 'close', { closureReason: 'tujuan_tercapai' })).toMatchObject({ ok: true, to: 'closed', from });
    }
  });

  it('reopens to the status held before closing', () => {
    expect(planTransition(facts('closed', { closedFrom: 'planned' }), 'reopen', { note: 'Kondisi berubah' })).toMatchObject({ ok: true, to: 'planned' });
    expect(planTransition(facts('closed'), 'reopen', { note: 'x' })).toMatchObject({ ok: true, to: 'identified' });
    expect(planTransition(facts('closed'), 'reopen')).toMatchObject({ ok: false, errors: [{ field: 'note' }] });
  });

  it('refuses every action from a status it does not start from, and the guards', () => {
    for (const s of CASE_STATUSES) {
      for (const a of CASE_ACTIONS) {
        const r = planTransition(facts(s, { closedFrom: 'monitoring' }), a, { closureReason: 'lainnya', note: 'n' });
        expect(r.ok, `${a} from ${s}`).toBe(actionsFrom(s).includes(a));
      }
    }
    expect(planTransition(facts('identified', { assessments: 0 }), 'assess')).toMatchObject({ ok: false, errors: [{ code: 'case.assessment_required' }] });
    expect(planTransition(facts('assessed', { planItems: 0 }), 'plan')).toMatchObject({ ok: false, errors: [{ code: 'case.plan_required' }] });
    expect(planTransition(facts('planned'), 'close', { closureReason: 'bosan' })).toMatchObject({ ok: false, errors: [{ field: 'closureReason' }] });
    expect(planTransition(facts('planned'), 'close', { closureReason: 'lainnya' })).toMatchObject({ ok: false, errors: [{ field: 'note' }] });
  });

  it('names the permission of each transition, and roles hold them as the policy says', () => {
    const holders = (a: (typeof CASE_ACTIONS)[number]) =>
      (['psm', 'dinsos_kab', 'dinsos_kab_verifier', 'dinsos_kab_head', 'kemensos', 'ipsm_pengurus', 'mitra'] as Role[]).filter((role) =>
        can({ userId: 'u', grants: [{ role, areaCode: '33.72.01.1001' }] }, CASE_TRANSITIONS[a].permission),
      );
    expect(holders('assess')).toEqual(['psm', 'dinsos_kab', 'dinsos_kab_verifier', 'dinsos_kab_head']);
    expect(holders('reopen')).toEqual(['dinsos_kab', 'dinsos_kab_verifier', 'dinsos_kab_head']);
  });
});

describe('verification chain', () => {
  const f = (state: Parameters<typeof planVerification>[0]['state'], submittedBy: string | null = 'psm', checkedBy: string | null = null) => ({ state, submittedBy, checkedBy });
  it('goes draft → submitted → checked → validated, each step with its permission', () => {
    expect(planVerification(f('draft', null), 'submit', 'psm')).toEqual({ ok: true, to: 'submitted', permission: 'case.transition' });
    expect(planVerification(f('submitted'), 'check', 'op')).toEqual({ ok: true, to: 'checked', permission: 'case.check' });
    expect(planVerification(f('checked', 'psm', 'op'), 'validate', 'ver')).toEqual({ ok: true, to: 'validated', permission: 'case.validate' });
    expect(planVerification(f('checked', 'psm', 'op'), 'return', 'ver', 'Foto kurang')).toEqual({ ok: true, to: 'returned', permission: 'case.validate' });
    expect(planVerification(f('returned'), 'submit', 'psm')).toMatchObject({ ok: true, to: 'submitted' });
  });
  it('keeps four eyes, needs a reason to return, and skips regencies without the chain', () => {
    expect(planVerification(f('submitted', 'x'), 'check', 'x')).toMatchObject({ ok: false, errors: [{ code: 'verification.four_eyes' }] });
    expect(planVerification(f('checked', 'p', 'x'), 'validate', 'x')).toMatchObject({ ok: false, errors: [{ code: 'verification.four_eyes' }] });
    expect(planVerification(f('submitted'), 'return', 'op', ' ')).toMatchObject({ ok: false, errors: [{ field: 'reason' }] });
    expect(planVerification(f('draft'), 'validate', 'v')).toMatchObject({ ok: false });
    expect(planVerification(f('not_required'), 'submit', 'p')).toMatchObject({ ok: false, errors: [{ code: 'verification.not_required' }] });
    expect([countsAsValidated('validated'), countsAsValidated('not_required'), countsAsValidated('checked')]).toEqual([true, true, false]);
  });
});

describe('case numbers', () => {
  it('read PP.KK/YYYY/NNNNNN and parse back', () => {
    expect(formatCaseNumber('33.72', 2026, 123)).toBe('33.72/2026/000123');
    expect(parseCaseNumber('33.72/2026/000123')).toEqual({ regencyCode: '33.72', year: 2026, serial: 123 });
    expect(parseCaseNumber('33.72-2026-1')).toBeNull();
  });
});
