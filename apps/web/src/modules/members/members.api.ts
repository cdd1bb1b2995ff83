import { apiFetch } from '../../api/client';
import type { Coverage, Member, MemberInput, MemberList, MemberStatus, MemberTransition, PublicVerification, StopReason } from './members.types';

export const MEMBERS_PAGE_SIZE = 25;

export interface MemberFilters {
  area: string | null;
  q: string;
  status: MemberStatus | '';
  hasSk: '' | 'true' | 'false';
  hasKta: '' | 'true' | 'false';
  hasTraining: '' | 'true' | 'false';
  page: number;
}

const path = (id: string) => `/api/v1/members/${encodeURIComponent(id)}`;

export function listMembers(f: MemberFilters): Promise<MemberList> {
  const params = new URLSearchParams({ page: String(f.page), pageSize: String(MEMBERS_PAGE_SIZE) });
  if (f.area) params.set('area', f.area);
  if (f.q.trim().length >= 2) params.set('q', f.q.trim());
  for (const key of ['status', 'hasSk', 'hasKta', 'hasTraining'] as const) if (f[key]) params.set(key, f[key]);
  return apiFetch<MemberList>(`/api/v1/members?${params}`);
}

export const getMember = (id: string) => apiFetch<Member>(path(id));

export const createMember = (body: MemberInput) => apiFetch<Member & { warnings: unknown[] }>('/api/v1/members', { method: 'POST', json: body });

export interface TransitionInput {
  transition: MemberTransition;
  version: number;
  reason?: string;
  stopReason?: StopReason;
  basis?: string;
  date?: string;
}
export const transitionMember = (id: string, body: TransitionInput) => apiFetch<Member>(`${path(id)}/transitions`, { method: 'POST', json: body });

export const issueKta = (id: string, body: { number: string; kind: 'sementara' | 'tetap'; date: string; version: number }) =>
  apiFetch<Member>(`${path(id)}/kta`, { method: 'POST', json: body });

/** The card PDF: opened by the browser itself (session cookie), never built here. */
export const cardPdfUrl = (id: string) => `${path(id)}/card.pdf`;

export function getCoverage(area: string, page = 1): Promise<Coverage> {
  const params = new URLSearchParams({ area, page: String(page), pageSize: '50' });
  return apiFetch<Coverage>(`/api/v1/members/coverage?${params}`);
}

export const verifyCard = (token: string) => apiFetch<PublicVerification>(`/api/v1/public/members/verify/${encodeURIComponent(token)}`);
