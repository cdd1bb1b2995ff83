import { ApiError, apiFetch, type Problem } from '../../api/client';
import type { Dashboard, MapData, SpmDetail } from './dashboard.types';

export const getDashboard = (area: string, period: string) =>
  apiFetch<Dashboard>(`/api/v1/dashboard?${new URLSearchParams({ area, ...(period ? { period } : {}) })}`);
export const getMap = (area: string, period: string) =>
  apiFetch<MapData>(`/api/v1/dashboard/map?${new URLSearchParams({ area, ...(period ? { period } : {}) })}`);
export const getSpm = (area: string, spm: number) =>
  apiFetch<SpmDetail>(`/api/v1/dashboard/spm?${new URLSearchParams({ area, spm: String(spm) })}`);

/**
 * Exports a dashboard table (PDF or XLSX) and hands the file to the browser. The purpose
 * is required and audited on the server; the body is binary, so not through apiFetch.
 */
export async function exportTable(
  body: { table: string; format: 'pdf' | 'xlsx'; area: string; period?: string; purpose: string },
  csrfToken: string | null,
): Promise<void> {
  let res: Response;
  try {
    res = await fetch('/api/v1/dashboard/exports', {
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
  if (!res.ok) {
    const problem = (await res.json().catch(() => null)) as Problem | null;
    throw new ApiError(res.status, problem, 'http');
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `pilar.${body.format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
