import { z } from 'zod';
import { ACTIVITY_SOURCES, PSM_DUTIES } from '../reports/duties';
import { AreaCodeSchema } from './common';
import { PageQuery } from './people';

const VillageCode = AreaCodeSchema.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'village code PP.KK.CC.NNNN');
const ProgrammeCode = z.string().trim().min(1).max(40).regex(/^[a-z0-9_-]+$/, 'programme code');

/** A PSM activity typed by hand (also offline: the id may come from the device). */
export const ActivityCreateSchema = z
  .object({
    id: z.uuid().optional(),
    /** Defaults to the village of the PSM's grant. */
    villageCode: VillageCode.optional(),
    duty: z.enum(PSM_DUTIES),
    /** Required for duty `program` (PKH, BPNT…). */
    programmeCode: ProgrammeCode.optional(),
    title: z.string().trim().min(3).max(200),
    note: z.string().trim().max(5000).optional(),
    occurredAt: z.iso.datetime({ offset: true }),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    accuracyM: z.number().min(0).max(100_000).optional(),
    /** Uploaded first with POST /activities/photos. */
    photoFileId: z.uuid().optional(),
  })
  .strict();

export const ActivityUpdateSchema = z
  .object({
    version: z.number().int().min(1),
    duty: z.enum(PSM_DUTIES).optional(),
    programmeCode: ProgrammeCode.nullable().optional(),
    title: z.string().trim().min(3).max(200).optional(),
    note: z.string().trim().max(5000).nullable().optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    accuracyM: z.number().min(0).max(100_000).nullable().optional(),
    photoFileId: z.uuid().nullable().optional(),
  })
  .strict();

export const ActivitySchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    villageCode: z.string(),
    duty: z.enum(PSM_DUTIES),
    programmeCode: z.string().nullable(),
    source: z.enum(ACTIVITY_SOURCES),
    sourceId: z.string().nullable(),
    title: z.string(),
    note: z.string().nullable(),
    occurredAt: z.string(),
    occurredOn: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    accuracyM: z.number().nullable(),
    photoFileId: z.string().nullable(),
    status: z.enum(['active', 'deleted']),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'Activity' });

export const ActivityListQuerySchema = z
  .object({
    /** `me` (default for a PSM) or a user id; others see every PSM in their area. */
    user: z.union([z.literal('me'), z.uuid()]).optional(),
    area: AreaCodeSchema.optional(),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month YYYY-MM').optional(),
    duty: z.enum(PSM_DUTIES).optional(),
    ...PageQuery,
  })
  .strict();

export const ActivityListSchema = z.object({
  items: z.array(ActivitySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export type ActivityCreate = z.infer<typeof ActivityCreateSchema>;
export type ActivityUpdate = z.infer<typeof ActivityUpdateSchema>;
export type ActivityListQuery = z.infer<typeof ActivityListQuerySchema>;
