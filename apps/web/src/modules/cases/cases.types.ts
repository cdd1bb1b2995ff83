// Shapes of the cases, forms, plans and referrals answers, narrowed to what these screens
// read (source: packages/domain/src/contracts/{cases,forms,referrals}.ts).

export const CASE_STATUSES = ['identified', 'assessed', 'planned', 'in_intervention', 'monitoring', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const VERIFICATION_STATES = ['not_required', 'draft', 'submitted', 'checked', 'validated', 'returned'] as const;
export const CLOSURE_REASONS = [
  'tujuan_tercapai',
  'dirujuk_tuntas',
  'pindah_domisili',
  'meninggal_dunia',
  'menolak_layanan',
  'tidak_memenuhi_kriteria',
  'tidak_dapat_ditemukan',
  'lainnya',
] as const;
/** Lifecycle actions (POST …/transitions); the rest of `actions` are verification steps or abilities. */
export const LIFECYCLE_ACTIONS = ['assess', 'plan', 'start', 'monitor', 'resume', 'close', 'reopen'] as const;
export const VERIFICATION_ACTIONS = ['submit', 'check', 'validate', 'return'] as const;

export interface Msg {
  id: string;
  en: string;
}

export interface Case {
  id: string;
  caseNumber: string;
  villageCode: string;
  villageName: string;
  personId: string | null;
  personName: string | null;
  ppksCode: number;
  ppksName: string;
  need: string;
  status: CaseStatus;
  closureReason: string | null;
  closedOn: string | null;
  verification: string;
  countsAsValidated: boolean;
  openedOn: string;
  version: number;
  actions: string[];
}
export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface CaseEvent {
  id: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  note: string | null;
  at: string;
  actor: string;
}

export type AnswerValue = string | number | boolean | string[];
export interface FormField {
  name: string;
  label: Msg;
  type: 'text' | 'number' | 'date' | 'select' | 'multiselect' | 'boolean';
  required?: boolean;
  options?: { value: string; label: Msg }[];
  showIf?: { field: string; equals: string | number | boolean };
  min?: number;
  max?: number;
  maxLength?: number;
  help?: Msg;
}
export interface FormSummary {
  code: string;
  title: Msg;
  ppksCodes: number[];
  latestVersion: number;
}
export interface FormVersion {
  formCode: string;
  version: number;
  schema: { fields: FormField[] };
}
export interface Assessment {
  id: string;
  formCode: string;
  formVersion: number;
  answers: Record<string, unknown>;
  assessedOn: string;
  assessorLabel: string;
}

export interface Goal {
  id: string;
  description: string;
  targetDate: string | null;
  status: string;
}
export interface PlannedService {
  id: string;
  serviceCode: string;
  serviceName: string;
  plannedOn: string | null;
  note: string | null;
  status: string;
}
export interface Delivery {
  id: string;
  serviceCode: string;
  serviceName: string;
  deliveredOn: string;
  delivererLabel: string;
  quantity: number;
  unit: string;
  note: string | null;
}
export interface FollowUp {
  id: string;
  caseId: string;
  caseNumber: string;
  dueOn: string;
  purpose: string;
  doneAt: string | null;
  outcome: string | null;
  overdue: boolean;
}
export interface CasePlan {
  goals: Goal[];
  services: PlannedService[];
  deliveries: Delivery[];
  followUps: FollowUp[];
}
export interface ServiceKind {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
}

export interface Partner {
  id: string;
  name: string;
  kind: string;
  areaName: string;
}
export interface Referral {
  id: string;
  partnerId: string;
  partnerName: string;
  need: string;
  serviceCode: string | null;
  status: 'sent' | 'accepted' | 'rejected' | 'completed' | 'cancelled';
  rejectReason: string | null;
  outcome: string | null;
  sentAt: string;
  version: number;
  actions: string[];
}
export interface InboxItem extends Omit<Referral, 'partnerId'> {
  partnerId: string;
  person: { fullName: string; villageName: string; ageYears: number | null } | null;
}

export interface PpksItem {
  code: number;
  name: string;
  nameEn: string;
}

export interface TimelineItem {
  at: string;
  kind: string;
  entityType: string;
  entityId: string;
  caseId: string | null;
  summary: Msg;
  actor: string | null;
}
