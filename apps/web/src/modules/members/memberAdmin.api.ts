import { apiFetch, type LocalizedText } from '../../api/client';
import type {
  AwardLevel,
  Member,
  MemberInput,
  MemberUpdate,
  RegistrationLink,
  RegistrationLinkListItem,
  RequirementSettings,
  Warning,
} from './members.types';

// The registry's recorded changes (transfer, training, award), the per-regency
// requirement settings, self-registration links and the public registration form.

const path = (id: string) => `/api/v1/members/${encodeURIComponent(id)}`;

export interface TransferInput {
  toVillageCode: string;
  movedOn: string;
  /** Basis and reason, e.g. the SK number of the move. */
  reason: string;
  version: number;
}
export const transferMember = (id: string, body: TransferInput) =>
  apiFetch<Member>(`${path(id)}/transfer`, { method: 'POST', json: body });

export interface TrainingInput {
  trainedOn: string;
  title: string;
  organiser: string;
  certificateFileId?: string;
}
export const addTraining = (id: string, body: TrainingInput) =>
  apiFetch<Member>(`${path(id)}/trainings`, { method: 'POST', json: body });

export interface AwardInput {
  level: AwardLevel;
  awardType: string;
  skNumber?: string;
  awardedOn: string;
}
export const addAward = (id: string, body: AwardInput) =>
  apiFetch<Member & { warnings: Warning[] }>(`${path(id)}/awards`, { method: 'POST', json: body });

/** Stores a training certificate (PDF, JPEG or PNG) for a member; its id goes with the training. */
export function uploadCertificate(id: string, file: File): Promise<{ fileId: string }> {
  const form = new FormData();
  form.append('file', file);
  return apiFetch(`${path(id)}/documents?kind=certificate`, { method: 'POST', body: form });
}

export type MemberDocumentKind = 'photo' | 'sk';

/**
 * Stores the member's photo (JPEG, PNG) or scanned SK (PDF, JPEG, PNG); the server
 * attaches it to the member at once, replacing the previous one.
 */
export function uploadMemberDocument(id: string, kind: MemberDocumentKind, file: File): Promise<{ fileId: string }> {
  const form = new FormData();
  form.append('file', file);
  return apiFetch(`${path(id)}/documents?kind=${kind}`, { method: 'POST', body: form });
}

/** A stored file (photo, SK, certificate), opened by the browser with the session cookie. */
export const fileUrl = (fileId: string) => `/api/v1/files/${encodeURIComponent(fileId)}`;

const requirementsPath = (regencyCode: string) => `/api/v1/member-requirements/${encodeURIComponent(regencyCode)}`;
export const getRequirementSettings = (regencyCode: string) => apiFetch<RequirementSettings>(requirementsPath(regencyCode));
export const saveRequirementSettings = (regencyCode: string, items: { code: string; enabled: boolean }[]) =>
  apiFetch<RequirementSettings>(requirementsPath(regencyCode), { method: 'PUT', json: { items } });

/** Edits identity, residence and SK fields; a stale `version` answers 409 (reload and retry). */
export const updateMember = (id: string, body: MemberUpdate) =>
  apiFetch<Member & { warnings: Warning[] }>(path(id), { method: 'PATCH', json: body });

export const listRegistrationLinks = () => apiFetch<{ items: RegistrationLinkListItem[] }>('/api/v1/member-registration-links');

export const revokeRegistrationLink = (id: string) =>
  apiFetch<RegistrationLinkListItem>(`/api/v1/member-registration-links/${encodeURIComponent(id)}/revoke`, { method: 'POST' });

export const createRegistrationLink = (body: { regencyCode: string; validDays: number; note?: string }) =>
  apiFetch<RegistrationLink>('/api/v1/member-registration-links', { method: 'POST', json: body });

/**
 * The address a PSM opens to register. The token rides in the fragment, which the
 * browser never sends to the server (so it stays out of access logs and Referer).
 */
export const selfRegistrationUrl = (origin: string, link: { regencyCode: string; token: string }) =>
  `${origin}/daftar-psm/${link.regencyCode}#${link.token}`;

export const selfRegister = (body: MemberInput & { token: string }) =>
  apiFetch<{ status: 'diajukan'; message: LocalizedText }>('/api/v1/public/member-registrations', { method: 'POST', json: body });

/** The XLSX template of the PSM import (the import itself runs in the imports wizard). */
export const importTemplateUrl = '/api/v1/members/import/template';
export const importPath = '/impor/psm';
