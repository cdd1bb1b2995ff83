import { describe, expect, it } from 'vitest';
import { can } from '../access';
import { batchMonthFor, cutoffInfo, cutoffInstant } from './cutoff';
import { DEFAULT_BNBA_TEMPLATE, parseResultStatus, validateBnbaTemplate } from './bnba';
import { formatTrackingCode, normaliseTrackingCode, planComplaintStage, TRACKING_CODE_PATTERN } from './complaints';
import { discrepancy } from './distribution';
import { planUsulan, USULAN_TRANSITIONS, type UsulanAction, type UsulanStatus } from './usulan';

describe('usulan state machine', () => {
  const path: [UsulanStatus, UsulanAction, UsulanStatus][] = [
    ['draft', 'propose', 'proposed'],
    ['proposed', 'deliberate', 'deliberated'],
    ['deliberated', 'verify', 'verified'],
    ['verified', 'approve_verifier', 'verifier_approved'],
    ['verifier_approved', 'approve_head', 'approved'],
    ['approved', 'send', 'sent'],
    ['sent', 'set', 'set'],
  ];
  it.each(path)('%s --%s--> %s', (from, action, to) => {
    const plan = planUsulan({ status: from, verifierApprovedBy: 'v' }, action, 'h', { deliberation: 'musdes', checklistComplete: true });
    expect(plan).toMatchObject({ ok: true, to });
  });

  it('gives each Dinsos approval to its own role only', () => {
    const verifier = { userId: 'v', grants: [{ role: 'dinsos_kab_verifier' as const, areaCode: '33.72' }] };
    const head = { userId: 'h', grants: [{ role: 'dinsos_kab_head' as const, areaCode: '33.72' }] };
    const psm = { userId: 'p', grants: [{ role: 'psm' as const, areaCode: '33.72.01.1001' }] };
    const t = { areaCode: '33.72.01.1001' };
    expect(can(verifier, USULAN_TRANSITIONS.approve_verifier.permission, t)).toBe(true);
    expect(can(verifier, USULAN_TRANSITIONS.approve_head.permission, t)).toBe(false);
    expect(can(head, USULAN_TRANSITIONS.approve_head.permission, t)).toBe(true);
    expect(can(head, USULAN_TRANSITIONS.approve_verifier.permission, t)).toBe(false);
    expect(can(psm, USULAN_TRANSITIONS.approve_verifier.permission, t)).toBe(false);
    expect(can(psm, USULAN_TRANSITIONS.propose.permission, t)).toBe(true);
    expect(can(psm, USULAN_TRANSITIONS.send.permission, t)).toBe(false);
  });

  it('refuses steps out of order, a missing deliberation, an incomplete checklist and the same person approving twice', () => {
    expect(planUsulan({ status: 'proposed', verifierApprovedBy: null }, 'approve_head', 'x').ok).toBe(false);
    expect(planUsulan({ status: 'proposed', verifierApprovedBy: null }, 'deliberate', 'x')).toMatchObject({ ok: false, errors: [{ field: 'deliberation' }] });
    expect(planUsulan({ status: 'deliberated', verifierApprovedBy: null }, 'verify', 'x', { checklistComplete: false })).toMatchObject({ ok: false, errors: [{ field: 'checklist' }] });
    expect(planUsulan({ status: 'verifier_approved', verifierApprovedBy: 'same' }, 'approve_head', 'same')).toMatchObject({ ok: false, errors: [{ code: 'usulan.four_eyes' }] });
    expect(planUsulan({ status: 'verified', verifierApprovedBy: null }, 'return', 'x')).toMatchObject({ ok: false, errors: [{ field: 'reason' }] });
    expect(planUsulan({ status: 'verified', verifierApprovedBy: null }, 'return', 'x', { reason: 'foto kurang' })).toMatchObject({ ok: true, to: 'returned', permission: 'usulan.approve_verifier' });
  });
});

describe('monthly cut-off on the 17th, by the area’s time zone', () => {
  it('keeps 17th 23:59 WIB in this month and rolls 18th 00:01 WIB to the next', () => {
    expect(batchMonthFor(new Date('2026-03-17T16:59:00Z'), '33.72.01.1001')).toBe('2026-03'); // 23:59 WIB
    expect(batchMonthFor(new Date('2026-03-17T17:01:00Z'), '33.72.01.1001')).toBe('2026-04'); // 00:01 WIB on the 18th
  });
  it('uses WIT in Papua: the same instant is already the 18th there', () => {
    expect(batchMonthFor(new Date('2026-03-17T14:59:00Z'), '91.01')).toBe('2026-03'); // 23:59 WIT
    expect(batchMonthFor(new Date('2026-03-17T15:01:00Z'), '91.01')).toBe('2026-04');
    expect(batchMonthFor(new Date('2026-03-17T15:01:00Z'), '33.72')).toBe('2026-03'); // 22:01 WIB
  });
  it('rolls December into January and shows the cut-off instant', () => {
    expect(batchMonthFor(new Date('2026-12-20T03:00:00Z'), '33.72')).toBe('2027-01');
    expect(cutoffInstant('2026-03', '33.72').toISOString()).toBe('2026-03-17T16:59:59.999Z');
    expect(cutoffInfo(new Date('2026-03-18T01:00:00Z'), '33.72')).toMatchObject({ batchMonth: '2026-04', rolledOver: true, timeZone: 'WIB' });
  });
});

describe('BNBA template, results, complaints, discrepancy', () => {
  it('requires the NIK and usulan id columns, once each', () => {
    expect(validateBnbaTemplate(DEFAULT_BNBA_TEMPLATE)).toEqual([]);
    expect(validateBnbaTemplate([{ field: 'nama', header: 'NAMA' }]).map((e) => e.code)).toEqual(['bnba.required_column', 'bnba.required_column']);
    expect(validateBnbaTemplate([...DEFAULT_BNBA_TEMPLATE, { field: 'nik', header: 'NIK2' }]).map((e) => e.code)).toContain('bnba.duplicate_field');
  });
  it('reads result words', () => {
    expect(parseResultStatus('Ditetapkan')).toBe('set');
    expect(parseResultStatus(' TIDAK LAYAK ')).toBe('rejected');
    expect(parseResultStatus('mungkin')).toBeNull();
  });
  it('formats and normalises tracking codes', () => {
    const code = formatTrackingCode(new Uint8Array(20).map((_, i) => i * 7));
    expect(code).toMatch(TRACKING_CODE_PATTERN);
    expect(normaliseTrackingCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normaliseTrackingCode('abc')).toBeNull();
  });
  it('needs an outcome to resolve a complaint', () => {
    expect(planComplaintStage('ditindaklanjuti', 'selesai', {}).map((e) => e.field)).toEqual(['outcome', 'outcomeNote']);
    expect(planComplaintStage('diterima', 'ditutup', {})[0]?.code).toBe('complaint.stage');
    expect(planComplaintStage('ditindaklanjuti', 'selesai', { outcome: 'terselesaikan', outcomeNote: 'Sudah didaftarkan' })).toEqual([]);
  });
  it('counts a discrepancy', () => {
    expect(discrepancy(['received', 'represented', 'absent', null, 'received'])).toEqual({ expected: 5, received: 2, represented: 1, absent: 1, notCheckedIn: 1, gap: 2 });
  });
});
