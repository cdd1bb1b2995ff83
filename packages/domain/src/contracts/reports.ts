import { z } from 'zod';
import { ACTIVITY_SOURCES, PSM_DUTIES } from '../reports/duties';
import { AreaCodeSchema, MsgSchema } from './common';
import { PageQuery } from './people';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month YYYY-MM');
export const MONTHLY_REPORT_STATUSES = ['draft', 'submitted', 'reviewed', 'final'] as const;

export const MonthlyReportGenerateSchema = z
  .object({ month: Month, summary: z.string().trim().max(5000).optional() })
  .strict();

export const MonthlyReportDisputeSchema = z.object({
  id: z.uuid(),
  activityId: z.uuid(),
  comment: z.string(),
  raisedAt: z.string(),
  answer: z.string().nullable(),
  outcome: z.enum(['accepted', 'rejected']).nullable(),
  answeredAt: z.string().nullable(),
});

export const MonthlyReportSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    psmLabel: z.string(),
    villageCode: z.string(),
    villageName: z.string(),
    month: z.string(),
    status: z.enum(MONTHLY_REPORT_STATUSES),
    summary: z.string().nullable(),
    submittedAt: z.string().nullable(),
    reviewerLabel: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    feedback: z.string().nullable(),
    finalisedAt: z.string().nullable(),
    version: z.number().int(),
    figures: z.object({
      total: z.number().int(),
      counted: z.number().int(),
      byDuty: z.array(z.object({ duty: z.enum(PSM_DUTIES), label: MsgSchema, total: z.number().int(), counted: z.number().int() })),
    }),
    entries: z.array(
      z.object({
        activityId: z.uuid(),
        duty: z.enum(PSM_DUTIES),
        source: z.enum(ACTIVITY_SOURCES),
        title: z.string(),
        occurredOn: z.string(),
        counted: z.boolean(),
        reviewNote: z.string().nullable(),
      }),
    ),
    disputes: z.array(MonthlyReportDisputeSchema),
    openDisputes: z.number().int(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'MonthlyReport' });

export const MonthlyReportListQuerySchema = z
  .object({
    area: AreaCodeSchema.optional(),
    month: Month.optional(),
    status: z.enum(MONTHLY_REPORT_STATUSES).optional(),
    mine: z.enum(['true', 'false']).optional(),
    ...PageQuery,
  })
  .strict();

export const MonthlyReportListSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      psmLabel: z.string(),
      villageCode: z.string(),
      villageName: z.string(),
      month: z.string(),
      status: z.enum(MONTHLY_REPORT_STATUSES),
      openDisputes: z.number().int(),
      version: z.number().int(),
    }),
  ),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const VersionBodySchema = z.object({ version: z.number().int().min(1) }).strict();

export const MonthlyReportReviewSchema = z
  .object({
    version: z.number().int().min(1),
    feedback: z.string().trim().min(1).max(5000),
    /** Entries the reviewer does not count (or counts again), each with a note. */
    entries: z
      .array(z.object({ activityId: z.uuid(), counted: z.boolean(), note: z.string().trim().min(1).max(1000) }).strict())
      .max(2000)
      .optional(),
  })
  .strict();

export const DisputeCreateSchema = z
  .object({ activityId: z.uuid(), comment: z.string().trim().min(3).max(2000) })
  .strict();

export const DisputeAnswerSchema = z
  .object({
    answer: z.string().trim().min(3).max(2000),
    /** accepted: the entry counts (and takes `duty` if given); rejected: it stays as reviewed. */
    outcome: z.enum(['accepted', 'rejected']),
    duty: z.enum(PSM_DUTIES).optional(),
  })
  .strict();

/** Every export states its purpose (UU PDP: a declared purpose on every export); it is audited. */
export const ExportBodySchema = z
  .object({ format: z.enum(['pdf', 'xlsx']), purpose: z.string().trim().min(5).max(500) })
  .strict();

export const LetterheadSchema = z
  .object({
    areaCode: z.string(),
    officeName: z.string(),
    parentName: z.string().nullable(),
    address: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    city: z.string().nullable(),
    logoFileId: z.string().nullable(),
    signerTitle: z.string().nullable(),
    signerName: z.string().nullable(),
    signerNip: z.string().nullable(),
    /** false: no letterhead configured for this area or above; a plain one is used. */
    configured: z.boolean(),
  })
  .meta({ id: 'Letterhead' });

const Text = (max: number) => z.string().trim().min(1).max(max);
export const LetterheadUpdateSchema = z
  .object({
    officeName: Text(200),
    parentName: Text(200).nullable().optional(),
    address: Text(500),
    phone: Text(50).nullable().optional(),
    email: z.email().max(200).nullable().optional(),
    city: Text(100).nullable().optional(),
    logoFileId: z.uuid().nullable().optional(),
    signerTitle: Text(200).nullable().optional(),
    signerName: Text(200).nullable().optional(),
    signerNip: z.string().regex(/^\d{18}$/, 'NIP: 18 digits').nullable().optional(),
  })
  .strict();

export type MonthlyReportReview = z.infer<typeof MonthlyReportReviewSchema>;
export type DisputeAnswer = z.infer<typeof DisputeAnswerSchema>;
export type LetterheadUpdate = z.infer<typeof LetterheadUpdateSchema>;
export type MonthlyReportListQuery = z.infer<typeof MonthlyReportListQuerySchema>;

// The monitoring module's other contracts, exported through this file (one line in index.ts).
export * from './activities';
export * from './dashboard';
export * from './public';
