import { z } from 'zod';

/** A message in Bahasa Indonesia and English. */
export const MsgSchema = z.object({ id: z.string(), en: z.string() });

/** RFC 9457 problem details, as every error of the API is shaped. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    message: MsgSchema,
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: MsgSchema })),
    requestId: z.string(),
  })
  .meta({ id: 'Problem' });

export const AREA_CODE_PATTERN = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
export const AreaCodeSchema = z.string().max(13).regex(AREA_CODE_PATTERN, 'area code like 33 / 33.72 / 33.72.01 / 33.72.01.1001');
