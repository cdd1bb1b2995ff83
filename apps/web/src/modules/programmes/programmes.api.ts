import { apiFetch } from '../../api/client';

export interface Programme {
  code: string;
  name: string;
  nameEn: string;
  target: 'keluarga' | 'perorangan';
  ownerAreaCode: string | null;
  active: boolean;
}

export const MEMBERSHIP_STATUSES = ['aktif', 'ditangguhkan', 'berhenti'] as const;
export const MEMBERSHIP_SOURCES = ['dtsen', 'siks_ng', 'usulan', 'musdes', 'dinsos', 'psm', 'lainnya'] as const;

export interface Membership {
  id: string;
  villageCode: string;
  programmeCode: string;
  programmeName: string;
  personId: string | null;
  householdId: string | null;
  recipientName: string | null;
  status: (typeof MEMBERSHIP_STATUSES)[number];
  periodStart: string | null;
  periodEnd: string | null;
  dtsenId: string | null;
  kksMasked: string | null;
  decile: number | null;
  source: (typeof MEMBERSHIP_SOURCES)[number];
  infoDate: string;
  note: string | null;
  version: number;
  actions: string[];
}
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface MembershipInput {
  programmeCode: string;
  personId?: string;
  status: string;
  periodStart?: string | null;
  periodEnd?: string | null;
  dtsenId?: string | null;
  kks?: string;
  decile?: number | null;
  source: string;
  infoDate: string;
  note?: string | null;
}

const qs = (q: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export const listProgrammes = () => apiFetch<{ items: Programme[] }>('/api/v1/programmes');
export const listMemberships = (q: { area?: string; programme?: string; status?: string; personId?: string; page?: number }) =>
  apiFetch<Page<Membership>>(`/api/v1/programme-memberships?${qs({ ...q, pageSize: 50 })}`);
export const createMembership = (body: MembershipInput) =>
  apiFetch<Membership>('/api/v1/programme-memberships', { method: 'POST', json: body });
export const updateMembership = (id: string, body: Partial<MembershipInput> & { version: number }) =>
  apiFetch<Membership>(`/api/v1/programme-memberships/${id}`, { method: 'PATCH', json: body });
export const revealKks = (id: string, reason: string) =>
  apiFetch<{ kks: string }>(`/api/v1/programme-memberships/${id}/reveal-kks`, { method: 'POST', json: { reason } });
export { qs };
