import { z } from 'zod';
import { AreaCodeSchema } from './common';
import { PageQuery } from './people';

/** The pure programme rules (usulan state machine, cut-off, BNBA template, complaints) travel with their contracts. */
export * from '../programmes';

const RegencyCodeSchema = AreaCodeSchema.regex(/^\d{2}\.\d{2}$/, 'regency code PP.KK');

export const MEMBERSHIP_STATUSES = ['aktif', 'ditangguhkan', 'berhenti'] as const;
export const MEMBERSHIP_SOURCES = ['dtsen', 'siks_ng', 'usulan', 'musdes', 'dinsos', 'psm', 'lainnya'] as const;
export const ProgrammeCodeSchema = z.string().trim().min(2).max(40).regex(/^[a-z0-9][a-z0-9-]*$/, 'programme code: lower-case slug');

export const ProgrammeSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string(),
  target: z.enum(['keluarga', 'perorangan']),
  aliases: z.array(z.string()),
  /** null: national; otherwise the local government that added it. */
  ownerAreaCode: z.string().nullable(),
  active: z.boolean(),
});
export const ProgrammeListSchema = z.object({ items: z.array(ProgrammeSchema) });

export const LocalProgrammeCreateSchema = z
  .object({
    code: ProgrammeCodeSchema,
    name: z.string().trim().min(2).max(120),
    nameEn: z.string().trim().min(2).max(160).optional(),
    description: z.string().trim().max(1000).optional(),
    target: z.enum(['keluarga', 'perorangan']),
    aliases: z.array(z.string().trim().min(1).max(120)).max(10).optional(),
    /** The regency (kab/kota) or province whose government runs it. */
    ownerAreaCode: AreaCodeSchema.regex(/^\d{2}(\.\d{2})?$/, 'province or regency code'),
  })
  .strict();

const MembershipFields = {
  status: z.enum(MEMBERSHIP_STATUSES),
  periodStart: z.iso.date().nullable().optional(),
  periodEnd: z.iso.date().nullable().optional(),
  /** ID DTKS/DTSEN as given by SIKS-NG. */
  dtsenId: z.string().trim().min(1).max(40).regex(/^[0-9A-Za-z.\-/]+$/).nullable().optional(),
  /** KKS card number (16 digits); protected like the NIK. */
  kks: z.string().trim().regex(/^\d{16}$/, 'KKS: 16 digits').optional(),
  decile: z.number().int().min(1).max(10).nullable().optional(),
  source: z.enum(MEMBERSHIP_SOURCES),
  infoDate: z.iso.date(),
  note: z.string().trim().max(1000).nullable().optional(),
};

export const MembershipCreateSchema = z
  .object({
    id: z.uuid().optional(),
    programmeCode: ProgrammeCodeSchema,
    personId: z.uuid().optional(),
    householdId: z.uuid().optional(),
    ...MembershipFields,
  })
  .strict();

export const MembershipUpdateSchema = z
  .object(MembershipFields)
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();

export const MembershipSchema = z.object({
  id: z.uuid(),
  regencyCode: z.string(),
  villageCode: z.string(),
  programmeCode: z.string(),
  programmeName: z.string(),
  personId: z.string().nullable(),
  householdId: z.string().nullable(),
  recipientName: z.string().nullable(),
  status: z.enum(MEMBERSHIP_STATUSES),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  dtsenId: z.string().nullable(),
  /** Masked, e.g. 6013********4321; the full value only through reveal-kks. */
  kksMasked: z.string().nullable(),
  decile: z.number().int().nullable(),
  source: z.enum(MEMBERSHIP_SOURCES),
  infoDate: z.string(),
  usulanId: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export const MembershipListQuerySchema = z
  .object({
    area: AreaCodeSchema.optional(),
    programme: ProgrammeCodeSchema.optional(),
    status: z.enum(MEMBERSHIP_STATUSES).optional(),
    personId: z.uuid().optional(),
    householdId: z.uuid().optional(),
    ...PageQuery,
  })
  .strict();
export const MembershipListSchema = z.object({ items: z.array(MembershipSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
export const KksRevealResultSchema = z.object({ kks: z.string() });

export const ProgrammeFiguresQuerySchema = z.object({ area: AreaCodeSchema }).strict();
export const ProgrammeFiguresSchema = z.object({
  area: z.string(),
  memberships: z.array(z.object({ programmeCode: z.string(), status: z.string(), n: z.number().int() })),
  usulan: z.array(z.object({ programmeCode: z.string(), status: z.string(), month: z.string(), n: z.number().int() })),
  distributions: z.array(
    z.object({ programmeCode: z.string(), month: z.string(), expected: z.number().int(), received: z.number().int(), represented: z.number().int(), absent: z.number().int() }),
  ),
});

export { RegencyCodeSchema };
export type MembershipCreate = z.infer<typeof MembershipCreateSchema>;
export type MembershipUpdate = z.infer<typeof MembershipUpdateSchema>;
export type LocalProgrammeCreate = z.infer<typeof LocalProgrammeCreateSchema>;
