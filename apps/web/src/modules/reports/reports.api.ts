import { ApiError, apiFetch, type Problem } from '../../api/client';
import type { Activity, MonthlyReport, MonthlyReportItem, Page, PsmDuty } from './reports.types';

const base = '/api/v1/monthly-reports';
const post = <T>(path: string, json: unknown) => apiFetch<T>(path, { method: 'POST', json });

export const listReports = (q: { mine?: boolean; status?: string; month?: string; page?: number }) =>
  apiFetch<Page<MonthlyReportItem>>(
    `${base}?${new URLSearchParams({
      ...(q.mine ? { mine: 'true' } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.month ? { month: q.month } : {}),
      page: String(q.page ?? 1),
    })}`,
  );
export const getReport = (id: string) => apiFetch<MonthlyReport>(`${base}/${id}`);
export const generateReport = (month: string) => post<MonthlyReport>(base, { month });
export const submitReport = (r: MonthlyReport) => post<MonthlyReport>(`${base}/${r.id}/submit`, { version: r.version });
export const finaliseReport = (r: MonthlyReport) => post<MonthlyReport>(`${base}/${r.id}/finalise`, { version: r.version });
export const reviewReport = (
  r: MonthlyReport,
  body: { feedback: string; entries?: { activityId: string; counted: boolean; note: string }[] },
) => post<MonthlyReport>(`${base}/${r.id}/review`, { version: r.version, ...body });
export const disputeEntry = (id: string, activityId: string, comment: string) =>
  post<MonthlyReport>(`${base}/${id}/disputes`, { activityId, comment });
export const answerDispute = (
  id: string,
  disputeId: string,
  body: { answer: string; outcome: 'accepted' | 'rejected'; duty?: PsmDuty },
) => post<MonthlyReport>(`${base}/${id}/disputes/${disputeId}/answer`, body);

export const listOwnActivities = (month: string) =>
  apiFetch<Page<Activity>>(`/api/v1/activities?${new URLSearchParams({ user: 'me', month, pageSize: '100' })}`);
export const withdrawActivity = (a: Activity) => post<Activity>(`/api/v1/activities/${a.id}/delete`, { version: a.version });
export const uploadActivityPhoto = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return apiFetch<{ id: string }>('/api/v1/activities/photos', { method: 'POST', body: form });
};
export const createActivity = (body: {
  id: string;
  duty: PsmDuty;
  programmeCode?: string;
  title: string;
  note?: string;
  occurredAt: string;
  lat?: number;
  lng?: number;
  accuracyM?: number;
  photoFileId?: string;
}) => post<Activity>('/api/v1/activities', body);

/**
 * Downloads the report as PDF or XLSX (letterhead; the purpose is audited) and hands the
 * file to the browser. The body is binary, so not through apiFetch.
 */
export async function downloadReport(
  id: string,
  body: { format: 'pdf' | 'xlsx'; purpose: string },
  csrfToken: string | null,
): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${base}/${id}/export`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        accept: 'application/pdf, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/problem+json',
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null, 'network');
  }
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => null)) as Problem | null, 'http');
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `laporan-bulanan.${body.format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
