import { z } from 'zod';
import { PageQuery } from './people';

export const REFERRAL_STATUSES = ['sent', 'accepted', 'rejected', 'completed', 'cancelled'] as const;

export const ReferralCreateSchema = z
  .object({
    id: z.uuid().optional(),
    partnerId: z.uuid(),
    /** What the person needs from the partner: shown to the partner. Never put a NIK here. */
    need: z.string().trim().min(3).max(1000),
    serviceCode: z.string().optional(),
  })
  .strict();
export const ReferralRespondSchema = z.object({ version: z.number().int().min(1) }).strict();
export const ReferralRejectSchema = z.object({ version: z.number().int().min(1), reason: z.string().trim().min(3).max(1000) }).strict();
export const ReferralCompleteSchema = z.object({ version: z.number().int().min(1), outcome: z.string().trim().min(3).max(2000) }).strict();

export const ReferralSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    personId: z.string().nullable(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    need: z.string(),
    serviceCode: z.string().nullable(),
    status: z.enum(REFERRAL_STATUSES),
    rejectReason: z.string().nullable(),
    outcome: z.string().nullable(),
    sentAt: z.string(),
    respondedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    version: z.number().int(),
    /** accept, reject, complete (partner users); cancel (the sender's side). */
    actions: z.array(z.string()),
  })
  .meta({ id: 'Referral' });
export const ReferralListSchema = z.object({ items: z.array(ReferralSchema) });

/** What a partner's user sees: the referral and the person's minimal data only. */
export const ReferralInboxItemSchema = ReferralSchema.omit({ caseId: true, personId: true })
  .extend({ person: z.object({ fullName: z.string(), villageName: z.string(), ageYears: z.number().int().nullable() }).nullable() })
  .meta({ id: 'ReferralInboxItem' });
export const ReferralInboxQuerySchema = z.object({ status: z.enum(REFERRAL_STATUSES).optional(), ...PageQuery }).strict();
export const ReferralInboxSchema = z.object({ items: z.array(ReferralInboxItemSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

export type ReferralCreate = z.infer<typeof ReferralCreateSchema>;
