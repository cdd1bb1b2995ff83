import { z } from 'zod';
import { AreaCodeSchema } from './common';

/**
 * Exports of lists to XLSX or CSV (issue 10; UU PDP checklist point 5: a declared
 * purpose on every export). The purpose is free text of at least 10 characters, with
 * an optional code from a purpose registry when one exists.
 */
export const EXPORT_SOURCES = ['persons', 'members', 'cases', 'coverage'] as const;
export const EXPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

export const ExportCreateSchema = z
  .object({
    source: z.enum(EXPORT_SOURCES),
    format: z.enum(['xlsx', 'csv']).default('xlsx'),
    purpose: z.string().trim().min(10).max(500),
    purposeCode: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{1,49}$/)
      .optional(),
    filters: z
      .object({
        /** Area to export (default: the caller's whole scope; required for coverage). */
        area: AreaCodeSchema.optional(),
        ppks: z.number().int().min(1).max(99).optional(),
        status: z
          .string()
          .regex(/^[a-z_]{1,30}$/)
          .optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export const ExportSchema = z
  .object({
    id: z.uuid(),
    source: z.enum(EXPORT_SOURCES),
    format: z.enum(['xlsx', 'csv']),
    status: z.enum(EXPORT_STATUSES),
    purpose: z.string(),
    purposeCode: z.string().nullable(),
    filters: z.record(z.string(), z.unknown()),
    rowCount: z.number().int().nullable(),
    sizeBytes: z.number().int().nullable(),
    jobId: z.uuid().nullable(),
    /** GET this (same access rules) once the status is `succeeded`. */
    fileUrl: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Export' });
export const ExportListSchema = z.object({ items: z.array(ExportSchema) });

export type ExportCreate = z.infer<typeof ExportCreateSchema>;
export type ExportView = z.infer<typeof ExportSchema>;
