import { z } from 'zod';
import { AreaCodeSchema } from './common';

const VillageCodeSchema = AreaCodeSchema.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'village code PP.KK.CC.NNNN');
const IssueSchema = z.object({ code: z.string(), field: z.string(), message: z.object({ id: z.string(), en: z.string() }) });

export const NIK_MISSING_REASONS = ['tidak_punya', 'belum_rekam', 'tidak_diketahui'] as const;
export const DISABILITY_TYPES = ['fisik', 'intelektual', 'mental', 'sensorik'] as const;
export const DISABILITY_SEVERITIES = ['ringan', 'sedang', 'berat'] as const;
export const PageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
};

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
  /** Health data: "spesifik" (UU PDP Pasal 4). Kinds per UU 8/2016 Pasal 4. */
  disabilityTypes: z.array(z.enum(DISABILITY_TYPES)).max(4).optional(),
  disabilitySeverity: z.enum(DISABILITY_SEVERITIES).nullable().optional(),
  /** A photo uploaded with POST /persons/:id/files (or /files for a new person). */
  photoFileId: z.uuid().nullable().optional(),
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
    disabilityTypes: z.array(z.enum(DISABILITY_TYPES)),
    disabilitySeverity: z.enum(DISABILITY_SEVERITIES).nullable(),
    photoFileId: z.string().nullable(),
    status: z.string(),
    mergedInto: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** What the caller may do with this record (rendered by the web app as-is). */
    actions: z.array(z.string()),
  })
  .meta({ id: 'Person' });

/** A possible duplicate shown on registration (masked; only persons inside the caller's scope). */
export const DuplicateCandidateSchema = z
  .object({
    id: z.uuid(),
    fullName: z.string(),
    villageCode: z.string(),
    villageName: z.string(),
    birthYear: z.number().int().nullable(),
    nikMasked: z.string().nullable(),
    similarity: z.number(),
    reasons: z.array(z.enum(['name', 'birth_date', 'birth_year', 'village', 'district'])),
  })
  .meta({ id: 'DuplicateCandidate' });

export const PersonWriteResultSchema = PersonSchema.extend({
  warnings: z.array(IssueSchema),
  /** Near matches found on registration: a warning, never a block. */
  candidates: z.array(DuplicateCandidateSchema),
});

export const DuplicateCheckSchema = z
  .object({
    villageCode: VillageCodeSchema,
    fullName: z.string().trim().min(2).max(200),
    birthDate: z.iso.date().optional(),
    /** When only an (estimated) year is known. */
    birthYear: z.number().int().min(1900).max(2100).optional(),
    nik: z.string().max(32).optional(),
    /** Leave this person out (editing an existing record). */
    excludeId: z.uuid().optional(),
  })
  .strict();
export const DuplicateCheckResultSchema = z.object({
  /** An exact NIK match inside the caller's scope. */
  exact: z.object({ id: z.uuid(), fullName: z.string(), nikMasked: z.string().nullable() }).nullable(),
  /** The NIK exists but outside the caller's scope (a transfer may be needed). */
  nikRegisteredElsewhere: z.boolean(),
  candidates: z.array(DuplicateCandidateSchema),
});

export const PersonListQuerySchema = z
  .object({
    area: AreaCodeSchema.optional(),
    q: z.string().trim().min(2).max(100).optional(),
    /** Persons holding this PPKS category (active assignment). */
    ppks: z.coerce.number().int().min(1).max(99).optional(),
    /** Persons with a case in this lifecycle status. */
    caseStatus: z.enum(['identified', 'assessed', 'planned', 'in_intervention', 'monitoring', 'closed']).optional(),
    ...PageQuery,
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
}).extend({ ppksCodes: z.array(z.number().int()) });

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

export const PpksAssignSchema = z
  .object({
    id: z.uuid().optional(),
    ppksCode: z.number().int().min(1).max(99),
    assessedOn: z.iso.date(),
    evidenceFileId: z.uuid().nullable().optional(),
    evidenceNote: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();
export const PpksEndSchema = z.object({ endedOn: z.iso.date(), reason: z.string().trim().min(3).max(500) }).strict();
export const PersonPpksSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    ppksCode: z.number().int(),
    ppksName: z.string(),
    sensitivity: z.enum(['umum', 'spesifik']),
    assessedOn: z.string(),
    assessorLabel: z.string(),
    evidenceFileId: z.string().nullable(),
    evidenceNote: z.string().nullable(),
    endedOn: z.string().nullable(),
    endReason: z.string().nullable(),
  })
  .meta({ id: 'PersonPpks' });
export const PersonPpksWriteResultSchema = PersonPpksSchema.extend({ warnings: z.array(IssueSchema) });
export const PersonPpksListSchema = z.object({ items: z.array(PersonPpksSchema) });

/** UU PDP Pasal 20(2) a–f. */
export const LEGAL_BASES = ['persetujuan', 'perjanjian', 'kewajiban_hukum', 'kepentingan_vital', 'tugas_publik', 'kepentingan_sah'] as const;
export const ConsentCreateSchema = z
  .object({
    id: z.uuid().optional(),
    basis: z.enum(LEGAL_BASES),
    purpose: z.string().trim().min(5).max(500),
    givenOn: z.iso.date(),
    evidenceFileId: z.uuid().nullable().optional(),
    guardian: z.object({ name: z.string().trim().min(2).max(200), relationship: z.string().trim().min(2).max(100) }).strict().nullable().optional(),
  })
  .strict();
export const ConsentWithdrawSchema = z.object({ withdrawnOn: z.iso.date(), note: z.string().trim().max(500).optional() }).strict();
export const ConsentSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    basis: z.enum(LEGAL_BASES),
    purpose: z.string(),
    givenOn: z.string(),
    evidenceFileId: z.string().nullable(),
    guardianName: z.string().nullable(),
    guardianRelationship: z.string().nullable(),
    guardianReason: z.enum(['anak', 'disabilitas']).nullable(),
    withdrawnOn: z.string().nullable(),
    withdrawalNote: z.string().nullable(),
    recordedAt: z.string(),
    active: z.boolean(),
  })
  .meta({ id: 'Consent' });
export const ConsentListSchema = z.object({ items: z.array(ConsentSchema) });

export const MergeBodySchema = z.object({ duplicateId: z.uuid(), reason: z.string().trim().min(5).max(500) }).strict();
export const UnmergeBodySchema = z.object({ reason: z.string().trim().min(5).max(500) }).strict();
export const MergeSchema = z
  .object({
    id: z.uuid(),
    survivorId: z.uuid(),
    mergedId: z.uuid(),
    reason: z.string(),
    moved: z.record(z.string(), z.number().int()),
    mergedAt: z.string(),
    undoneAt: z.string().nullable(),
  })
  .meta({ id: 'PersonMerge' });

export const TimelineItemSchema = z
  .object({
    at: z.string(),
    kind: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    caseId: z.string().nullable(),
    summary: z.object({ id: z.string(), en: z.string() }),
    actor: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TimelineItem' });
export const TimelineSchema = z.object({ personId: z.uuid(), items: z.array(TimelineItemSchema) });

export const FileUploadResultSchema = z.object({ id: z.uuid(), contentType: z.string(), sizeBytes: z.number().int() });

export type PersonCreate = z.infer<typeof PersonCreateSchema>;
export type PersonUpdate = z.infer<typeof PersonUpdateSchema>;
export type Person = z.infer<typeof PersonSchema>;

// Households (Kartu Keluarga). The No. KK is protected like the NIK; it changes when the
// card is reissued, so the household id (not the number) is the stable key.
export const HOUSEHOLD_RELATIONSHIPS = ['kepala_keluarga', 'istri', 'suami', 'anak', 'orang_tua', 'lainnya'] as const;
export const HouseholdCreateSchema = z
  .object({
    id: z.uuid().optional(),
    villageCode: VillageCodeSchema,
    rw: z.string().regex(/^\d{1,3}$/).nullable().optional(),
    rt: z.string().regex(/^\d{1,3}$/).nullable().optional(),
    address: z.string().trim().max(500).nullable().optional(),
    kk: z.string().max(32).optional(),
    kkIssuedOn: z.iso.date().optional(),
  })
  .strict();
export const HouseholdKkSchema = z.object({ version: z.number().int().min(1), kk: z.string().max(32), issuedOn: z.iso.date().optional() }).strict();
export const HouseholdMemberAddSchema = z
  .object({ personId: z.uuid(), relationship: z.enum(HOUSEHOLD_RELATIONSHIPS), joinedOn: z.iso.date().optional() })
  .strict();
export const HouseholdMemberLeaveSchema = z.object({ leftOn: z.iso.date() }).strict();
export const HouseholdSchema = z
  .object({
    id: z.uuid(),
    regencyCode: z.string(),
    villageCode: z.string(),
    villageName: z.string(),
    rw: z.string().nullable(),
    rt: z.string().nullable(),
    address: z.string().nullable(),
    kkMasked: z.string().nullable(),
    status: z.string(),
    version: z.number().int(),
    members: z.array(
      z.object({
        id: z.uuid(),
        personId: z.uuid(),
        fullName: z.string(),
        relationship: z.enum(HOUSEHOLD_RELATIONSHIPS),
        joinedOn: z.string().nullable(),
        leftOn: z.string().nullable(),
      }),
    ),
    kkHistory: z.array(z.object({ kkMasked: z.string(), issuedOn: z.string().nullable(), validFrom: z.string(), replacedAt: z.string().nullable() })),
    actions: z.array(z.string()),
  })
  .meta({ id: 'Household' });
export const HouseholdWriteResultSchema = HouseholdSchema.extend({ warnings: z.array(IssueSchema) });
export const HouseholdListQuerySchema = z.object({ area: AreaCodeSchema.optional(), ...PageQuery }).strict();
export const HouseholdListSchema = z.object({
  items: z.array(HouseholdSchema.pick({ id: true, villageCode: true, villageName: true, rw: true, rt: true, kkMasked: true, status: true }).extend({ memberCount: z.number().int(), head: z.string().nullable() })),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export const RevealKkResultSchema = z.object({ kk: z.string() });

export type HouseholdCreate = z.infer<typeof HouseholdCreateSchema>;
export type PpksAssign = z.infer<typeof PpksAssignSchema>;
export type ConsentCreate = z.infer<typeof ConsentCreateSchema>;
export type DuplicateCheck = z.infer<typeof DuplicateCheckSchema>;
