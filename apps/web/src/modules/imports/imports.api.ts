import { apiFetch } from '../../api/client';
import type {
  ImportMapping,
  ImportRowOutcome,
  ImportRun,
  ImportTarget,
  MappingTemplate,
  Page,
  Preview,
  RowStatus,
  UploadResult,
} from './imports.types';

const path = (id: string) => `/api/v1/imports/${encodeURIComponent(id)}`;

/** Sends the spreadsheet; the server sniffs CSV or XLSX from its bytes. */
export function uploadImport(target: ImportTarget, file: File): Promise<UploadResult> {
  const body = new FormData();
  body.append('file', file, file.name);
  return apiFetch<UploadResult>(`/api/v1/imports?target=${target}`, { method: 'POST', body });
}

export const listImports = () => apiFetch<{ items: ImportRun[] }>('/api/v1/imports');
export const getImport = (id: string) => apiFetch<ImportRun>(path(id));

export const previewImport = (id: string, mapping: ImportMapping) =>
  apiFetch<Preview>(`${path(id)}/preview`, { method: 'POST', json: { mapping, limit: 20 } });

export const commitImport = (id: string, mapping: ImportMapping, templateName: string | null) =>
  apiFetch<ImportRun>(`${path(id)}/commit`, {
    method: 'POST',
    json: { mapping, ...(templateName ? { saveTemplate: { name: templateName } } : {}) },
  });

export const cancelImport = (id: string) => apiFetch<ImportRun>(`${path(id)}/cancel`, { method: 'POST' });

export function importRows(id: string, status: RowStatus | null, page: number): Promise<Page<ImportRowOutcome>> {
  const params = new URLSearchParams({ page: String(page), pageSize: '50' });
  if (status) params.set('status', status);
  return apiFetch<Page<ImportRowOutcome>>(`${path(id)}/rows?${params}`);
}

/** The report is downloaded by the browser itself (session cookie). */
export const reportUrl = (id: string, format: 'xlsx' | 'csv') => `${path(id)}/report?format=${format}`;

export const listTemplates = (target: ImportTarget) =>
  apiFetch<{ items: MappingTemplate[] }>(`/api/v1/import-templates?target=${target}`);
