import { z } from 'zod';
import { AreaCodeSchema } from './common';

/**
 * Spreadsheet imports (issue 10): upload → column mapping → preview → commit as a
 * job → per-row report. A mapping ties each target field to a column of the
 * uploaded sheet by its 0-based position in the header row.
 */
export const IMPORT_TARGETS = ['persons', 'members', 'programme_memberships'] as const;
export const ImportTargetSchema = z.enum(IMPORT_TARGETS);
export const IMPORT_ROW_STATUSES = ['accepted', 'unchanged', 'rejected'] as const;
export const IMPORT_STATUSES = ['uploaded', 'queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

const IssueSchema = z.object({ code: z.string(), field: z.string(), message: z.object({ id: z.string(), en: z.string() }) });
const FieldKey = z.string().regex(/^[a-zA-Z]{1,40}$/);

/** Field → 0-based column index of the header row. */
export const ImportMappingSchema = z.record(FieldKey, z.number().int().min(0).max(999)).meta({ id: 'ImportMapping' });

export const ImportUploadQuerySchema = z.object({ target: ImportTargetSchema }).strict();

export const ImportFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  /** Header names recognised automatically (case, spacing and punctuation do not matter). */
  aliases: z.array(z.string()),
});

export const ImportPreviewRowSchema = z.object({
  row: z.number().int(),
  status: z.enum(IMPORT_ROW_STATUSES),
  /** The mapped cells as read (NIK and No. KK masked). */
  values: z.record(z.string(), z.string().nullable()),
  reasons: z.array(IssueSchema),
  warnings: z.array(IssueSchema),
});

export const ImportPreviewSchema = z
  .object({ mapping: ImportMappingSchema, missing: z.array(z.string()), rows: z.array(ImportPreviewRowSchema) })
  .meta({ id: 'ImportPreview' });

export const ImportSchema = z
  .object({
    id: z.uuid(),
    target: ImportTargetSchema,
    format: z.enum(['csv', 'xlsx']),
    status: z.enum(IMPORT_STATUSES),
    sizeBytes: z.number().int(),
    headerRow: z.number().int(),
    headers: z.array(z.string()),
    totalRows: z.number().int(),
    mapping: ImportMappingSchema.nullable(),
    jobId: z.uuid().nullable(),
    progress: z.object({ done: z.number().int(), total: z.number().int(), etaSeconds: z.number().nullable() }),
    counts: z.object({ accepted: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Import' });

export const ImportUploadResultSchema = ImportSchema.extend({
  fields: z.array(ImportFieldSchema),
  suggestedMapping: ImportMappingSchema,
  /** Columns of the sheet no field is mapped to (ignored on commit). */
  unmappedColumns: z.array(z.string()),
  /** Earlier uploads of the very same file (same SHA-256) by anyone in reach: importing again changes nothing. */
  previousImports: z.array(z.object({ id: z.uuid(), createdAt: z.string(), status: z.enum(IMPORT_STATUSES) })),
  preview: ImportPreviewSchema,
}).meta({ id: 'ImportUploadResult' });

export const ImportPreviewBodySchema = z
  .object({ mapping: ImportMappingSchema, limit: z.number().int().min(1).max(100).default(20) })
  .strict();

export const ImportCommitBodySchema = z
  .object({
    mapping: ImportMappingSchema,
    /** Save the mapping as a template under this name (per user; shared within `shareWithArea` when given). */
    saveTemplate: z
      .object({ name: z.string().trim().min(1).max(100), shareWithArea: AreaCodeSchema.optional() })
      .strict()
      .optional(),
  })
  .strict();

export const ImportListSchema = z.object({ items: z.array(ImportSchema) });

export const ImportRowSchema = z.object({
  row: z.number().int(),
  status: z.enum(IMPORT_ROW_STATUSES),
  entityId: z.uuid().nullable(),
  nikMasked: z.string().nullable(),
  reasons: z.array(IssueSchema),
  warnings: z.array(IssueSchema),
});
export const ImportRowsQuerySchema = z
  .object({
    status: z.enum(IMPORT_ROW_STATUSES).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export const ImportRowListSchema = z.object({
  items: z.array(ImportRowSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export const ImportReportQuerySchema = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }).strict();

export const MappingTemplateSchema = z
  .object({
    id: z.uuid(),
    target: ImportTargetSchema,
    name: z.string(),
    mapping: z.record(z.string(), z.string()),
    areaCode: z.string().nullable(),
    mine: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ImportMappingTemplate' });
/** Templates store header names (not positions), so they apply to any file with those headers. */
export const MappingTemplateCreateSchema = z
  .object({
    target: ImportTargetSchema,
    name: z.string().trim().min(1).max(100),
    mapping: z.record(FieldKey, z.string().trim().min(1).max(200)),
    shareWithArea: AreaCodeSchema.optional(),
  })
  .strict();
export const MappingTemplateListSchema = z.object({ items: z.array(MappingTemplateSchema) });
export const MappingTemplateQuerySchema = z.object({ target: ImportTargetSchema.optional() }).strict();

export type ImportMapping = z.infer<typeof ImportMappingSchema>;
export type ImportTarget = z.infer<typeof ImportTargetSchema>;
export type ImportView = z.infer<typeof ImportSchema>;
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;
export type ImportField = z.infer<typeof ImportFieldSchema>;
export type MappingTemplate = z.infer<typeof MappingTemplateSchema>;
