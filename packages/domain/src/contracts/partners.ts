import { z } from 'zod';
import { AreaCodeSchema } from './common';
import { PageQuery } from './people';

export const PARTNER_KINDS = ['psks', 'puskesmas', 'rumah_sakit', 'dinsos_unit', 'instansi_lain'] as const;

const PartnerFields = {
  areaCode: AreaCodeSchema,
  kind: z.enum(PARTNER_KINDS),
  /** Required when kind is `psks`: a PSKS kind code (LKS, LK3, Karang Taruna, …). */
  psksCode: z.string().max(60).nullable().optional(),
  name: z.string().trim().min(2).max(200),
  address: z.string().trim().max(500).nullable().optional(),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/).nullable().optional(),
  services: z.array(z.string().max(60)).max(30).optional(),
};
export const PartnerCreateSchema = z.object({ id: z.uuid().optional(), ...PartnerFields }).strict();
export const PartnerUpdateSchema = z
  .object({ version: z.number().int().min(1), active: z.boolean().optional(), ...PartnerFields })
  .partial({ areaCode: true, kind: true, name: true })
  .strict();
export const PartnerSchema = z
  .object({
    id: z.uuid(),
    areaCode: z.string(),
    areaName: z.string(),
    kind: z.enum(PARTNER_KINDS),
    psksCode: z.string().nullable(),
    name: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    services: z.array(z.string()),
    active: z.boolean(),
    version: z.number().int(),
    userCount: z.number().int(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'Partner' });
export const PartnerListQuerySchema = z
  .object({ area: AreaCodeSchema.optional(), kind: z.enum(PARTNER_KINDS).optional(), q: z.string().trim().min(2).max(100).optional(), ...PageQuery })
  .strict();
export const PartnerListSchema = z.object({ items: z.array(PartnerSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
export const PartnerUserLinkSchema = z.object({ userId: z.uuid() }).strict();
export const PartnerUsersSchema = z.object({ items: z.array(z.object({ userId: z.uuid(), linkedAt: z.string() })) });

export type PartnerCreate = z.infer<typeof PartnerCreateSchema>;
export type PartnerUpdate = z.infer<typeof PartnerUpdateSchema>;
