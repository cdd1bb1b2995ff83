import { apiFetch } from '../../api/client';
import type {
  AidItem,
  AidPost,
  Assessment,
  Incident,
  IncidentDashboard,
  IncidentListItem,
  Page,
  Shift,
  Sitrep,
  SitrepSummary,
  StockBalance,
  StockMovement,
  Victim,
  VictimRegisterResult,
  Volunteer,
} from './disasters.types';

/** Calls of the disaster-response API (apps/server/src/modules/disasters). */
const base = '/api/v1/incidents';
const at = (id: string, rest = '') => `${base}/${id}${rest}`;
const post = <T>(path: string, json: unknown) => apiFetch<T>(path, { method: 'POST', json });

export const listIncidents = (q: { status?: string; page?: number }) => {
  const qs = new URLSearchParams({ page: String(q.page ?? 1), pageSize: '50', ...(q.status ? { status: q.status } : {}) });
  return apiFetch<Page<IncidentListItem>>(`${base}?${qs.toString()}`);
};
export const getIncident = (id: string) => apiFetch<Incident>(at(id));
export const createIncident = (body: Record<string, unknown>) => post<Incident>(base, body);
export const changeStatus = (id: string, body: { version: number; status: string; note?: string }) =>
  post<Incident>(at(id, '/status'), body);
export const addVillages = (id: string, version: number, codes: string[]) =>
  apiFetch<Incident>(at(id), { method: 'PATCH', json: { version, addVillageCodes: codes } });

export const listAssessments = (id: string, history: boolean, villageCode?: string) => {
  const qs = new URLSearchParams({ history: String(history), ...(villageCode ? { villageCode } : {}) });
  return apiFetch<{ items: Assessment[] }>(at(id, `/assessments?${qs.toString()}`));
};
export const recordAssessment = (id: string, body: Record<string, unknown>) => post<Assessment>(at(id, '/assessments'), body);

export const listVictims = (id: string, page = 1) => apiFetch<Page<Victim>>(at(id, `/victims?page=${page}&pageSize=50`));
export const registerVictim = (id: string, body: Record<string, unknown>) => post<VictimRegisterResult>(at(id, '/victims'), body);

export const listPosts = (id: string) => apiFetch<{ items: AidPost[] }>(at(id, '/posts'));
export const createPost = (id: string, body: Record<string, unknown>) => post<AidPost>(at(id, '/posts'), body);
export const listItems = (id: string) => apiFetch<{ items: AidItem[] }>(at(id, '/items'));
export const createItem = (id: string, body: Record<string, unknown>) => post<AidItem>(at(id, '/items'), body);
export const listBalances = (id: string) => apiFetch<{ items: StockBalance[] }>(at(id, '/stock/balances'));
export const listMovements = (id: string) => apiFetch<Page<StockMovement>>(at(id, '/stock/movements?pageSize=20'));
export const receiveStock = (id: string, body: Record<string, unknown>) =>
  post<StockMovement & { balance: number }>(at(id, '/stock/receipts'), body);
export const issueStock = (id: string, body: Record<string, unknown>) =>
  post<StockMovement & { balance: number; lowStock: boolean }>(at(id, '/stock/issues'), body);
export function uploadEvidence(id: string, postId: string, file: Blob) {
  const form = new FormData();
  form.append('file', file, 'serah-terima.jpg');
  return apiFetch<{ id: string }>(at(id, `/stock/evidence?postId=${postId}`), { method: 'POST', body: form });
}

export const listVolunteers = (id: string) => apiFetch<{ items: Volunteer[]; phonesVisible: boolean }>(at(id, '/volunteers'));
export const addVolunteer = (id: string, body: Record<string, unknown>) => post<Volunteer>(at(id, '/volunteers'), body);
export const listShifts = (id: string) => apiFetch<{ items: Shift[] }>(at(id, '/shifts'));
export const addShift = (id: string, body: Record<string, unknown>) => post<Shift>(at(id, '/shifts'), body);
export const checkShift = (id: string, shiftId: string, way: 'in' | 'out') =>
  post<Shift>(at(id, `/shifts/${shiftId}/check-${way}`), {});

export const listSitreps = (id: string) => apiFetch<{ items: SitrepSummary[] }>(at(id, '/sitreps'));
export const getSitrep = (id: string, sitrepId: string) => apiFetch<Sitrep>(at(id, `/sitreps/${sitrepId}`));
export const generateSitrep = (id: string) => post<Sitrep>(at(id, '/sitreps'), {});
export const sitrepPdfUrl = (id: string, sitrepId: string) => at(id, `/sitreps/${sitrepId}/pdf`);

export const getDashboard = (id: string) => apiFetch<IncidentDashboard>(at(id, '/dashboard'));
