// Shapes of the /api/v1/me and /auth answers, narrowed to what the web app reads.
// The zod contracts in packages/domain are the source; the web package does not
// depend on @pilar/domain yet, so these mirror the fields it uses.

export type Role =
  | 'admin'
  | 'kemensos'
  | 'dinsos_prov'
  | 'dinsos_kab'
  | 'dinsos_kab_verifier'
  | 'dinsos_kab_head'
  | 'ipsm_pengurus'
  | 'psm'
  | 'mitra';

export const ROLES: readonly Role[] = [
  'admin',
  'kemensos',
  'dinsos_prov',
  'dinsos_kab',
  'dinsos_kab_verifier',
  'dinsos_kab_head',
  'ipsm_pengurus',
  'psm',
  'mitra',
];

/** A role held over an area ('ID' = all of Indonesia). */
export interface GrantView {
  role: Role;
  areaCode: string;
  areaName?: string | null;
}

export interface Me {
  user: { id: string; username: string; displayName: string; mustChangePassword: boolean };
  grants: GrantView[];
  /** Every permission held somewhere: used for navigation only (STYLE.md §5). */
  permissions: string[];
  csrfToken: string | null;
  via: 'session' | 'token';
  session: { expiresAt: string; idleExpiresAt: string } | null;
}
