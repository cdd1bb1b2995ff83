import { ApiError, apiFetch, type Problem } from '../../api/client';
import { qs, type Page } from '../programmes/programmes.api';

export const USULAN_STATUSES = [
  'draft',
  'proposed',
  'deliberated',
  'verified',
  'verifier_approved',
  'approved',
  'sent',
  'set',
  'rejected',
  'returned',
  'withdrawn',
] as const;
/** The field-verification checklist (mirrors VERIFICATION_CHECKLIST in @pilar/domain). */
export const CHECKLIST = ['domisili', 'identitas', 'kondisi_rumah', 'belum_penerima', 'bukan_asn'] as const;

export interface Usulan {
  id: string;
  villageCode: string;
  programmeCode: string;
  personId: string | null;
  recipientName: string | null;
  nikMasked: string | null;
  reason: string;
  status: (typeof USULAN_STATUSES)[number];
  batchMonth: string | null;
  deliberation: 'musdes' | 'sptjm' | null;
  musdesId: string | null;
  checklist: Record<string, boolean> | null;
  resultReason: string | null;
  returnReason: string | null;
  version: number;
  actions: string[];
  events?: { action: string; fromStatus: string | null; toStatus: string; reason: string | null; at: string; actor: string }[];
}
export interface Cutoff {
  timeZone: string;
  cutoffDay: number;
  batchMonth: string;
  cutoffAt: string;
  rolledOver: boolean;
}
export interface StepBody {
  action: 'propose' | 'sptjm' | 'verify' | 'approve_verifier' | 'approve_head' | 'return' | 'withdraw';
  version: number;
  reason?: string;
  sptjmFileId?: string;
  sptjmSigner?: string;
  checklist?: Record<string, boolean>;
  verificationNote?: string;
  photoFileIds?: string[];
}

export const listUsulan = (q: { status?: string; batchMonth?: string; page?: number }) =>
  apiFetch<Page<Usulan>>(`/api/v1/usulan?${qs({ ...q, pageSize: 50 })}`);
export const getUsulan = (id: string) => apiFetch<Usulan>(`/api/v1/usulan/${id}`);
export const createUsulan = (body: { programmeCode: string; personId: string; reason: string }) =>
  apiFetch<Usulan>('/api/v1/usulan', { method: 'POST', json: body });
export const stepUsulan = (id: string, body: StepBody) =>
  apiFetch<Usulan>(`/api/v1/usulan/${id}/steps`, { method: 'POST', json: body });
export const cutoff = (area: string) => apiFetch<Cutoff>(`/api/v1/usulan-cutoff?${qs({ area })}`);

export function uploadUsulanFile(
  villageCode: string,
  purpose: 'musdes_scan' | 'sptjm' | 'verification_photo',
  file: Blob,
  name: string,
) {
  const form = new FormData();
  form.append('file', file, name);
  return apiFetch<{ id: string }>(`/api/v1/usulan-files?${qs({ villageCode, purpose })}`, { method: 'POST', body: form });
}

export interface MusdesInput {
  villageCode: string;
  kind: 'musdes' | 'muskel';
  heldOn: string;
  place: string;
  attendeeCount: number;
  attendeeRoles: { role: string; count: number }[];
  usulanIds: string[];
  signedScanFileId?: string;
  notes?: string;
}
export const createMusdes = (body: MusdesInput) =>
  apiFetch<{ id: string; decidedCount: number }>('/api/v1/musdes', { method: 'POST', json: body });

export interface ImportReport {
  applied: boolean;
  total: number;
  set: number;
  rejected: number;
  unchanged: number;
  errors: number;
  rows: {
    row: number;
    nikMasked: string | null;
    result: string | null;
    status: 'ok' | 'unchanged' | 'error';
    message: { id: string; en: string } | null;
  }[];
}
/** Exports a BNBA batch as XLSX and hands it to the browser; returns the export id and row count (for the result import). */
export async function exportBnba(
  body: { regencyCode: string; programmeCode: string; batchMonth: string; mode: 'full' | 'masked'; purpose: string },
  csrfToken: string | null,
) {
  let res: Response;
  try {
    res = await fetch('/api/v1/bnba-exports', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/problem+json',
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null, 'network');
  }
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => null)) as Problem | null, 'http');
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'bnba.xlsx';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { exportId: res.headers.get('x-export-id') ?? '', rows: Number(res.headers.get('x-row-count') ?? 0) };
}
export function importResults(exportId: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiFetch<ImportReport>(`/api/v1/bnba-exports/${exportId}/results`, { method: 'POST', body: form });
}
