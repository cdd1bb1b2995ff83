import { apiFetch } from '../../api/client';
import type { Msg } from '../cases/cases.types';

export const COMPLAINT_CATEGORIES = ['belum_terdaftar', 'salah_sasaran', 'bantuan_tidak_diterima', 'pbi_jk_nonaktif', 'kesalahan_data', 'lainnya'] as const;

export interface ComplaintForm {
  formToken: string;
  question: Msg;
  minSeconds: number;
}
export interface ComplaintInput {
  category: string;
  villageCode: string;
  description: string;
  filerName?: string;
  filerContact?: string;
  formToken: string;
  answer: number;
  website?: string;
}
export interface ComplaintStatus {
  category: string;
  villageName: string;
  programmeName: string | null;
  stage: string;
  stageLabel: Msg;
  stageDueAt: string | null;
  filedAt: string;
  history: { fromStage: string | null; toStage: string; at: string; note: string | null }[];
  outcome: string | null;
  outcomeNote: string | null;
}

export const complaintForm = () => apiFetch<ComplaintForm>('/api/v1/public/complaints/form');
export const fileComplaint = (body: ComplaintInput) =>
  apiFetch<{ trackingCode: string; stage: string; message: Msg }>('/api/v1/public/complaints', { method: 'POST', json: body });
export const trackComplaint = (code: string) => apiFetch<ComplaintStatus>(`/api/v1/public/complaints/${encodeURIComponent(code)}`);
