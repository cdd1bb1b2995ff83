import { z } from 'zod';
import { AreaCodeSchema } from './common';

export const AreaLevelSchema = z.enum(['province', 'regency', 'district', 'village']);
export const AreaTypeSchema = z.enum(['provinsi', 'kabupaten', 'kota', 'kecamatan', 'kelurahan', 'desa', 'desa_adat']);

export const AreaSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: AreaLevelSchema,
    type: AreaTypeSchema.nullable(),
    parentCode: z.string().nullable(),
    timeZone: z.enum(['WIB', 'WITA', 'WIT']),
    counts: z.object({ children: z.number().int(), villages: z.number().int() }),
  })
  .meta({ id: 'Area' });

export const AreaDetailSchema = AreaSchema.extend({
  ancestors: z.array(z.object({ code: z.string(), name: z.string(), level: AreaLevelSchema })),
}).meta({ id: 'AreaDetail' });

export const AreaListQuerySchema = z.object({ parent: AreaCodeSchema.optional() }).strict();
export const AreaListSchema = z.object({ parent: AreaDetailSchema.nullable(), items: z.array(AreaSchema) });

export const AreaSearchQuerySchema = z
  .object({
    q: z.string().min(2).max(100),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    level: AreaLevelSchema.optional(),
    within: AreaCodeSchema.optional(),
  })
  .strict();
export const AreaSearchResultSchema = z.object({ items: z.array(AreaSchema.extend({ path: z.string() })) });

export type Area = z.infer<typeof AreaSchema>;
export type AreaDetail = z.infer<typeof AreaDetailSchema>;
