import { z } from 'zod';
import { CASE_ACTIONS, CASE_STATUSES, CLOSURE_REASONS } from '../cases/lifecycle';
import { VERIFICATION_ACTIONS, VERIFICATION_STATES } from '../cases/verification';
import { AreaCodeSchema } from './common';
import { PageQuery } from './people';

const IssueSchema = z.object({ code: z.string(), field: z.string(), message: z.object({ id: z.string(), en: z.string() }) });
const VillageCodeSchema = AreaCodeSchema.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'village code PP.KK.CC.NNNN');

export const CaseStatusSchema = z.enum(CASE_STATUSES);
export const VerificationStateSchema = z.enum(VERIFICATION_STATES);

export const CaseCreateSchema = z
  .object({
    /** UUIDv7 made on the device for offline creation; the server makes one when absent. */
    id: z.uuid().optional(),
    personId: z.uuid().optional(),
    householdId: z.uuid().optional(),
    ppksCode: z.number().int().min(1).max(99),
    need: z.string().trim().min(3).max(1000),
    openedOn: z.iso.date().optional(),
    /** The PSM (user id) responsible; defaults to the creator. */
    assignedTo: z.uuid().nullable().optional(),
  })
  .strict();

export const CaseUpdateSchema = z
  .object({
    version: z.number().int().min(1),
    ppksCode: z.number().int().min(1).max(99).optional(),
    need: z.string().trim().min(3).max(1000).optional(),
    assignedTo: z.uuid().nullable().optional(),
  })
  .strict();

export const CaseTransitionSchema = z
  .object({
    action: z.enum(CASE_ACTIONS),
    version: z.number().int().min(1),
    closureReason: z.enum(CLOSURE_REASONS).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

export const VerificationStepSchema = z
  .object({ action: z.enum(VERIFICATION_ACTIONS), version: z.number().int().min(1), reason: z.string().trim().max(1000).optional() })
  .strict();

export const CaseSchema = z
  .object({
    id: z.uuid(),
    caseNumber: z.string(),
    regencyCode: z.string(),
    villageCode: z.string(),
    villageName: z.string(),
    personId: z.string().nullable(),
    personName: z.string().nullable(),
    householdId: z.string().nullable(),
    ppksCode: z.number().int(),
    ppksName: z.string(),
    need: z.string(),
    status: CaseStatusSchema,
    closedFrom: CaseStatusSchema.nullable(),
    closureReason: z.string().nullable(),
    closedOn: z.string().nullable(),
    verification: VerificationStateSchema,
    countsAsValidated: z.boolean(),
    assignedTo: z.string().nullable(),
    openedOn: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /**
     * What the caller may do now: lifecycle actions (assess, plan, start, monitor, resume,
     * close, reopen), verification steps (submit, check, validate, return), and `update`,
     * `record` (add assessments, plan items, services, follow-ups, visits), `refer`, `transfer`.
     */
    actions: z.array(z.string()),
  })
  .meta({ id: 'Case' });
export const CaseWriteResultSchema = CaseSchema.extend({ warnings: z.array(IssueSchema) });

export const CaseListQuerySchema = z
  .object({
    area: AreaCodeSchema.optional(),
    status: CaseStatusSchema.optional(),
    ppks: z.coerce.number().int().min(1).max(99).optional(),
    verification: VerificationStateSchema.optional(),
    personId: z.uuid().optional(),
    /** `me` or a user id. */
    assignedTo: z.union([z.literal('me'), z.uuid()]).optional(),
    ...PageQuery,
  })
  .strict();
export const CaseListSchema = z.object({ items: z.array(CaseSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

export const CaseEventSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    reason: z.string().nullable(),
    note: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    at: z.string(),
    actor: z.string(),
  })
  .meta({ id: 'CaseEvent' });
export const CaseEventListSchema = z.object({ items: z.array(CaseEventSchema) });

export const CaseSettingsSchema = z.object({ regencyCode: z.string(), verificationRequired: z.boolean() });
export const CaseSettingsUpdateSchema = z.object({ verificationRequired: z.boolean() }).strict();

export const CaseStatsQuerySchema = z.object({ area: AreaCodeSchema.optional() }).strict();
export const CaseStatsSchema = z.object({
  area: z.string(),
  byStatus: z.array(z.object({ status: z.string(), n: z.number().int() })),
  byPpks: z.array(z.object({ ppksCode: z.number().int(), n: z.number().int() })),
  validated: z.number().int(),
  unvalidated: z.number().int(),
});

// Assessments
export const AssessmentCreateSchema = z
  .object({
    id: z.uuid().optional(),
    formCode: z.string(),
    /** The version the form was filled in under; defaults to the latest. */
    formVersion: z.number().int().min(1).optional(),
    answers: z.record(z.string(), z.unknown()),
    assessedOn: z.iso.date().optional(),
  })
  .strict();
export const AssessmentSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    formCode: z.string(),
    formVersion: z.number().int(),
    answers: z.record(z.string(), z.unknown()),
    assessedOn: z.string(),
    assessorLabel: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Assessment' });
export const AssessmentListSchema = z.object({ items: z.array(AssessmentSchema) });

// Plan, services, follow-ups
export const GoalCreateSchema = z.object({ id: z.uuid().optional(), description: z.string().trim().min(3).max(1000), targetDate: z.iso.date().optional() }).strict();
export const GoalUpdateSchema = z.object({ status: z.enum(['open', 'achieved', 'dropped']) }).strict();
export const ServicePlanCreateSchema = z
  .object({ id: z.uuid().optional(), serviceCode: z.string(), plannedOn: z.iso.date().optional(), note: z.string().trim().max(1000).optional() })
  .strict();
export const ServiceDeliveryCreateSchema = z
  .object({
    id: z.uuid().optional(),
    serviceCode: z.string(),
    deliveredOn: z.iso.date(),
    quantity: z.number().positive().max(1_000_000),
    unit: z.string().trim().min(1).max(30).optional(),
    provider: z.string().trim().max(200).optional(),
    note: z.string().trim().max(1000).optional(),
    planId: z.uuid().optional(),
    /** Where the service was given, when not in the person's own village. */
    villageCode: VillageCodeSchema.optional(),
  })
  .strict();
export const FollowUpCreateSchema = z
  .object({ id: z.uuid().optional(), dueOn: z.iso.date(), purpose: z.string().trim().min(3).max(500), assignedTo: z.uuid().nullable().optional() })
  .strict();
export const FollowUpDoneSchema = z.object({ outcome: z.string().trim().min(2).max(1000) }).strict();

export const GoalSchema = z.object({ id: z.uuid(), caseId: z.uuid(), description: z.string(), targetDate: z.string().nullable(), status: z.string(), createdAt: z.string() }).meta({ id: 'CaseGoal' });
export const ServicePlanSchema = z
  .object({ id: z.uuid(), caseId: z.uuid(), serviceCode: z.string(), serviceName: z.string(), plannedOn: z.string().nullable(), note: z.string().nullable(), status: z.string(), createdAt: z.string() })
  .meta({ id: 'ServicePlan' });
export const DeliverySchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    serviceCode: z.string(),
    serviceName: z.string(),
    deliveredOn: z.string(),
    delivererLabel: z.string(),
    provider: z.string().nullable(),
    quantity: z.number(),
    unit: z.string(),
    note: z.string().nullable(),
    villageCode: z.string(),
  })
  .meta({ id: 'ServiceDelivery' });
export const DeliveryWriteResultSchema = DeliverySchema.extend({ warnings: z.array(IssueSchema) });
export const FollowUpSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.string(),
    personId: z.string().nullable(),
    villageCode: z.string(),
    dueOn: z.string(),
    purpose: z.string(),
    assignedTo: z.string().nullable(),
    doneAt: z.string().nullable(),
    outcome: z.string().nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: 'FollowUp' });
export const CasePlanSchema = z.object({
  goals: z.array(GoalSchema),
  services: z.array(ServicePlanSchema),
  deliveries: z.array(DeliverySchema),
  followUps: z.array(FollowUpSchema),
});
export const OverdueQuerySchema = z
  .object({ area: AreaCodeSchema.optional(), assignedTo: z.union([z.literal('me'), z.uuid()]).optional(), ...PageQuery })
  .strict();
export const FollowUpListSchema = z.object({ items: z.array(FollowUpSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
export const ServiceKindSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), unit: z.string() }).meta({ id: 'ServiceKind' });
export const ServiceKindListSchema = z.object({ items: z.array(ServiceKindSchema) });

// Visits and notes
export const VisitCreateSchema = z
  .object({
    id: z.uuid().optional(),
    caseId: z.uuid().optional(),
    kind: z.enum(['kunjungan', 'catatan']),
    occurredAt: z.iso.datetime({ offset: true }),
    note: z.string().trim().min(1).max(5000),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    accuracyM: z.number().min(0).max(100_000).optional(),
    /** Files uploaded first with POST /persons/:id/files. */
    fileIds: z.array(z.uuid()).max(10).optional(),
  })
  .strict();
export const VisitSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    caseId: z.string().nullable(),
    kind: z.enum(['kunjungan', 'catatan']),
    occurredAt: z.string(),
    note: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    accuracyM: z.number().nullable(),
    fileIds: z.array(z.string()),
    authorLabel: z.string(),
  })
  .meta({ id: 'Visit' });
export const VisitListSchema = z.object({ items: z.array(VisitSchema) });

// Transfers between regencies
export const TransferCreateSchema = z.object({ toVillageCode: VillageCodeSchema, reason: z.string().trim().min(5).max(500) }).strict();
export const TransferDecisionSchema = z.object({ note: z.string().trim().max(500).optional() }).strict();
export const TransferSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    personName: z.string().nullable(),
    fromVillageCode: z.string(),
    toVillageCode: z.string(),
    status: z.enum(['requested', 'accepted', 'rejected', 'cancelled']),
    reason: z.string(),
    decisionNote: z.string().nullable(),
    requestedAt: z.string(),
    decidedAt: z.string().nullable(),
    moved: z.record(z.string(), z.number().int()),
    actions: z.array(z.string()),
  })
  .meta({ id: 'Transfer' });
export const TransferListQuerySchema = z.object({ direction: z.enum(['incoming', 'outgoing']).default('incoming'), status: z.enum(['requested', 'accepted', 'rejected', 'cancelled']).optional() }).strict();
export const TransferListSchema = z.object({ items: z.array(TransferSchema) });

export type CaseCreate = z.infer<typeof CaseCreateSchema>;
export type CaseUpdate = z.infer<typeof CaseUpdateSchema>;
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;
export type VisitCreate = z.infer<typeof VisitCreateSchema>;
export type ServiceDeliveryCreate = z.infer<typeof ServiceDeliveryCreateSchema>;
