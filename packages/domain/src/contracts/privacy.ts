import { z } from 'zod';
import { AreaCodeSchema, MsgSchema } from './common';
import { PersonUpdateSchema } from './people';

// The pure UU PDP rules travel with the contracts (deadlines, retention, notice checks, RoPA).
export * from '../privacy';

/** Purpose registry (UU PDP Pasal 16(2)(b): processing for a declared purpose). Exports and reports send one of these codes. */
export const PurposeCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{2,49}$/, 'purpose code from GET /privacy/purposes');
export const PurposeSchema = z.object({
  code: z.string(),
  label: MsgSchema,
  legalBasis: z.string(),
  legalReference: z.string(),
  active: z.boolean(),
});
export const PurposeListSchema = z.object({ items: z.array(PurposeSchema) });

const DeadlineSchema = z.object({ dueAt: z.string(), state: z.enum(['on_time', 'near_due', 'overdue', 'done']), hoursLeft: z.number().nullable() });
const EscalationSchema = z.object({ level: z.enum(['near_due', 'overdue']), raisedAt: z.string() });

export const SUBJECT_REQUEST_KINDS = ['access', 'correction', 'deletion', 'restriction', 'consent_withdrawal'] as const;
export const REQUEST_CHANNELS = ['kantor', 'psm', 'surat', 'email', 'telepon'] as const;
export const REQUESTERS = ['subjek', 'orang_tua', 'wali', 'kuasa'] as const;
export const IDENTITY_METHODS = ['tatap_muka', 'dokumen', 'video', 'kunjungan_psm'] as const;
export const IDENTITY_DOCUMENTS = ['ktp', 'kk', 'kia', 'akta_lahir', 'surat_kuasa', 'lainnya'] as const;

export const SubjectRequestCreateSchema = z
  .object({
    personId: z.uuid(),
    kind: z.enum(SUBJECT_REQUEST_KINDS),
    channel: z.enum(REQUEST_CHANNELS),
    requester: z.enum(REQUESTERS),
    /** What is asked (no NIK here: it is already on the person's record). */
    details: z.string().trim().max(2000).optional(),
    /** When the office received it; the 3 × 24 h run from here. Defaults to now; never in the future. */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const IdentityCheckSchema = z
  .object({ version: z.number().int().min(1), method: z.enum(IDENTITY_METHODS), document: z.enum(IDENTITY_DOCUMENTS) })
  .strict();

export const FulfilSchema = z
  .object({
    version: z.number().int().min(1),
    /** The answer in plain words (goes into the letter). */
    summary: z.string().trim().min(5).max(2000),
    /** Correction requests: the changes, applied through the person's normal edit (version of the person record). */
    correction: PersonUpdateSchema.optional(),
    /** Consent withdrawal: which consent record, and the date. */
    consentId: z.uuid().optional(),
    withdrawnOn: z.iso.date().optional(),
  })
  .strict();

export const RefuseSchema = z.object({ version: z.number().int().min(1), reason: z.string().trim().min(10).max(2000) }).strict();
export const LiftRestrictionSchema = z.object({ reason: z.string().trim().min(10).max(500) }).strict();

const RetentionNoteSchema = z.object({
  removed: z.record(z.string(), z.array(z.string())),
  kept: z.array(z.object({ what: z.string(), legalBasis: z.string() })),
  filesDeleted: z.number().int(),
});

export const SubjectRequestSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  regencyCode: z.string(),
  villageCode: z.string(),
  kind: z.enum(SUBJECT_REQUEST_KINDS),
  status: z.enum(['received', 'identity_verified', 'answered', 'refused']),
  channel: z.string(),
  requester: z.string(),
  details: z.string().nullable(),
  receivedAt: z.string(),
  deadline: DeadlineSchema,
  identity: z.object({ method: z.string(), document: z.string(), checkedBy: z.string().nullable(), checkedAt: z.string() }).nullable(),
  answeredAt: z.string().nullable(),
  answerSummary: z.string().nullable(),
  retentionNote: RetentionNoteSchema.nullable(),
  escalations: z.array(EscalationSchema),
  version: z.number().int(),
  actions: z.array(z.string()),
});
export const SubjectRequestListQuerySchema = z
  .object({
    status: z.enum(['open', 'closed', 'all']).default('open'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
export const SubjectRequestListSchema = z.object({ items: z.array(SubjectRequestSchema), total: z.number().int() });

export const RestrictedPersonListSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), fullName: z.string(), villageCode: z.string(), nikMasked: z.string().nullable(), restrictedSince: z.string().nullable() })),
});

// ---- Breaches (UU PDP Pasal 46) ----
export const BreachCreateSchema = z
  .object({
    areaCode: AreaCodeSchema.regex(/^\d{2}(\.\d{2})?$/, 'province or regency code'),
    title: z.string().trim().min(5).max(200),
    description: z.string().trim().min(10).max(5000),
    how: z.string().trim().min(5).max(2000),
    systems: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    discoveredAt: z.iso.datetime({ offset: true }),
    occurredFrom: z.iso.datetime({ offset: true }).optional(),
    occurredTo: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const BREACH_QUERY_ACTIONS = ['person.read', 'person.listed', 'person.nik_revealed', 'person.history_read', 'person.timeline_read', 'sync.pulled', 'export.created'] as const;
export const AffectedQuerySchema = z
  .object({
    /** The account whose reads are investigated. */
    userId: z.uuid(),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    actions: z.array(z.enum(BREACH_QUERY_ACTIONS)).min(1).max(BREACH_QUERY_ACTIONS.length).optional(),
    /** Record the persons found as affected by the breach. */
    record: z.boolean().default(false),
  })
  .strict();
export const AffectedPersonSchema = z.object({
  personId: z.uuid(),
  villageCode: z.string(),
  actions: z.array(z.string()),
  firstAt: z.string(),
  lastAt: z.string(),
});
export const AffectedResultSchema = z.object({ items: z.array(AffectedPersonSchema), total: z.number().int(), recorded: z.number().int() });

export const NOTICE_AUDIENCES = ['subjects', 'authority'] as const;
export const NoticeParamsSchema = z.object({ id: z.uuid(), audience: z.enum(NOTICE_AUDIENCES) });
export const NoticeUpdateSchema = z
  .object({
    dataExposed: z.string().trim().max(4000).nullable().optional(),
    whenAndHow: z.string().trim().max(4000).nullable().optional(),
    measuresTaken: z.string().trim().max(4000).nullable().optional(),
    contact: z.string().trim().max(1000).nullable().optional(),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export const NoticeSchema = z.object({
  id: z.uuid(),
  breachId: z.uuid(),
  audience: z.enum(NOTICE_AUDIENCES),
  dataExposed: z.string().nullable(),
  whenAndHow: z.string().nullable(),
  measuresTaken: z.string().nullable(),
  contact: z.string().nullable(),
  status: z.enum(['draft', 'ready', 'sent']),
  missing: z.array(z.string()),
  readyAt: z.string().nullable(),
  version: z.number().int(),
  deliveries: z.array(z.object({ id: z.uuid(), channel: z.string(), recipients: z.number().int(), deliveredAt: z.string(), note: z.string().nullable() })),
});
export const DeliveryCreateSchema = z
  .object({
    channel: z.enum(['surat', 'email', 'sms', 'kunjungan_psm', 'portal_otoritas']),
    recipients: z.number().int().min(0).max(10_000_000),
    deliveredAt: z.iso.datetime({ offset: true }),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();
export const BreachSchema = z.object({
  id: z.uuid(),
  areaCode: z.string(),
  title: z.string(),
  description: z.string(),
  how: z.string(),
  systems: z.array(z.string()),
  discoveredAt: z.string(),
  occurredFrom: z.string().nullable(),
  occurredTo: z.string().nullable(),
  status: z.enum(['open', 'notified', 'closed']),
  deadline: DeadlineSchema,
  affectedCount: z.number().int(),
  notices: z.array(NoticeSchema),
  escalations: z.array(EscalationSchema),
});
export const BreachListSchema = z.object({ items: z.array(BreachSchema) });

// ---- Retention ----
export const RETENTION_RECORD_TYPES = ['closed_case', 'rejected_proposal', 'sync_change', 'user_session', 'audit_event'] as const;
export const RetentionRuleSchema = z.object({
  recordType: z.enum(RETENTION_RECORD_TYPES),
  label: MsgSchema,
  keepDays: z.number().int(),
  action: z.enum(['flag', 'anonymise', 'delete']),
  legalBasis: z.string(),
  enabled: z.boolean(),
});
export const RetentionRuleListSchema = z.object({ items: z.array(RetentionRuleSchema) });
export const RetentionRuleUpdateSchema = z
  .object({
    keepDays: z.number().int().min(1).max(36_500),
    action: z.enum(['flag', 'anonymise', 'delete']),
    legalBasis: z.string().trim().min(10).max(1000),
    enabled: z.boolean(),
  })
  .strict();
export const RetentionRunBodySchema = z
  .object({ recordTypes: z.array(z.enum(RETENTION_RECORD_TYPES)).min(1).max(RETENTION_RECORD_TYPES.length), dryRun: z.boolean() })
  .strict();
export const RetentionReportSchema = z.object({
  runId: z.uuid(),
  asOf: z.string(),
  dryRun: z.boolean(),
  rules: z.array(
    z.object({ recordType: z.string(), action: z.string(), cutoff: z.string(), due: z.number().int(), applied: z.number().int(), held: z.number().int(), note: z.string().nullable() }),
  ),
});
export const RetentionRunListSchema = z.object({ items: z.array(RetentionReportSchema) });
export const JobQueuedSchema = z.object({ jobId: z.uuid() });

export const LegalHoldCreateSchema = z
  .object({ targetType: z.enum(['person', 'case']), targetId: z.uuid(), reason: z.string().trim().min(10).max(1000) })
  .strict();
export const LegalHoldSchema = z.object({
  id: z.uuid(),
  targetType: z.enum(['person', 'case']),
  targetId: z.uuid(),
  villageCode: z.string(),
  reason: z.string(),
  placedAt: z.string(),
  releasedAt: z.string().nullable(),
});
export const LegalHoldListSchema = z.object({ items: z.array(LegalHoldSchema) });
export const ReleaseHoldSchema = z.object({ reason: z.string().trim().min(10).max(1000) }).strict();

// ---- Governance: DPO contact, RoPA, public page ----
export const PrivacyOfficeSchema = z.object({
  areaCode: z.string(),
  officeName: z.string(),
  address: z.string().nullable(),
  dpoName: z.string(),
  dpoEmail: z.string(),
  dpoPhone: z.string().nullable(),
  updatedAt: z.string(),
});
export const PrivacyOfficeUpdateSchema = z
  .object({
    areaCode: z.string().regex(/^(ID|\d{2}(\.\d{2})?)$/, "'ID', a province or a regency code"),
    officeName: z.string().trim().min(3).max(200),
    address: z.string().trim().max(500).nullable().optional(),
    dpoName: z.string().trim().min(3).max(200),
    dpoEmail: z.email().max(200),
    dpoPhone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/).nullable().optional(),
  })
  .strict();
export const PrivacyOfficeListSchema = z.object({ items: z.array(PrivacyOfficeSchema) });
export const PublicPrivacySchema = z.object({
  offices: z.array(PrivacyOfficeSchema.omit({ updatedAt: true })),
  summary: z.object({ id: z.array(z.string()), en: z.array(z.string()) }),
  rights: z.array(MsgSchema),
  purposes: z.array(z.object({ code: z.string(), label: MsgSchema, legalBasis: z.string() })),
});
export const DeadlineOverviewSchema = z.object({
  requests: z.array(z.object({ id: z.uuid(), kind: z.string(), deadline: DeadlineSchema })),
  breaches: z.array(z.object({ id: z.uuid(), title: z.string(), deadline: DeadlineSchema })),
});

export type SubjectRequestCreate = z.infer<typeof SubjectRequestCreateSchema>;
export type Fulfil = z.infer<typeof FulfilSchema>;
export type BreachCreate = z.infer<typeof BreachCreateSchema>;
export type AffectedQuery = z.infer<typeof AffectedQuerySchema>;
export type NoticeUpdate = z.infer<typeof NoticeUpdateSchema>;
export type RetentionRuleUpdate = z.infer<typeof RetentionRuleUpdateSchema>;
export type PrivacyOfficeUpdate = z.infer<typeof PrivacyOfficeUpdateSchema>;
