import { describe, expect, it } from 'vitest';
import { matchRoute, needsSession, registrationLinksPath, requirementsPath } from '../../router';
import type { Me } from '../../session/session.types';
import { soleRegencyCode } from './regencyScope';

function me(...areaCodes: string[]): Me {
  return {
    user: { id: 'u', username: 'u', displayName: 'U', mustChangePassword: false },
    grants: areaCodes.map((areaCode) => ({ role: 'dinsos_kab_verifier', areaCode })),
    permissions: ['member.read'],
    csrfToken: null,
    via: 'session',
    session: null,
  };
}

describe('PSM registry administration routes', () => {
  it('parses the settings, links and self-registration addresses', () => {
    expect(matchRoute('/psm/persyaratan')).toEqual({ name: 'memberRequirements', code: null });
    expect(matchRoute(requirementsPath('33.72'))).toEqual({ name: 'memberRequirements', code: '33.72' });
    expect(matchRoute(registrationLinksPath)).toEqual({ name: 'registrationLinks' });
    expect(matchRoute('/daftar-psm/33.72')).toEqual({ name: 'selfRegister', code: '33.72' });
  });

  it('accepts regency codes only, so no other text reaches these screens', () => {
    expect(matchRoute('/psm/persyaratan/33.72.01').name).toBe('notFound');
    expect(matchRoute('/daftar-psm/33').name).toBe('notFound');
    expect(matchRoute('/daftar-psm/abc').name).toBe('notFound');
  });

  it('asks for an account except on the public self-registration page', () => {
    expect(needsSession({ name: 'memberRequirements', code: null })).toBe(true);
    expect(needsSession({ name: 'registrationLinks' })).toBe(true);
    expect(needsSession({ name: 'selfRegister', code: '33.72' })).toBe(false);
  });
});

describe('soleRegencyCode', () => {
  it('is the regency when every grant lies in one', () => {
    expect(soleRegencyCode(me('33.72'))).toBe('33.72');
    expect(soleRegencyCode(me('33.72.01', '33.72.02.1001'))).toBe('33.72');
  });

  it('is null for several regencies, a province, the nation or no account', () => {
    expect(soleRegencyCode(me('33.72', '19.71'))).toBeNull();
    expect(soleRegencyCode(me('33'))).toBeNull();
    expect(soleRegencyCode(me('ID'))).toBeNull();
    expect(soleRegencyCode(null)).toBeNull();
  });
});
