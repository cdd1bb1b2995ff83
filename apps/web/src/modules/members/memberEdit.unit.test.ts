import { describe, expect, it } from 'vitest';
import { draftChanges } from './memberEdit';
import type { MemberDraft } from './MemberFormFields';

const before: MemberDraft = {
  fullName: 'Sari Wulandari',
  sex: 'P',
  birthDate: '1971-02-11',
  nik: '',
  phone: '',
  address: 'Jl. Pajang Raya 5',
  rw: '003',
  livesInVillage: true,
  healthStatement: false,
  skNumber: '',
  skDate: '',
  skIssuer: '',
};

describe('draftChanges (what a member edit sends)', () => {
  it('sends only the changed fields, trimmed, with the version read', () => {
    const after = { ...before, phone: ' 0812 3456 7890 ', skNumber: '400/35/2026', healthStatement: true };
    expect(draftChanges(before, after, 4)).toEqual({
      version: 4,
      phone: '0812 3456 7890',
      skNumber: '400/35/2026',
      healthStatement: true,
    });
  });

  it('clears an optional field with null and leaves a cleared required field for the server to name', () => {
    const after = { ...before, address: '  ', rw: '', fullName: ' ' };
    expect(draftChanges(before, after, 2)).toEqual({ version: 2, address: null, rw: null, fullName: '' });
  });

  it('never sends the NIK, and nothing but the version when nothing changed', () => {
    expect(draftChanges(before, { ...before, nik: '3372015102710041' }, 7)).toEqual({ version: 7 });
  });
});
