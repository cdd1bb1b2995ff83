import { z } from 'zod';
import { HAZARDS, INCIDENT_KINDS, INCIDENT_STATUSES } from '../disasters/incidents';
import { DISPLACEMENTS, NEED_KINDS, NEED_LEVELS, VICTIM_CONDITIONS, VULNERABLE_GROUPS } from '../disasters/needs';
import { AreaCodeSchema } from './common';
import { DuplicateCandidateSchema, NIK_MISSING_REASONS, PageQuery } from './people';

/** Disaster response (issue 9): incidents, rapid assessments, victims, aid logistics, roster, sitreps. */
const VillageCodeSchema = AreaCodeSchema.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'village code PP.KK.CC.NNNN');
const OfficeCodeSchema = AreaCodeSchema.regex(/^\d{2}(\.\d{2})?$/, 'province or regency code (the Dinsos office)');
const ALL_HAZARDS = [...new Set(Object.values(HAZARDS).flat())] as [string, ...string[]];
const Count = z.number().int().min(0).max(10_000_000);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Phone = z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/);
const Actions = z.array(z.string());

// ---- incidents ----
export const IncidentCreateSchema = z
  .object({
    id: z.uuid().optional(),
    kind: z.enum(INCIDENT_KINDS),
    hazard: z.enum(ALL_HAZARDS).optional(),
    title: Text(200),
    startedAt: z.iso.datetime({ offset: true }),
    /** Affected villages (may cross districts and regencies). */
    villageCodes: z.array(VillageCodeSchema).min(1).max(500),
    /** The Dinsos office that leads (regency or province code); defaults to the first village's regency. */
    leadOfficeCode: OfficeCodeSchema.optional(),
    /** PPKS category given to the victims: 21 Korban Bencana Alam, 22 Korban Bencana Sosial. */
    ppksCode: z.union([z.literal(21), z.literal(22)]).optional(),
    description: z.string().trim().max(2000).optional(),
  })
  .strict();

export const IncidentUpdateSchema = z
  .object({
    version: z.number().int().min(1),
    title: Text(200).optional(),
    hazard: z.enum(ALL_HAZARDS).nullable().optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    leadOfficeCode: OfficeCodeSchema.optional(),
    ppksCode: z.union([z.literal(21), z.literal(22)]).optional(),
    /** Villages found affected later. Areas are never removed (history of the response). */
    addVillageCodes: z.array(VillageCodeSchema).min(1).max(500).optional(),
  })
  .strict();

export const IncidentStatusChangeSchema = z
  .object({ version: z.number().int().min(1), status: z.enum(INCIDENT_STATUSES), note: z.string().trim().max(1000).optional() })
  .strict();

export const IncidentAreaSchema = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  districtName: z.string(),
  regencyCode: z.string(),
  regencyName: z.string(),
});

export const IncidentSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(INCIDENT_KINDS),
    hazard: z.string().nullable(),
    title: z.string(),
    startedAt: z.string(),
    status: z.enum(INCIDENT_STATUSES),
    leadOfficeCode: z.string(),
    leadOfficeName: z.string(),
    ppksCode: z.number().int(),
    description: z.string().nullable(),
    areas: z.array(IncidentAreaSchema),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    actions: Actions,
  })
  .meta({ id: 'Incident' });

export const IncidentListQuerySchema = z
  .object({ status: z.enum(INCIDENT_STATUSES).optional(), area: AreaCodeSchema.optional(), ...PageQuery })
  .strict();
export const IncidentListSchema = z.object({
  items: z.array(IncidentSchema.omit({ areas: true }).extend({ villageCount: z.number().int() })),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

// ---- rapid needs assessment ----
const NeedsSchema = z.partialRecord(z.enum(NEED_KINDS), z.enum(NEED_LEVELS));
export const RapidAssessmentCreateSchema = z
  .object({
    id: z.uuid().optional(),
    villageCode: VillageCodeSchema,
    /** When the figures were collected (defaults to now). */
    assessedAt: z.iso.datetime({ offset: true }).optional(),
    affected: Count,
    displaced: Count,
    injured: Count,
    dead: Count,
    missing: Count,
    housesRingan: Count.default(0),
    housesSedang: Count.default(0),
    housesBerat: Count.default(0),
    elderly: Count.default(0),
    children: Count.default(0),
    disabled: Count.default(0),
    pregnant: Count.default(0),
    needs: NeedsSchema.default({}),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

export const RapidAssessmentSchema = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  villageCode: z.string(),
  villageName: z.string(),
  assessedAt: z.string(),
  affected: z.number().int(),
  displaced: z.number().int(),
  injured: z.number().int(),
  dead: z.number().int(),
  missing: z.number().int(),
  housesRingan: z.number().int(),
  housesSedang: z.number().int(),
  housesBerat: z.number().int(),
  elderly: z.number().int(),
  children: z.number().int(),
  disabled: z.number().int(),
  pregnant: z.number().int(),
  needs: z.record(z.string(), z.string()),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export const RapidAssessmentListQuerySchema = z.object({ villageCode: VillageCodeSchema.optional(), history: z.enum(['true', 'false']).default('false') }).strict();
export const RapidAssessmentListSchema = z.object({ items: z.array(RapidAssessmentSchema) });

// ---- victims ----
export const VictimPersonSchema = z
  .object({
    /** Made on the device (UUIDv7) for offline registration. */
    id: z.uuid().optional(),
    villageCode: VillageCodeSchema,
    fullName: z.string().trim().min(2).max(200),
    nik: z.string().max(32).optional(),
    nikMissingReason: z.enum(NIK_MISSING_REASONS).optional(),
    sex: z.enum(['L', 'P']).optional(),
    birthDate: z.iso.date().optional(),
    phone: Phone.optional(),
  })
  .strict();

const VictimFields = {
  displacement: z.enum(DISPLACEMENTS),
  /** The post (posko) where the victim shelters, when displaced to one. */
  postId: z.uuid().nullable().optional(),
  displacementPlace: z.string().trim().max(300).nullable().optional(),
  condition: z.enum(VICTIM_CONDITIONS).default('selamat'),
  needs: z.array(z.enum(NEED_KINDS)).max(NEED_KINDS.length).default([]),
  vulnerabilities: z.array(z.enum(VULNERABLE_GROUPS)).max(VULNERABLE_GROUPS.length).default([]),
};

export const VictimRegisterSchema = z
  .object({
    id: z.uuid().optional(),
    /** An existing person (chosen from the duplicate candidates)… */
    personId: z.uuid().optional(),
    /** …or the short person form: found by NIK, otherwise registered. */
    person: VictimPersonSchema.optional(),
    ...VictimFields,
    /** Vulnerable victims may have a PPKS case opened at once. */
    openCase: z.object({ need: z.string().trim().min(3).max(1000) }).strict().optional(),
  })
  .strict();

export const VictimUpdateSchema = z
  .object({
    version: z.number().int().min(1),
    displacement: VictimFields.displacement.optional(),
    postId: VictimFields.postId,
    displacementPlace: VictimFields.displacementPlace,
    condition: z.enum(VICTIM_CONDITIONS).optional(),
    needs: z.array(z.enum(NEED_KINDS)).max(NEED_KINDS.length).optional(),
    vulnerabilities: z.array(z.enum(VULNERABLE_GROUPS)).max(VULNERABLE_GROUPS.length).optional(),
  })
  .strict();

export const VictimSchema = z
  .object({
    id: z.uuid(),
    incidentId: z.uuid(),
    personId: z.uuid(),
    fullName: z.string(),
    nikMasked: z.string().nullable(),
    villageCode: z.string(),
    villageName: z.string(),
    displacement: z.enum(DISPLACEMENTS),
    postId: z.string().nullable(),
    displacementPlace: z.string().nullable(),
    condition: z.enum(VICTIM_CONDITIONS),
    needs: z.array(z.string()),
    needsServed: z.array(z.string()),
    basicNeedsMet: z.boolean(),
    vulnerabilities: z.array(z.string()),
    ppksCode: z.number().int(),
    caseId: z.string().nullable(),
    version: z.number().int(),
    registeredAt: z.string(),
  })
  .meta({ id: 'DisasterVictim' });
export const VictimRegisterResultSchema = VictimSchema.extend({
  /** True when the person was registered now; false when found (NIK match or chosen). */
  personCreated: z.boolean(),
  candidates: z.array(DuplicateCandidateSchema),
});
export const VictimListQuerySchema = z.object({ villageCode: VillageCodeSchema.optional(), ...PageQuery }).strict();
export const VictimListSchema = z.object({ items: z.array(VictimSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

export type IncidentCreate = z.infer<typeof IncidentCreateSchema>;
export type IncidentUpdate = z.infer<typeof IncidentUpdateSchema>;
export type RapidAssessmentCreate = z.infer<typeof RapidAssessmentCreateSchema>;
export type VictimRegister = z.infer<typeof VictimRegisterSchema>;
export type VictimUpdate = z.infer<typeof VictimUpdateSchema>;

export * from '../disasters/contracts/logistics';
export * from '../disasters/contracts/roster';
export * from '../disasters/contracts/reports';
