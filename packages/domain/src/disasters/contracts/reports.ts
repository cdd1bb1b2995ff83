import { z } from 'zod';

/** Sitrep and dashboard contracts (issue 9 §6–7): aggregates only, no personal data. */
export const SitrepCreateSchema = z.object({}).strict();
export const SitrepSchema = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  number: z.number().int(),
  trigger: z.enum(['on_demand', 'daily']),
  reportDate: z.string(),
  generatedAt: z.string(),
  /** Ready to paste into a messaging group. */
  text: z.string(),
  figures: z.record(z.string(), z.unknown()),
});
export const SitrepListSchema = z.object({ items: z.array(SitrepSchema.omit({ text: true, figures: true })) });
export const SitrepDailyBodySchema = z.object({ date: z.iso.date() }).strict();
export const SitrepJobQueuedSchema = z.object({ jobId: z.uuid() });

export const IncidentDashboardVillageSchema = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  districtName: z.string(),
  regencyCode: z.string(),
  regencyName: z.string(),
  assessedAt: z.string().nullable(),
  affected: z.number().int(),
  displaced: z.number().int(),
  injured: z.number().int(),
  dead: z.number().int(),
  missing: z.number().int(),
  housesDamaged: z.number().int(),
  victims: z.number().int(),
  victimsDisplaced: z.number().int(),
  victimsVulnerable: z.number().int(),
  victimsMet: z.number().int(),
  aidIssues: z.number().int(),
});
export const IncidentDashboardSchema = z.object({
  incidentId: z.uuid(),
  villages: z.array(IncidentDashboardVillageSchema),
  totals: z.object({
    affected: z.number().int(),
    displaced: z.number().int(),
    victims: z.number().int(),
    victimsMet: z.number().int(),
    /** SPM indicator 5 for the incident: victims whose basic needs were met ÷ victims (%). */
    spmPercent: z.number().nullable(),
  }),
});
