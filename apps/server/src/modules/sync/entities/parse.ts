import type { z } from 'zod';
import { badRequest } from '../../../platform/errors';

/** Validates pushed data with a module's own contract; every issue names its field. */
export function parse<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw badRequest(
    r.error.issues.map((i) => {
      const field = i.path.join('.') || 'data';
      return {
        field,
        code: `validation.${i.code}`,
        message: { id: `${field} tidak valid`, en: `${field} is invalid: ${i.message}` },
      };
    }),
  );
}
