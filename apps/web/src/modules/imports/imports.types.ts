// Shapes of the /api/v1/imports answers (packages/domain/src/contracts/imports.ts),
// narrowed to what these screens use; the web app does not depend on @pilar/domain.
import type { LocalizedText } from '../../api/client';

export const IMPORT_TARGETS = ['persons', 'members', 'programme_memberships'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];
export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type RowStatus = 'accepted' | 'unchanged' | 'rejected';

/** Field → 0-based column of the header row. */
export type ImportMapping = Record<string, number>;

export interface Issue {
  code: string;
  field: string;
  message: LocalizedText;
}

export interface ImportField {
  key: string;
  label: string;
  required: boolean;
  aliases: string[];
}

export interface ImportRun {
  id: string;
  target: ImportTarget;
  format: 'csv' | 'xlsx';
  status: ImportStatus;
  sizeBytes: number;
  headerRow: number;
  headers: string[];
  totalRows: number;
  mapping: ImportMapping | null;
  progress: { done: number; total: number; etaSeconds: number | null };
  counts: Record<RowStatus, number>;
  createdAt: string;
  finishedAt: string | null;
}

export interface PreviewRow {
  row: number;
  status: RowStatus;
  /** The mapped cells as read, NIK/KK/KKS masked by the server. */
  values: Record<string, string | null>;
  reasons: Issue[];
  warnings: Issue[];
}

export interface Preview {
  mapping: ImportMapping;
  missing: string[];
  rows: PreviewRow[];
}

export interface UploadResult extends ImportRun {
  fields: ImportField[];
  suggestedMapping: ImportMapping;
  unmappedColumns: string[];
  previousImports: { id: string; createdAt: string; status: ImportStatus }[];
  preview: Preview;
}

export interface ImportRowOutcome {
  row: number;
  status: RowStatus;
  entityId: string | null;
  nikMasked: string | null;
  reasons: Issue[];
  warnings: Issue[];
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface MappingTemplate {
  id: string;
  target: ImportTarget;
  name: string;
  /** Field → header name, so a template fits any file with those headers. */
  mapping: Record<string, string>;
  areaCode: string | null;
  mine: boolean;
}
