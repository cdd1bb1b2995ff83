import { z } from 'zod';
import { MEMBER_STATUSES, MEMBER_TRANSITION_NAMES, STOP_REASONS } from '../members';
import { AreaCodeSchema } from './common';

export * from '../members';

const VillageCode = AreaCodeSchema.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'village code PP.KK.CC.NNNN');
const RegencyCode = z.string().regex(/^\d{2}\.\d{2}$/, 'regency code PP.KK');
const Issue = z.object({ code: z.string(), field: z.string(), message: z.object({ id: z.string(), en: z.string() }) });
const Text = (max: number) => z.string().trim().min(1).max(max);
const Phone = z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/);
const Version = z.number().int().min(1);

/** What a PSM record holds (UU PDP: NIK protected; phone, address and birth date are personal). */
const MemberFields = {
  villageCode: VillageCode,
  rw: z.string().regex(/^\d{1,3}$/).nullable().optional(),
  fullName: Text(200),
  sex: z.enum(['L', 'P']),
  birthDate: z.iso.date(),
  phone: Phone.nullable().optional(),
  address: z.string().trim().max(500).nullable().optional(),
  membershipKind: z.enum(['biasa', 'kehormatan']).optional(),
  livesInVillage: z.boolean().optional(),
  healthStatement: z.boolean().optional(),
  skNumber: z.string().trim().min(1).max(100).nullable().optional(),
  skDate: z.iso.date().nullable().optional(),
  skIssuer: z.string().trim().min(1).max(200).nullable().optional(),
};

export const MemberCreateSchema = z
  .object({ id: z.uuid().optional(), ...MemberFields, nik: z.string().max(32) })
  .strict();

/** Village changes are transfers (POST …/transfer), never edits. */
export const MemberUpdateSchema = z
  .object(MemberFields)
  .omit({ villageCode: true })
  .partial()
  .extend({ version: Version })
  .strict();

export const MemberRequirementStatusSchema = z.object({ code: z.string(), label: z.string(), labelEn: z.string(), met: z.boolean() });

export const MemberTrainingSchema = z.object({
  id: z.uuid(),
  trainedOn: z.string(),
  title: z.string(),
  organiser: z.string(),
  certificateFileId: z.uuid().nullable(),
});
export const MemberAwardSchema = z.object({
  id: z.uuid(),
  level: z.enum(['desa', 'kecamatan', 'kabkota', 'provinsi', 'nasional']),
  awardType: z.string(),
  skNumber: z.string().nullable(),
  awardedOn: z.string(),
});
export const MemberTransferSchema = z.object({
  id: z.uuid(),
  fromVillageCode: z.string(),
  fromVillageName: z.string(),
  toVillageCode: z.string(),
  toVillageName: z.string(),
  movedOn: z.string(),
  reason: z.string(),
});
export const MemberStatusEventSchema = z.object({
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  reason: z.string().nullable(),
  basis: z.string().nullable(),
  note: z.string().nullable(),
  effectiveDate: z.string().nullable(),
  at: z.string(),
  actor: z.string(),
});

export const MemberSchema = z
  .object({
    id: z.uuid(),
    regencyCode: z.string(),
    villageCode: z.string(),
    villageName: z.string(),
    districtName: z.string(),
    regencyName: z.string(),
    rw: z.string().nullable(),
    fullName: z.string(),
    sex: z.enum(['L', 'P']),
    birthDate: z.string(),
    age: z.number().int(),
    /** Masked, e.g. 3372********0001. */
    nikMasked: z.string(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    photoFileId: z.uuid().nullable(),
    membershipKind: z.enum(['biasa', 'kehormatan']),
    livesInVillage: z.boolean(),
    healthStatement: z.boolean(),
    sk: z.object({ number: z.string(), date: z.string().nullable(), issuer: z.string().nullable(), fileId: z.uuid().nullable() }).nullable(),
    kta: z.object({ number: z.string(), kind: z.enum(['sementara', 'tetap']), date: z.string().nullable() }).nullable(),
    status: z.enum(MEMBER_STATUSES),
    statusDate: z.string().nullable(),
    statusReason: z.enum(STOP_REASONS).nullable(),
    statusBasis: z.string().nullable(),
    returnReason: z.string().nullable(),
    activeSince: z.string().nullable(),
    source: z.string(),
    requirements: z.array(MemberRequirementStatusSchema),
    requirementsMet: z.boolean(),
    trainings: z.array(MemberTrainingSchema),
    awards: z.array(MemberAwardSchema),
    transfers: z.array(MemberTransferSchema),
    statusHistory: z.array(MemberStatusEventSchema),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Permissions the caller may use on this record. */
    actions: z.array(z.string()),
    /** Lifecycle transitions the caller may make now (POST …/transitions). */
    transitions: z.array(z.enum(MEMBER_TRANSITION_NAMES as [string, ...string[]])),
  })
  .meta({ id: 'Member' });

export const MemberWriteResultSchema = MemberSchema.extend({ warnings: z.array(Issue) });

const BoolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const MemberListQuerySchema = z
  .object({
    area: AreaCodeSchema.optional(),
    q: z.string().trim().min(2).max(100).optional(),
    status: z.enum(MEMBER_STATUSES).optional(),
    hasSk: BoolQuery.optional(),
    hasKta: BoolQuery.optional(),
    hasTraining: BoolQuery.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

export const MemberListItemSchema = z.object({
  id: z.uuid(),
  villageCode: z.string(),
  villageName: z.string(),
  fullName: z.string(),
  sex: z.enum(['L', 'P']),
  nikMasked: z.string(),
  status: z.enum(MEMBER_STATUSES),
  ktaNumber: z.string().nullable(),
  hasSk: z.boolean(),
  hasTraining: z.boolean(),
  actions: z.array(z.string()),
  transitions: z.array(z.string()),
});
export const MemberListSchema = z.object({
  items: z.array(MemberListItemSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const MemberTransitionBodySchema = z
  .object({
    transition: z.enum(MEMBER_TRANSITION_NAMES as [string, ...string[]]),
    version: Version,
    /** Required to return a registration (what is missing) — shown to whoever registered. */
    reason: z.string().trim().min(5).max(500).optional(),
    /** Required to stop. */
    stopReason: z.enum(STOP_REASONS).optional(),
    /** Effective date (default today). */
    date: z.iso.date().optional(),
    /** Basis, e.g. the SK number. */
    basis: z.string().trim().min(1).max(200).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

export const KtaIssueBodySchema = z
  .object({ number: Text(50), kind: z.enum(['sementara', 'tetap']), date: z.iso.date(), version: Version })
  .strict();

export const MemberTransferBodySchema = z
  .object({ toVillageCode: VillageCode, movedOn: z.iso.date(), reason: Text(500), version: Version })
  .strict();

export const TrainingCreateSchema = z
  .object({ trainedOn: z.iso.date(), title: Text(200), organiser: Text(200), certificateFileId: z.uuid().optional() })
  .strict();

export const AwardCreateSchema = z
  .object({
    level: z.enum(['desa', 'kecamatan', 'kabkota', 'provinsi', 'nasional']),
    awardType: Text(200),
    skNumber: z.string().trim().min(1).max(100).optional(),
    awardedOn: z.iso.date(),
  })
  .strict();

export const MemberDocumentQuerySchema = z.object({ kind: z.enum(['photo', 'sk', 'certificate']) }).strict();
export const StoredFileRefSchema = z.object({ fileId: z.uuid(), contentType: z.string(), sizeBytes: z.number().int() });

/** Coverage of an area (nasional → desa) by active PSM. */
export const CoverageQuerySchema = z
  .object({
    area: z.union([z.literal('ID'), AreaCodeSchema]).default('ID'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
const CoverageFigures = {
  villagesTotal: z.number().int(),
  villagesWithActive: z.number().int(),
  activeMembers: z.number().int(),
  withSk: z.number().int(),
  withKta: z.number().int(),
  withTraining: z.number().int(),
};
export const CoverageSchema = z
  .object({
    area: z.object({ code: z.string(), name: z.string(), level: z.string() }),
    ...CoverageFigures,
    /** Villages by number of active PSM: 0, 1, 2–4, ≥ 5 (the "5 PSM per desa" aspiration). */
    distribution: z.object({ none: z.number().int(), one: z.number().int(), twoToFour: z.number().int(), fiveOrMore: z.number().int() }),
    children: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), ...CoverageFigures })),
    villagesWithout: z.object({
      items: z.array(z.object({ code: z.string(), name: z.string(), districtName: z.string() })),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
    }),
  })
  .meta({ id: 'Coverage' });

export const RegistrationLinkCreateSchema = z
  .object({ regencyCode: RegencyCode, validDays: z.number().int().min(1).max(365).default(30), note: z.string().trim().max(200).optional() })
  .strict();
export const RegistrationLinkSchema = z.object({
  id: z.uuid(),
  regencyCode: z.string(),
  /** Shown once: only its hash is stored. */
  token: z.string(),
  expiresAt: z.string(),
});
export const SelfRegistrationSchema = MemberCreateSchema.omit({ id: true, membershipKind: true })
  .extend({ token: z.string().min(20).max(100) })
  .strict();
export const SelfRegistrationResultSchema = z.object({ status: z.literal('diajukan'), message: z.object({ id: z.string(), en: z.string() }) });

export const PublicMemberVerificationSchema = z
  .object({ fullName: z.string(), status: z.enum(MEMBER_STATUSES), villageName: z.string() })
  .meta({ id: 'PublicMemberVerification' });

export const RequirementSettingSchema = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string(),
  enabled: z.boolean(),
  defaultEnabled: z.boolean(),
});
export const RequirementSettingsSchema = z.object({ regencyCode: z.string(), items: z.array(RequirementSettingSchema), actions: z.array(z.string()) });
export const RequirementSettingsUpdateSchema = z
  .object({ items: z.array(z.object({ code: z.string(), enabled: z.boolean() })).min(1).max(50) })
  .strict();

export const MemberCardsBodySchema = z
  .object({ ids: z.array(z.uuid()).min(1).max(200).optional(), area: AreaCodeSchema.optional() })
  .strict();

export const ImportRowResultSchema = z.object({
  row: z.number().int(),
  status: z.enum(['accepted', 'unchanged', 'rejected']),
  memberId: z.uuid().nullable(),
  nikMasked: z.string().nullable(),
  reasons: z.array(Issue),
});
export const ImportReportSchema = z
  .object({
    total: z.number().int(),
    accepted: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    rows: z.array(ImportRowResultSchema),
  })
  .meta({ id: 'MemberImportReport' });

export type MemberCreate = z.infer<typeof MemberCreateSchema>;
export type MemberUpdate = z.infer<typeof MemberUpdateSchema>;
export type Member = z.infer<typeof MemberSchema>;
export type MemberTransitionBody = z.infer<typeof MemberTransitionBodySchema>;
export type Coverage = z.infer<typeof CoverageSchema>;
export type ImportReport = z.infer<typeof ImportReportSchema>;
export type ImportRowResult = z.infer<typeof ImportRowResultSchema>;
