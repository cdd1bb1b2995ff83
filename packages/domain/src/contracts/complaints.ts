import { z } from 'zod';
import { COMPLAINT_CATEGORY_CODES, COMPLAINT_OUTCOMES, COMPLAINT_STAGES } from '../programmes/complaints';
import { AreaCodeSchema } from './common';
import { PageQuery } from './people';
import { ProgrammeCodeSchema } from './programmes';

const VillageCodeSchema = AreaCodeSchema.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'village code PP.KK.CC.NNNN');
const Category = z.enum(COMPLAINT_CATEGORY_CODES as [string, ...string[]]);
const Stage = z.enum(COMPLAINT_STAGES);
const Outcome = z.enum(COMPLAINT_OUTCOMES);

const ComplaintFields = {
  category: Category,
  villageCode: VillageCodeSchema,
  programmeCode: ProgrammeCodeSchema.optional(),
  description: z.string().trim().min(10).max(4000),
  /** Whom it is about, as told (when not a registered person). */
  subjectName: z.string().trim().min(2).max(200).optional(),
  filerName: z.string().trim().min(2).max(200).optional(),
  /** Phone or e-mail to call back; never shown through the tracking code. */
  filerContact: z.string().trim().min(5).max(200).optional(),
};

export const ComplaintCreateSchema = z.object({ id: z.uuid().optional(), personId: z.uuid().optional(), ...ComplaintFields }).strict();

/** The public form: the form token from GET /public/complaints/form, the answer to its sum, and an empty honeypot. */
export const PublicComplaintCreateSchema = z
  .object({
    ...ComplaintFields,
    formToken: z.string().min(20).max(400),
    answer: z.number().int().min(0).max(100),
    /** Left empty by people; bots fill it in. */
    website: z.string().max(200).optional(),
  })
  .strict();

export const ComplaintFormSchema = z.object({
  formToken: z.string(),
  question: z.object({ id: z.string(), en: z.string() }),
  minSeconds: z.number().int(),
});

export const ComplaintStageBodySchema = z
  .object({
    version: z.number().int().min(1),
    stage: Stage,
    publicNote: z.string().trim().min(3).max(2000).optional(),
    internalNote: z.string().trim().min(3).max(2000).optional(),
    outcome: Outcome.optional(),
    outcomeNote: z.string().trim().min(3).max(2000).optional(),
  })
  .strict();

const StageHistory = z.array(z.object({ fromStage: z.string().nullable(), toStage: z.string(), at: z.string(), note: z.string().nullable() }));

export const ComplaintSchema = z.object({
  id: z.uuid(),
  regencyCode: z.string(),
  villageCode: z.string(),
  channel: z.enum(['publik', 'psm', 'dinsos']),
  category: z.string(),
  personId: z.string().nullable(),
  programmeCode: z.string().nullable(),
  description: z.string(),
  subjectName: z.string().nullable(),
  filerName: z.string().nullable(),
  filerContact: z.string().nullable(),
  stage: Stage,
  stageDueAt: z.string().nullable(),
  overdue: z.boolean(),
  outcome: Outcome.nullable(),
  outcomeNote: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  history: StageHistory.optional(),
  actions: z.array(z.string()),
});
export const ComplaintCreatedSchema = ComplaintSchema.extend({ trackingCode: z.string() });
export const ComplaintListQuerySchema = z.object({ area: AreaCodeSchema.optional(), stage: Stage.optional(), category: Category.optional(), ...PageQuery }).strict();
export const ComplaintListSchema = z.object({ items: z.array(ComplaintSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

export const PublicComplaintCreatedSchema = z.object({ trackingCode: z.string(), stage: Stage, message: z.object({ id: z.string(), en: z.string() }) });
/** What a tracking code shows: the complaint's progress and outcome, nothing about any person. */
export const PublicComplaintStatusSchema = z.object({
  category: z.string(),
  villageName: z.string(),
  programmeName: z.string().nullable(),
  stage: Stage,
  stageLabel: z.object({ id: z.string(), en: z.string() }),
  stageDueAt: z.string().nullable(),
  filedAt: z.string(),
  history: StageHistory,
  outcome: Outcome.nullable(),
  outcomeNote: z.string().nullable(),
});

export type ComplaintCreate = z.infer<typeof ComplaintCreateSchema>;
export type PublicComplaintCreate = z.infer<typeof PublicComplaintCreateSchema>;
export type ComplaintStageBody = z.infer<typeof ComplaintStageBodySchema>;
