import { z } from 'zod';

export const PpksItemSchema = z
  .object({
    code: z.number().int(),
    slug: z.string(),
    name: z.string(),
    nameEn: z.string(),
    group: z.string().nullable(),
    sensitivity: z.enum(['umum', 'spesifik']),
    sensitivityReason: z.string().nullable(),
    ageMin: z.number().int().nullable(),
    ageMax: z.number().int().nullable(),
    aliases: z.array(z.string()),
  })
  .meta({ id: 'PpksCategory' });

export const PsksItemSchema = z
  .object({ code: z.string(), name: z.string(), nameEn: z.string(), kind: z.enum(['perorangan', 'lembaga']), aliases: z.array(z.string()) })
  .meta({ id: 'PsksKind' });

export const ProgrammeItemSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    description: z.string(),
    target: z.enum(['keluarga', 'perorangan']),
    aliases: z.array(z.string()),
    ownerAreaCode: z.string().nullable(),
  })
  .meta({ id: 'Programme' });

export const NikValidateBodySchema = z
  .object({
    nik: z.string().max(64),
    sex: z.enum(['L', 'P']).optional(),
    birthDate: z.iso.date().optional(),
  })
  .strict();

const IssueSchema = z.object({ code: z.string(), field: z.string(), message: z.object({ id: z.string(), en: z.string() }) });

export const NikValidateResultSchema = z.object({
  valid: z.boolean(),
  errors: z.array(IssueSchema),
  warnings: z.array(IssueSchema),
  parsed: z
    .object({
      provinceCode: z.string(),
      regencyCode: z.string(),
      districtCode: z.string(),
      birthDate: z.string().nullable(),
      sex: z.enum(['L', 'P']),
    })
    .nullable(),
});
