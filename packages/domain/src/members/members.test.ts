import { describe, expect, it } from 'vitest';
import { ageOn, MEMBER_TRANSITIONS, requirementMet, transitionsFrom } from './index';

describe('member rules', () => {
  it('computes age from the birth date, birthday not yet reached counting one less', () => {
    expect(ageOn({ year: 2008, month: 6, day: 15 }, { year: 2026, month: 6, day: 14 })).toBe(17);
    expect(ageOn({ year: 2008, month: 6, day: 15 }, { year: 2026, month: 6, day: 15 })).toBe(18);
  });
  it('judges the age requirement as met only from 18', () => {
    const facts = { hasNik: true, livesInVillage: true, trainings: 0, healthStatement: false, skNumber: null };
    expect(requirementMet('usia_18', { ...facts, birthDate: '2008-06-15' }, new Date('2026-06-14T12:00:00'))).toBe(false);
    expect(requirementMet('usia_18', { ...facts, birthDate: '2008-06-15' }, new Date('2026-06-15T12:00:00'))).toBe(true);
    expect(requirementMet('pelatihan', { ...facts, birthDate: null }, new Date())).toBe(false);
  });
  it('allows verification only of a submitted registration', () => {
    expect(transitionsFrom('diajukan')).toEqual(['verify', 'return']);
    expect(transitionsFrom('berhenti')).toEqual([]);
    expect(MEMBER_TRANSITIONS.verify.permission).toBe('member.verify');
  });
});
