import { z } from 'zod';
import { FIELD_TYPES } from '../forms/schema';

const MsgSchema = z.object({ id: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) });

export const FormFieldSchema = z
  .object({
    name: z.string().max(50),
    label: MsgSchema,
    type: z.enum(FIELD_TYPES),
    required: z.boolean().optional(),
    options: z.array(z.object({ value: z.string().min(1).max(100), label: MsgSchema }).strict()).max(100).optional(),
    showIf: z.object({ field: z.string(), equals: z.union([z.string(), z.number(), z.boolean()]) }).strict().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.number().int().min(1).max(10_000).optional(),
    help: MsgSchema.optional(),
    sensitivity: z.enum(['umum', 'spesifik']).optional(),
  })
  .strict()
  .meta({ id: 'FormField' });
export const FormSchemaSchema = z.object({ fields: z.array(FormFieldSchema).min(1).max(200) }).strict().meta({ id: 'FormSchema' });

export const FormCreateSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9-]{1,49}$/),
    title: MsgSchema,
    ppksCodes: z.array(z.number().int().min(1).max(99)).max(26),
    schema: FormSchemaSchema,
  })
  .strict();
export const FormPublishSchema = z.object({ schema: FormSchemaSchema, note: z.string().trim().max(500).optional() }).strict();

export const FormVersionSchema = z
  .object({ formCode: z.string(), version: z.number().int(), schema: FormSchemaSchema, note: z.string().nullable(), publishedAt: z.string() })
  .meta({ id: 'FormVersion' });
export const FormSummarySchema = z
  .object({
    code: z.string(),
    title: z.object({ id: z.string(), en: z.string() }),
    ppksCodes: z.array(z.number().int()),
    latestVersion: z.number().int(),
    versions: z.array(z.object({ version: z.number().int(), publishedAt: z.string(), note: z.string().nullable() })),
    actions: z.array(z.string()),
  })
  .meta({ id: 'FormSummary' });
export const FormListQuerySchema = z.object({ ppks: z.coerce.number().int().min(1).max(99).optional() }).strict();
export const FormListSchema = z.object({ items: z.array(FormSummarySchema) });

export type FormCreate = z.infer<typeof FormCreateSchema>;
