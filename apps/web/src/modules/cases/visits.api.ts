import { apiFetch } from '../../api/client';

export type VisitKind = 'kunjungan' | 'catatan';

export interface Visit {
  id: string;
  personId: string;
  caseId: string | null;
  kind: VisitKind;
  occurredAt: string;
  note: string;
  lat: number | null;
  lng: number | null;
  accuracyM: number | null;
  fileIds: string[];
  authorLabel: string;
}

export interface VisitInput {
  caseId?: string;
  kind: VisitKind;
  occurredAt: string;
  note: string;
  lat?: number;
  lng?: number;
  accuracyM?: number;
  fileIds?: string[];
}

const p = (personId: string) => `/api/v1/persons/${encodeURIComponent(personId)}`;

export const listVisits = async (personId: string) => (await apiFetch<{ items: Visit[] }>(`${p(personId)}/visits`)).items;
export const recordVisit = (personId: string, body: VisitInput) =>
  apiFetch<Visit>(`${p(personId)}/visits`, { method: 'POST', json: body });

/** Uploads one visit photo (multipart field "file"); the visit then points at the returned id. */
export async function uploadVisitPhoto(personId: string, file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name);
  return (await apiFetch<{ id: string }>(`${p(personId)}/files?purpose=visit`, { method: 'POST', body: form })).id;
}

/** Where a stored photo is served (the session cookie authorises it; ids are UUIDs). */
export const fileUrl = (fileId: string) => `/api/v1/files/${encodeURIComponent(fileId)}`;
