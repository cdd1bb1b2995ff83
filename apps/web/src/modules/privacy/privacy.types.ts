// Shapes of the /api/v1/privacy answers, narrowed to what these screens use
// (source: packages/domain/src/contracts/privacy.ts; the web app does not depend on @pilar/domain).

export const REQUEST_KINDS = ['access', 'correction', 'deletion', 'restriction', 'consent_withdrawal'] as const;
export const REQUEST_CHANNELS = ['kantor', 'psm', 'surat', 'email', 'telepon'] as const;
export const REQUESTERS = ['subjek', 'orang_tua', 'wali', 'kuasa'] as const;
export const IDENTITY_METHODS = ['tatap_muka', 'dokumen', 'video', 'kunjungan_psm'] as const;
export const IDENTITY_DOCUMENTS = ['ktp', 'kk', 'kia', 'akta_lahir', 'surat_kuasa', 'lainnya'] as const;
export const NOTICE_AUDIENCES = ['subjects', 'authority'] as const;
export const DELIVERY_CHANNELS = ['surat', 'email', 'sms', 'kunjungan_psm', 'portal_otoritas'] as const;
export const BREACH_QUERY_ACTIONS = [
  'person.read',
  'person.listed',
  'person.nik_revealed',
  'person.history_read',
  'person.timeline_read',
  'sync.pulled',
  'export.created',
] as const;

export type RequestKind = (typeof REQUEST_KINDS)[number];
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number];
export type DeadlineStateName = 'on_time' | 'near_due' | 'overdue' | 'done';

export interface Deadline {
  dueAt: string;
  state: DeadlineStateName;
  hoursLeft: number | null;
}
export interface Escalation {
  level: 'near_due' | 'overdue';
  raisedAt: string;
}

export interface SubjectRequest {
  id: string;
  personId: string;
  villageCode: string;
  kind: RequestKind;
  status: 'received' | 'identity_verified' | 'answered' | 'refused';
  channel: string;
  requester: string;
  details: string | null;
  receivedAt: string;
  deadline: Deadline;
  identity: { method: string; document: string; checkedBy: string | null; checkedAt: string } | null;
  answeredAt: string | null;
  answerSummary: string | null;
  retentionNote: { removed: Record<string, string[]>; kept: { what: string; legalBasis: string }[]; filesDeleted: number } | null;
  escalations: Escalation[];
  version: number;
  actions: string[];
}

export interface Notice {
  id: string;
  audience: NoticeAudience;
  dataExposed: string | null;
  whenAndHow: string | null;
  measuresTaken: string | null;
  contact: string | null;
  status: 'draft' | 'ready' | 'sent';
  missing: string[];
  version: number;
  deliveries: { id: string; channel: string; recipients: number; deliveredAt: string; note: string | null }[];
}

export interface Breach {
  id: string;
  areaCode: string;
  title: string;
  description: string;
  how: string;
  systems: string[];
  discoveredAt: string;
  occurredFrom: string | null;
  occurredTo: string | null;
  status: 'open' | 'notified' | 'closed';
  deadline: Deadline;
  affectedCount: number;
  notices: Notice[];
  escalations: Escalation[];
}

export interface AffectedPerson {
  personId: string;
  villageCode: string;
  actions: string[];
  firstAt: string;
  lastAt: string;
}

export interface RetentionRule {
  recordType: string;
  label: { id: string; en: string };
  keepDays: number;
  action: 'flag' | 'anonymise' | 'delete';
  legalBasis: string;
  enabled: boolean;
}
export interface RetentionReport {
  runId: string;
  asOf: string;
  dryRun: boolean;
  rules: {
    recordType: string;
    action: string;
    cutoff: string;
    due: number;
    applied: number;
    held: number;
    note: string | null;
  }[];
}
export interface LegalHold {
  id: string;
  targetType: 'person' | 'case';
  targetId: string;
  villageCode: string;
  reason: string;
  placedAt: string;
  releasedAt: string | null;
}

export interface PrivacyOffice {
  areaCode: string;
  officeName: string;
  address: string | null;
  dpoName: string;
  dpoEmail: string;
  dpoPhone: string | null;
  updatedAt?: string;
}
export interface Purpose {
  code: string;
  label: { id: string; en: string };
  legalBasis: string;
  legalReference: string;
  active: boolean;
}
export interface PublicPrivacy {
  offices: PrivacyOffice[];
  summary: { id: string[]; en: string[] };
  rights: { id: string; en: string }[];
  purposes: { code: string; label: { id: string; en: string }; legalBasis: string }[];
}
