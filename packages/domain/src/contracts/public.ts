import { z } from 'zod';
import { AreaCodeSchema, MsgSchema } from './common';
import { PeriodParam } from './dashboard';

export const PublicStatsQuerySchema = z
  .object({ area: z.union([z.literal('ID'), AreaCodeSchema]).default('ID'), period: PeriodParam.optional() })
  .strict();

/** A published figure: the count, or null with `suppressed: true` (small-cell suppression). */
export const PublicFigureSchema = z.object({ key: z.string(), value: z.number().nullable(), suppressed: z.boolean() });

export const PublicStatsSchema = z
  .object({
    area: z.object({ code: z.string(), name: z.string(), level: z.string() }),
    period: z.object({ kind: z.enum(['year', 'month']), value: z.string(), timeZone: z.string() }),
    threshold: z.number().int(),
    definitions: z.array(z.object({ key: z.string(), label: MsgSchema, sensitive: z.boolean() })),
    figures: z.array(PublicFigureSchema),
    children: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), figures: z.array(PublicFigureSchema) })),
    method: MsgSchema,
    source: z.string(),
  })
  .meta({ id: 'PublicStats' });
