import { z } from 'zod';
import { AreaCodeSchema } from './common';

/**
 * Webhooks (issue 10): an integration subscribes to event types in an area and
 * receives signed POSTs. Payloads carry ids, the event type, the area code and
 * non-sensitive fields only — never a NIK, a name or a phone number.
 */
export const WEBHOOK_EVENTS = [
  'person.created',
  'person.updated',
  'case.created',
  'case.status_changed',
  'referral.updated',
  'member.verified',
  'member.status_changed',
] as const;
export const WebhookEventSchema = z.enum(WEBHOOK_EVENTS);

export const WebhookCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    url: z.url({ protocol: /^https?$/ }).max(2000),
    events: z.array(WebhookEventSchema).min(1).max(WEBHOOK_EVENTS.length),
    areaCode: z.union([z.literal('ID'), AreaCodeSchema]),
    /** At least 32 characters; generated (and shown once) when absent. */
    secret: z.string().min(32).max(200).optional(),
  })
  .strict();
export const WebhookUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    events: z.array(WebhookEventSchema).min(1).max(WEBHOOK_EVENTS.length).optional(),
    /** true re-enables a subscription disabled after repeated failures. */
    active: z.boolean().optional(),
  })
  .strict();

export const WebhookSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    areaCode: z.string(),
    active: z.boolean(),
    disabledReason: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Webhook' });
export const WebhookWithSecretSchema = z.object({ webhook: WebhookSchema, secret: z.string() }).meta({ id: 'WebhookWithSecret' });
export const WebhookListSchema = z.object({ items: z.array(WebhookSchema) });

export const WebhookDeliverySchema = z.object({
  id: z.uuid(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export const WebhookDeliveryListSchema = z.object({
  items: z.array(WebhookDeliverySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export const WebhookDeliveryQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export type WebhookCreate = z.infer<typeof WebhookCreateSchema>;
export type WebhookUpdate = z.infer<typeof WebhookUpdateSchema>;
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;
