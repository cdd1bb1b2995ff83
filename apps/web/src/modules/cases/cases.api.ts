import { apiFetch } from '../../api/client';
import type {
  AnswerValue,
  Assessment,
  Case,
  CaseEvent,
  CasePlan,
  FollowUp,
  FormSummary,
  FormVersion,
  InboxItem,
  Paged,
  Partner,
  PpksItem,
  Referral,
  ServiceKind,
  TimelineItem,
} from './cases.types';

export const CASES_PAGE_SIZE = 25;
const c = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;
const post = <T>(path: string, json: unknown) => apiFetch<T>(path, { method: 'POST', json });

export interface CaseFilters {
  status: string;
  ppks: string;
  verification: string;
  personId?: string;
  page: number;
}
export function listCases(f: CaseFilters): Promise<Paged<Case>> {
  const params = new URLSearchParams({ page: String(f.page), pageSize: String(CASES_PAGE_SIZE) });
  if (f.status) params.set('status', f.status);
  if (f.ppks) params.set('ppks', f.ppks);
  if (f.verification) params.set('verification', f.verification);
  if (f.personId) params.set('personId', f.personId);
  return apiFetch(`/api/v1/cases?${params}`);
}
export const overdueFollowUps = () => apiFetch<Paged<FollowUp>>('/api/v1/follow-ups/overdue?assignedTo=me&page=1&pageSize=50');
export const getCase = (id: string) => apiFetch<Case>(c(id));
export const createCase = (body: { personId: string; ppksCode: number; need: string }) => post<Case>('/api/v1/cases', body);
export const transitionCase = (id: string, body: { action: string; version: number; closureReason?: string; note?: string }) =>
  post<Case>(`${c(id)}/transitions`, body);
export const verificationStep = (id: string, body: { action: string; version: number; reason?: string }) => post<Case>(`${c(id)}/verification`, body);
export const caseEvents = async (id: string) => (await apiFetch<{ items: CaseEvent[] }>(`${c(id)}/events`)).items;

let ppksCache: Promise<PpksItem[]> | null = null;
/** The 26 PPKS categories (reference data, asked once per app session). */
export function ppksCategories(): Promise<PpksItem[]> {
  ppksCache ??= apiFetch<{ items: PpksItem[] }>('/api/v1/reference/ppks').then(
    (r) => r.items,
    (e: unknown) => {
      ppksCache = null;
      throw e;
    },
  );
  return ppksCache;
}

export const formsFor = async (ppks: number) => (await apiFetch<{ items: FormSummary[] }>(`/api/v1/forms?ppks=${ppks}`)).items;
export const formVersion = (code: string, version: number) => apiFetch<FormVersion>(`/api/v1/forms/${encodeURIComponent(code)}/versions/${version}`);
export const assessments = async (id: string) => (await apiFetch<{ items: Assessment[] }>(`${c(id)}/assessments`)).items;
export const recordAssessment = (id: string, body: { formCode: string; formVersion: number; answers: Record<string, AnswerValue> }) =>
  post<Assessment>(`${c(id)}/assessments`, body);

export const getPlan = (id: string) => apiFetch<CasePlan>(`${c(id)}/plan`);
export const serviceKinds = async () => (await apiFetch<{ items: ServiceKind[] }>('/api/v1/services')).items;
export const addGoal = (id: string, body: { description: string; targetDate?: string }) => post(`${c(id)}/goals`, body);
export const planService = (id: string, body: { serviceCode: string; plannedOn?: string; note?: string }) => post(`${c(id)}/planned-services`, body);
export const recordDelivery = (id: string, body: { serviceCode: string; deliveredOn: string; quantity: number; note?: string; planId?: string }) =>
  post(`${c(id)}/deliveries`, body);
export const scheduleFollowUp = (id: string, body: { dueOn: string; purpose: string }) => post(`${c(id)}/follow-ups`, body);
export const completeFollowUp = (id: string, sub: string, outcome: string) => post(`${c(id)}/follow-ups/${sub}/done`, { outcome });

export const caseReferrals = async (id: string) => (await apiFetch<{ items: Referral[] }>(`${c(id)}/referrals`)).items;
export const sendReferral = (id: string, body: { partnerId: string; need: string; serviceCode?: string }) => post<Referral>(`${c(id)}/referrals`, body);
export const partnersFor = async (area: string) => (await apiFetch<Paged<Partner>>(`/api/v1/partners?area=${encodeURIComponent(area)}&page=1&pageSize=100`)).items;

export const referralInbox = () => apiFetch<Paged<InboxItem>>('/api/v1/referrals/inbox?page=1&pageSize=50');
export const respondReferral = (id: string, action: 'accept' | 'reject' | 'complete', body: { version: number; reason?: string; outcome?: string }) =>
  post<InboxItem>(`/api/v1/referrals/${encodeURIComponent(id)}/${action}`, body);

export const personTimeline = async (personId: string) =>
  (await apiFetch<{ items: TimelineItem[] }>(`/api/v1/persons/${encodeURIComponent(personId)}/timeline`)).items;
