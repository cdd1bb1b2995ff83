import { apiFetch } from '../../api/client';
import { qs } from '../programmes/programmes.api';

export interface Distribution {
  id: string;
  programmeCode: string;
  areaCode: string;
  place: string;
  heldOn: string;
  periodLabel: string | null;
  status: 'open' | 'closed';
  expectedCount: number;
  version: number;
  actions: string[];
}
export interface Recipient {
  id: string;
  villageCode: string;
  displayName: string;
  nikMasked: string | null;
  checkin: {
    id: string;
    outcome: 'received' | 'represented' | 'absent';
    method: string;
    representativeName: string | null;
    checkedAt: string;
  } | null;
}
export interface Counts {
  expected: number;
  received: number;
  represented: number;
  absent: number;
  notCheckedIn?: number;
  gap: number;
}
export interface EventReport {
  totals: Counts;
  byVillage: (Counts & { villageCode: string; villageName: string })[];
  missing: { recipientId: string; displayName: string; nikMasked: string | null; outcome: string | null }[];
}
export interface AreaReport {
  area: string;
  totals: Counts;
  byVillage: (Counts & { villageCode: string; villageName: string })[];
}

export const listDistributions = (q: { area?: string; programme?: string }) =>
  apiFetch<{ items: Distribution[] }>(`/api/v1/distributions?${qs(q)}`);
export const getDistribution = (id: string) => apiFetch<Distribution>(`/api/v1/distributions/${id}`);
export const listRecipients = (id: string) => apiFetch<{ items: Recipient[] }>(`/api/v1/distributions/${id}/recipients`);
export const eventReport = (id: string) => apiFetch<EventReport>(`/api/v1/distributions/${id}/report`);
export const closeDistribution = (id: string) => apiFetch<Distribution>(`/api/v1/distributions/${id}/close`, { method: 'POST' });
export const areaReport = (q: { area: string; programme?: string; from?: string; to?: string }) =>
  apiFetch<AreaReport>(`/api/v1/distribution-figures?${qs(q)}`);
export const createDistribution = (body: {
  programmeCode: string;
  areaCode: string;
  place: string;
  heldOn: string;
  periodLabel?: string;
}) => apiFetch<Distribution>('/api/v1/distributions', { method: 'POST', json: body });
