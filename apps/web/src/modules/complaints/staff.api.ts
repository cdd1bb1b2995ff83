import { apiFetch } from '../../api/client';
import { qs, type Page } from '../programmes/programmes.api';

export const STAGES = ['diterima', 'diverifikasi', 'ditindaklanjuti', 'selesai', 'ditutup'] as const;
export const OUTCOMES = ['terselesaikan', 'dirujuk', 'tidak_terbukti', 'tidak_dapat_ditindaklanjuti'] as const;
/** Where each stage may go (mirrors the domain rule; the server decides). */
export const NEXT_STAGES: Record<string, string[]> = {
  diterima: ['diverifikasi', 'selesai'],
  diverifikasi: ['ditindaklanjuti', 'selesai'],
  ditindaklanjuti: ['selesai'],
  selesai: ['ditutup', 'ditindaklanjuti'],
  ditutup: [],
};

export interface Complaint {
  id: string;
  villageCode: string;
  channel: 'publik' | 'psm' | 'dinsos';
  category: string;
  personId: string | null;
  programmeCode: string | null;
  description: string;
  subjectName: string | null;
  filerName: string | null;
  filerContact: string | null;
  stage: (typeof STAGES)[number];
  stageDueAt: string | null;
  overdue: boolean;
  outcome: string | null;
  outcomeNote: string | null;
  createdAt: string;
  version: number;
  history?: { fromStage: string | null; toStage: string; at: string; note: string | null }[];
  actions: string[];
}
export interface StageBody {
  version: number;
  stage: string;
  publicNote?: string;
  internalNote?: string;
  outcome?: string;
  outcomeNote?: string;
}

export const listComplaints = (q: { stage?: string; category?: string; page?: number }) =>
  apiFetch<Page<Complaint>>(`/api/v1/complaints?${qs({ ...q, pageSize: 50 })}`);
export const getComplaint = (id: string) => apiFetch<Complaint>(`/api/v1/complaints/${id}`);
export const moveStage = (id: string, body: StageBody) =>
  apiFetch<Complaint>(`/api/v1/complaints/${id}/stage`, { method: 'POST', json: body });
export const linkComplaint = (id: string, body: { version: number; personId?: string | null; programmeCode?: string | null }) =>
  apiFetch<Complaint>(`/api/v1/complaints/${id}`, { method: 'PATCH', json: body });

export interface StaffComplaintInput {
  category: string;
  villageCode: string;
  description: string;
  programmeCode?: string;
  subjectName?: string;
  filerName?: string;
  filerContact?: string;
}
export const fileStaffComplaint = (body: StaffComplaintInput) =>
  apiFetch<Complaint & { trackingCode: string }>('/api/v1/complaints', { method: 'POST', json: body });
