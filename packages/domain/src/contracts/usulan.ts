import { z } from 'zod';
import { BNBA_FIELD_KEYS, type BnbaField } from '../programmes/bnba';
import { USULAN_STATUSES } from '../programmes/usulan';
import { AreaCodeSchema } from './common';
import { PageQuery } from './people';
import { ProgrammeCodeSchema } from './programmes';

const VillageCodeSchema = AreaCodeSchema.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'village code PP.KK.CC.NNNN');
const RegencyCode = AreaCodeSchema.regex(/^\d{2}\.\d{2}$/, 'regency code PP.KK');
const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month YYYY-MM');
const MsgSchema = z.object({ id: z.string(), en: z.string() });

export const UsulanStatusSchema = z.enum(USULAN_STATUSES);

export const UsulanCreateSchema = z
  .object({
    id: z.uuid().optional(),
    programmeCode: ProgrammeCodeSchema,
    personId: z.uuid().optional(),
    householdId: z.uuid().optional(),
    reason: z.string().trim().min(3).max(1000),
  })
  .strict();

/** One step of the lifecycle. Fields beyond `version` belong to particular steps. */
export const UsulanStepSchema = z
  .object({
    action: z.enum(['propose', 'sptjm', 'verify', 'approve_verifier', 'approve_head', 'return', 'withdraw']),
    version: z.number().int().min(1),
    reason: z.string().trim().min(3).max(1000).optional(),
    /** SPTJM (surat pernyataan tanggung jawab mutlak) in place of a musdes: the signed scan and who signed. */
    sptjmFileId: z.uuid().optional(),
    sptjmSigner: z.string().trim().min(3).max(200).optional(),
    /** Field verification: every checklist item answered true/false, photos uploaded first. */
    checklist: z.record(z.string().max(40), z.boolean()).optional(),
    verificationNote: z.string().trim().max(2000).optional(),
    photoFileIds: z.array(z.uuid()).max(10).optional(),
  })
  .strict();

export const UsulanEventSchema = z.object({
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
  actor: z.string(),
});

export const UsulanSchema = z.object({
  id: z.uuid(),
  regencyCode: z.string(),
  villageCode: z.string(),
  programmeCode: z.string(),
  personId: z.string().nullable(),
  householdId: z.string().nullable(),
  recipientName: z.string().nullable(),
  nikMasked: z.string().nullable(),
  reason: z.string(),
  status: UsulanStatusSchema,
  batchMonth: z.string().nullable(),
  deliberation: z.enum(['musdes', 'sptjm']).nullable(),
  musdesId: z.string().nullable(),
  checklist: z.record(z.string(), z.boolean()).nullable(),
  verificationPhotoIds: z.array(z.string()),
  resultReason: z.string().nullable(),
  returnReason: z.string().nullable(),
  membershipId: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
  events: z.array(UsulanEventSchema).optional(),
});
export const UsulanListQuerySchema = z
  .object({ area: AreaCodeSchema.optional(), status: UsulanStatusSchema.optional(), programme: ProgrammeCodeSchema.optional(), batchMonth: MonthSchema.optional(), ...PageQuery })
  .strict();
export const UsulanListSchema = z.object({ items: z.array(UsulanSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

export const CutoffQuerySchema = z.object({ area: AreaCodeSchema }).strict();
export const CutoffSchema = z.object({
  area: z.string(),
  timeZone: z.enum(['WIB', 'WITA', 'WIT']),
  cutoffDay: z.number().int(),
  batchMonth: z.string(),
  cutoffAt: z.string(),
  rolledOver: z.boolean(),
});

export const MusdesCreateSchema = z
  .object({
    id: z.uuid().optional(),
    villageCode: VillageCodeSchema,
    kind: z.enum(['musdes', 'muskel']),
    heldOn: z.iso.date(),
    place: z.string().trim().min(3).max(300),
    attendeeCount: z.number().int().min(1).max(10_000),
    attendeeRoles: z.array(z.object({ role: z.string().trim().min(2).max(100), count: z.number().int().min(1).max(10_000) }).strict()).min(1).max(30),
    /** The usulan decided at this meeting (all must be proposed, in this village). */
    usulanIds: z.array(z.uuid()).min(1).max(1000),
    signedScanFileId: z.uuid().optional(),
    notes: z.string().trim().max(4000).optional(),
  })
  .strict();
export const MusdesSchema = z.object({
  id: z.uuid(),
  villageCode: z.string(),
  kind: z.enum(['musdes', 'muskel']),
  heldOn: z.string(),
  place: z.string(),
  attendeeCount: z.number().int(),
  attendeeRoles: z.array(z.object({ role: z.string(), count: z.number().int() })),
  decidedCount: z.number().int(),
  signedScanFileId: z.string().nullable(),
  notes: z.string().nullable(),
  usulanIds: z.array(z.string()),
  createdAt: z.string(),
});

export const UsulanFileQuerySchema = z
  .object({ villageCode: VillageCodeSchema, purpose: z.enum(['musdes_scan', 'sptjm', 'verification_photo']) })
  .strict();

export const BnbaColumnSchema = z.object({ field: z.enum(BNBA_FIELD_KEYS as [BnbaField, ...BnbaField[]]), header: z.string().trim().min(1).max(60) }).strict();
export const BnbaTemplateCreateSchema = z
  .object({ ownerAreaCode: RegencyCode, name: z.string().trim().min(3).max(120), columns: z.array(BnbaColumnSchema).min(2).max(40), isDefault: z.boolean().optional() })
  .strict();
export const BnbaTemplateSchema = z.object({
  id: z.string(),
  ownerAreaCode: z.string().nullable(),
  name: z.string(),
  columns: z.array(z.object({ field: z.string(), header: z.string() })),
  isDefault: z.boolean(),
  builtIn: z.boolean(),
});
export const BnbaTemplateListSchema = z.object({ items: z.array(BnbaTemplateSchema) });

export const BnbaExportBodySchema = z
  .object({
    regencyCode: RegencyCode,
    programmeCode: ProgrammeCodeSchema,
    batchMonth: MonthSchema,
    /** full: NIK and No. KK in clear for the SIKS-NG upload (usulan.export_bnba, audited per person); masked: a review list. */
    mode: z.enum(['full', 'masked']),
    /** Why the list is exported (UU PDP checklist point 5); recorded with every reveal. */
    purpose: z.string().trim().min(10).max(500),
    templateId: z.uuid().optional(),
  })
  .strict();

export const BnbaImportRowSchema = z.object({
  row: z.number().int(),
  usulanId: z.string().nullable(),
  nikMasked: z.string().nullable(),
  result: z.enum(['set', 'rejected']).nullable(),
  status: z.enum(['ok', 'unchanged', 'error']),
  code: z.string().nullable(),
  message: MsgSchema.nullable(),
});
export const BnbaImportReportSchema = z.object({
  importId: z.uuid(),
  exportId: z.uuid(),
  applied: z.boolean(),
  total: z.number().int(),
  set: z.number().int(),
  rejected: z.number().int(),
  unchanged: z.number().int(),
  errors: z.number().int(),
  rows: z.array(BnbaImportRowSchema),
});

export type UsulanCreate = z.infer<typeof UsulanCreateSchema>;
export type UsulanStep = z.infer<typeof UsulanStepSchema>;
export type MusdesCreate = z.infer<typeof MusdesCreateSchema>;
export type BnbaExportBody = z.infer<typeof BnbaExportBodySchema>;
export type BnbaImportRow = z.infer<typeof BnbaImportRowSchema>;
