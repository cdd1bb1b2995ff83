import { z } from 'zod';
import { AreaCodeSchema } from './common';

const VillageCodeSchema = AreaCodeSchema.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'village code PP.KK.CC.NNNN');
const IssueSchema = z.object({ code: z.string(), field: z.string(), message: z.object({ id: z.string(), en: z.string() }) });

export const NIK_MISSING_REASONS = ['tidak_punya', 'belum_rekam', 'tidak_diketahui'] as const;

/** Fields a person record carries (UU PDP: NIK is protected; phone and address are personal). */
const PersonFields = {
  villageCode: VillageCodeSchema,
  rw: z.string().regex(/^\d{1,3}$/).nullable().optional(),
  rt: z.string().regex(/^\d{1,3}$/).nullable().optional(),
  fullName: z.string().trim().min(1).max(200),
  aliases: z.array(z.string().trim().min(1).max(200)).max(10).optional(),
  sex: z.enum(['L', 'P']).nullable().optional(),
  birthDate: z.iso.date().nullable().optional(),
  birthDateEstimated: z.boolean().optional(),
  birthPlace: z.string().trim().max(100).nullable().optional(),
  address: z.string().trim().max(500).nullable().optional(),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/).nullable().optional(),
};

export const PersonCreateSchema = z
  .object({
    /** Made on the device (UUIDv7) so offline records never collide; the server makes one when absent. */
    id: z.uuid().optional(),
    ...PersonFields,
    nik: z.string().max(32).optional(),
    nikMissingReason: z.enum(NIK_MISSING_REASONS).optional(),
  })
  .strict();

export const PersonUpdateSchema = z
  .object(PersonFields)
  .partial()
  .extend({
    /** The version the edit is based on; a stale version answers 409. */
    version: z.number().int().min(1),
    nik: z.string().max(32).optional(),
    nikMissingReason: z.enum(NIK_MISSING_REASONS).optional(),
  })
  .strict();

export const PersonSchema = z
  .object({
    id: z.uuid(),
    regencyCode: z.string(),
    villageCode: z.string(),
    villageName: z.string(),
    rw: z.string().nullable(),
    rt: z.string().nullable(),
    fullName: z.string(),
    aliases: z.array(z.string()),
    sex: z.enum(['L', 'P']).nullable(),
    birthDate: z.string().nullable(),
    birthDateEstimated: z.boolean(),
    birthPlace: z.string().nullable(),
    /** Masked, e.g. 3372********0001; the full value only through reveal-nik. */
    nikMasked: z.string().nullable(),
    nikMissingReason: z.enum(NIK_MISSING_REASONS).nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    status: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** What the caller may do with this record (rendered by the web app as-is). */
    actions: z.array(z.string()),
  })
  .meta({ id: 'Person' });

export const PersonWriteResultSchema = PersonSchema.extend({ warnings: z.array(IssueSchema) });

export const PersonListQuerySchema = z
  .object({
    area: AreaCodeSchema.optional(),
    q: z.string().trim().min(2).max(100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

export const PersonListItemSchema = PersonSchema.pick({
  id: true,
  villageCode: true,
  villageName: true,
  fullName: true,
  sex: true,
  birthDate: true,
  nikMasked: true,
  status: true,
  actions: true,
});

export const PersonListSchema = z.object({
  items: z.array(PersonListItemSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const RevealBodySchema = z.object({ reason: z.string().trim().min(10).max(500) }).strict();
export const RevealResultSchema = z.object({ nik: z.string() });

export const ProcessingEventSchema = z
  .object({
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    purpose: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ProcessingEvent' });
export const ProcessingHistorySchema = z.object({ personId: z.uuid(), items: z.array(ProcessingEventSchema) });

export type PersonCreate = z.infer<typeof PersonCreateSchema>;
export type PersonUpdate = z.infer<typeof PersonUpdateSchema>;
export type Person = z.infer<typeof PersonSchema>;
