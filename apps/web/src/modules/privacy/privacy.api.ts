import { apiFetch } from '../../api/client';
import type {
  AffectedPerson,
  Breach,
  LegalHold,
  NoticeAudience,
  PrivacyOffice,
  Purpose,
  RequestKind,
  RetentionReport,
  RetentionRule,
  SubjectRequest,
} from './privacy.types';

const base = '/api/v1/privacy';
const enc = encodeURIComponent;

// ── Data subject requests ──
export const listRequests = (status: 'open' | 'closed' | 'all') =>
  apiFetch<{ items: SubjectRequest[]; total: number }>(`${base}/requests?status=${status}&pageSize=100`);
export const getRequest = (id: string) => apiFetch<SubjectRequest>(`${base}/requests/${enc(id)}`);
export const registerRequest = (body: {
  personId: string;
  kind: RequestKind;
  channel: string;
  requester: string;
  details?: string;
}) => apiFetch<SubjectRequest>(`${base}/requests`, { method: 'POST', json: body });
export const recordIdentityCheck = (id: string, body: { version: number; method: string; document: string }) =>
  apiFetch<SubjectRequest>(`${base}/requests/${enc(id)}/identity-check`, { method: 'POST', json: body });
export const fulfilRequest = (
  id: string,
  body: { version: number; summary: string; consentId?: string; correction?: Record<string, unknown> },
) => apiFetch<SubjectRequest>(`${base}/requests/${enc(id)}/fulfil`, { method: 'POST', json: body });
export const refuseRequest = (id: string, body: { version: number; reason: string }) =>
  apiFetch<SubjectRequest>(`${base}/requests/${enc(id)}/refuse`, { method: 'POST', json: body });
export const exportHref = (id: string) => `${base}/requests/${enc(id)}/export`;
export const letterHref = (id: string) => `${base}/requests/${enc(id)}/letter`;
export const listRestricted = () =>
  apiFetch<{
    items: { id: string; fullName: string; villageCode: string; nikMasked: string | null; restrictedSince: string | null }[];
  }>(`${base}/restricted-persons`);
export const liftRestriction = (personId: string, reason: string) =>
  apiFetch(`${base}/persons/${enc(personId)}/lift-restriction`, { method: 'POST', json: { reason } });

// ── Breaches (UU PDP Pasal 46) ──
export const listBreaches = () => apiFetch<{ items: Breach[] }>(`${base}/breaches`);
export const getBreach = (id: string) => apiFetch<Breach>(`${base}/breaches/${enc(id)}`);
export const createBreach = (body: Record<string, unknown>) =>
  apiFetch<Breach>(`${base}/breaches`, { method: 'POST', json: body });
export const queryAffected = (id: string, body: { userId: string; from: string; to: string; record: boolean }) =>
  apiFetch<{ items: AffectedPerson[]; total: number; recorded: number }>(`${base}/breaches/${enc(id)}/affected-query`, {
    method: 'POST',
    json: body,
  });
export const updateNotice = (id: string, audience: NoticeAudience, body: Record<string, unknown>) =>
  apiFetch<Breach>(`${base}/breaches/${enc(id)}/notices/${audience}`, { method: 'PATCH', json: body });
export const markNoticeReady = (id: string, audience: NoticeAudience) =>
  apiFetch<Breach>(`${base}/breaches/${enc(id)}/notices/${audience}/ready`, { method: 'POST' });
export const logDelivery = (
  id: string,
  audience: NoticeAudience,
  body: { channel: string; recipients: number; deliveredAt: string; note?: string },
) => apiFetch<Breach>(`${base}/breaches/${enc(id)}/notices/${audience}/deliveries`, { method: 'POST', json: body });
export const noticeLetterHref = (id: string, audience: NoticeAudience) =>
  `${base}/breaches/${enc(id)}/notices/${audience}/letter`;

// ── Retention ──
export const listRules = () => apiFetch<{ items: RetentionRule[] }>(`${base}/retention/rules`);
export const listRuns = () => apiFetch<{ items: RetentionReport[] }>(`${base}/retention/runs`);
export const startRun = (body: { recordTypes: string[]; dryRun: boolean }) =>
  apiFetch<{ jobId: string }>(`${base}/retention/runs`, { method: 'POST', json: body });
export const listHolds = () => apiFetch<{ items: LegalHold[] }>(`${base}/legal-holds`);
export const placeHold = (body: { targetType: 'person' | 'case'; targetId: string; reason: string }) =>
  apiFetch<LegalHold>(`${base}/legal-holds`, { method: 'POST', json: body });
export const releaseHold = (id: string, reason: string) =>
  apiFetch<LegalHold>(`${base}/legal-holds/${enc(id)}/release`, { method: 'POST', json: { reason } });

// ── Governance ──
export const listOffices = () => apiFetch<{ items: PrivacyOffice[] }>(`${base}/offices`);
export const saveOffice = (body: PrivacyOffice) => apiFetch<PrivacyOffice>(`${base}/offices`, { method: 'PUT', json: body });
export const listPurposes = () => apiFetch<{ items: Purpose[] }>(`${base}/purposes`);
export const ROPA_JSON = `${base}/ropa`;
export const ROPA_PDF = `${base}/ropa/pdf`;
export const DPIA_TEMPLATE = `${base}/dpia-template`;

/** Active legal bases of a person, for a consent withdrawal request. */
export const listConsents = (personId: string) =>
  apiFetch<{ items: { id: string; basis: string; purpose: string; givenOn: string; active: boolean }[] }>(
    `/api/v1/persons/${enc(personId)}/consents`,
  );
