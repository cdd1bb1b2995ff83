import { z } from 'zod';
import { CHECKIN_METHODS, CHECKIN_OUTCOMES } from '../programmes/distribution';
import { AreaCodeSchema } from './common';
import { ProgrammeCodeSchema } from './programmes';

const Counts = {
  expected: z.number().int(),
  received: z.number().int(),
  represented: z.number().int(),
  absent: z.number().int(),
  notCheckedIn: z.number().int(),
  gap: z.number().int(),
};

export const DistributionCreateSchema = z
  .object({
    id: z.uuid().optional(),
    programmeCode: ProgrammeCodeSchema,
    /** The village or district served; expected recipients are the active members living there. */
    areaCode: AreaCodeSchema.regex(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/, 'district or village code'),
    place: z.string().trim().min(3).max(300),
    heldOn: z.iso.date(),
    periodLabel: z.string().trim().min(2).max(60).optional(),
  })
  .strict();

export const DistributionSchema = z.object({
  id: z.uuid(),
  regencyCode: z.string(),
  programmeCode: z.string(),
  areaCode: z.string(),
  place: z.string(),
  heldOn: z.string(),
  periodLabel: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  expectedCount: z.number().int(),
  createdAt: z.string(),
  version: z.number().int(),
  actions: z.array(z.string()),
});
export const DistributionListQuerySchema = z.object({ area: AreaCodeSchema.optional(), programme: ProgrammeCodeSchema.optional() }).strict();
export const DistributionListSchema = z.object({ items: z.array(DistributionSchema) });

export const RecipientSchema = z.object({
  id: z.uuid(),
  villageCode: z.string(),
  displayName: z.string(),
  nikMasked: z.string().nullable(),
  personId: z.string().nullable(),
  householdId: z.string().nullable(),
  /** Printed on the invitation as a QR code; only for those who manage the event. */
  qrToken: z.string().nullable(),
  checkin: z
    .object({ id: z.string(), outcome: z.enum(CHECKIN_OUTCOMES), method: z.enum(CHECKIN_METHODS), representativeName: z.string().nullable(), checkedAt: z.string(), version: z.number().int() })
    .nullable(),
});
export const RecipientListSchema = z.object({ items: z.array(RecipientSchema) });

/** A check-in as made on the phone (also queued offline): find the recipient by list row, QR token or NIK. */
export const CheckinCreateSchema = z
  .object({
    id: z.uuid().optional(),
    eventId: z.uuid(),
    recipientId: z.uuid().optional(),
    qrToken: z.string().trim().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
    nik: z.string().trim().regex(/^\d{16}$/, 'NIK: 16 digits').optional(),
    outcome: z.enum(CHECKIN_OUTCOMES),
    representativeName: z.string().trim().min(2).max(200).optional(),
    representativeRelation: z.string().trim().min(2).max(100).optional(),
    proofFileId: z.uuid().optional(),
    note: z.string().trim().max(1000).optional(),
    /** When it happened on the phone (offline check-ins arrive later). */
    checkedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export const CheckinUpdateSchema = z
  .object({
    version: z.number().int().min(1),
    outcome: z.enum(CHECKIN_OUTCOMES).optional(),
    representativeName: z.string().trim().min(2).max(200).nullable().optional(),
    representativeRelation: z.string().trim().min(2).max(100).nullable().optional(),
    proofFileId: z.uuid().nullable().optional(),
    note: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();
export const CheckinSchema = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  recipientId: z.uuid(),
  villageCode: z.string(),
  outcome: z.enum(CHECKIN_OUTCOMES),
  method: z.enum(CHECKIN_METHODS),
  representativeName: z.string().nullable(),
  representativeRelation: z.string().nullable(),
  proofFileId: z.string().nullable(),
  note: z.string().nullable(),
  checkedAt: z.string(),
  version: z.number().int(),
});

export const DiscrepancyReportSchema = z.object({
  eventId: z.uuid(),
  totals: z.object(Counts),
  byVillage: z.array(z.object({ villageCode: z.string(), villageName: z.string(), ...Counts })),
  missing: z.array(z.object({ recipientId: z.string(), villageCode: z.string(), displayName: z.string(), nikMasked: z.string().nullable(), outcome: z.enum(CHECKIN_OUTCOMES).nullable() })),
});
export const AreaDiscrepancyQuerySchema = z
  .object({ area: AreaCodeSchema, programme: ProgrammeCodeSchema.optional(), from: z.iso.date().optional(), to: z.iso.date().optional() })
  .strict();
export const AreaDiscrepancySchema = z.object({
  area: z.string(),
  totals: z.object(Counts).omit({ notCheckedIn: true }),
  byVillage: z.array(z.object({ villageCode: z.string(), villageName: z.string(), expected: z.number().int(), received: z.number().int(), represented: z.number().int(), absent: z.number().int(), gap: z.number().int() })),
});

export type DistributionCreate = z.infer<typeof DistributionCreateSchema>;
export type CheckinCreate = z.infer<typeof CheckinCreateSchema>;
export type CheckinUpdate = z.infer<typeof CheckinUpdateSchema>;
