import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../access/roles';
import { buildRopa, dataCategories, deadlineFrom, deadlineState, escalationsDue, evaluateRetention, missingNoticeContents, retentionCutoff } from './index';

const T0 = new Date('2026-03-02T08:00:00Z');
const h = (n: number) => new Date(T0.getTime() + n * 3_600_000);

describe('3 × 24 hour deadlines (UU PDP)', () => {
  it('falls due 72 hours after receipt', () => {
    expect(deadlineFrom(T0).toISOString()).toBe('2026-03-05T08:00:00.000Z');
  });
  it('is on time, then near due in the last 12 hours, then overdue one millisecond after', () => {
    const due = deadlineFrom(T0);
    expect(deadlineState(h(59), due, false).state).toBe('on_time');
    expect(deadlineState(h(60), due, false).state).toBe('near_due');
    expect(deadlineState(h(72), due, false).state).toBe('near_due');
    expect(deadlineState(new Date(due.getTime() + 1), due, false).state).toBe('overdue');
    expect(deadlineState(h(100), due, true)).toEqual({ dueAt: due.toISOString(), state: 'done', hoursLeft: null });
    expect(deadlineState(h(70), due, false).hoursLeft).toBe(2);
  });
  it('records each escalation once', () => {
    const due = deadlineFrom(T0);
    expect(escalationsDue(deadlineState(h(10), due, false), [])).toEqual([]);
    expect(escalationsDue(deadlineState(h(61), due, false), [])).toEqual(['near_due']);
    expect(escalationsDue(deadlineState(h(61), due, false), ['near_due'])).toEqual([]);
    expect(escalationsDue(deadlineState(h(73), due, false), ['near_due'])).toEqual(['overdue']);
    expect(escalationsDue(deadlineState(h(73), due, false), ['near_due', 'overdue'])).toEqual([]);
    expect(escalationsDue(deadlineState(h(73), due, true), [])).toEqual([]);
  });
});

describe('retention evaluation', () => {
  const rule = { recordType: 'closed_case', keepDays: 365, action: 'anonymise' as const, enabled: true };
  it('keeps a record within its period, the boundary included', () => {
    expect(evaluateRetention(rule, retentionCutoff(T0, 365), T0, false)).toBe('keep');
    expect(evaluateRetention(rule, new Date(retentionCutoff(T0, 365).getTime() - 1), T0, false)).toBe('anonymise');
  });
  it('a legal hold or a disabled rule stops the action', () => {
    const old = new Date('2020-01-01T00:00:00Z');
    expect(evaluateRetention(rule, old, T0, true)).toBe('held');
    expect(evaluateRetention({ ...rule, enabled: false }, old, T0, false)).toBe('disabled');
  });
});

describe('breach notice contents (UU PDP Pasal 46(2))', () => {
  it('names every missing or empty mandatory content', () => {
    expect(missingNoticeContents({})).toEqual(['dataExposed', 'whenAndHow', 'measuresTaken']);
    expect(missingNoticeContents({ dataExposed: 'Nama dan alamat', whenAndHow: '   ', measuresTaken: 'Kata sandi diganti, akses dicabut' })).toEqual(['whenAndHow']);
    expect(missingNoticeContents({ dataExposed: 'Nama dan alamat', whenAndHow: '1 Maret, akun dipinjam', measuresTaken: 'Kata sandi diganti' })).toEqual([]);
  });
});

describe('record of processing', () => {
  it('lists the spesifik PPKS categories and only roles that reach personal data', () => {
    const cats = dataCategories();
    expect(cats.find((c) => c.code === 'anak')!.ppksCodes).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(cats.find((c) => c.code === 'kesehatan')!.ppksCodes).toEqual(expect.arrayContaining([9, 16, 17]));
    expect(cats.find((c) => c.code === 'pidana')!.ppksCodes).toEqual([15]);
    const ropa = buildRopa({ controller: { name: 'Dinsos', address: null, dpo: null }, now: T0, purposes: [], retention: [] });
    const roles = ropa.roles.map((r) => r.role);
    expect(roles).toContain('psm');
    expect(roles).not.toContain('mitra');
    for (const r of ropa.roles) for (const p of r.permissions) expect(ROLE_PERMISSIONS[r.role]).toContain(p.code);
  });
});
