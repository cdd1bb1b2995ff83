import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ProblemSchema,
  WEBHOOK_EVENTS,
  WebhookCreateSchema,
  WebhookDeliveryListSchema,
  WebhookDeliveryQuerySchema,
  WebhookListSchema,
  WebhookSchema,
  WebhookUpdateSchema,
  WebhookWithSecretSchema,
} from '@pilar/domain/contracts';
import * as webhooks from './webhooks.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** Webhook subscriptions (permission webhook.manage), their delivery log, secret rotation and a test ping. */
export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['webhooks'];
  app.get(
    '/webhooks/events',
    {
      schema: {
        tags,
        summary: 'Event types a webhook can subscribe to',
        response: { 200: z.object({ items: z.array(z.string()) }) },
      },
    },
    async () => ({ items: [...WEBHOOK_EVENTS] }),
  );
  app.post(
    '/webhooks',
    {
      schema: {
        tags,
        summary: 'Subscribe a URL to events in an area; the signing secret is returned once',
        body: WebhookCreateSchema,
        response: { 201: WebhookWithSecretSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => webhooks.createWebhook(ctx, req.body))),
  );
  app.get(
    '/webhooks',
    { schema: { tags, summary: 'Subscriptions in my areas', response: { 200: WebhookListSchema, ...errors } } },
    async (req) => req.run((ctx) => webhooks.listWebhooks(ctx)),
  );
  app.get(
    '/webhooks/:id',
    { schema: { tags, summary: 'One subscription', params: IdParams, response: { 200: WebhookSchema, ...errors } } },
    async (req) => req.run((ctx) => webhooks.getWebhook(ctx, req.params.id)),
  );
  app.patch(
    '/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Change name, URL or events; `active: true` re-enables a disabled subscription',
        params: IdParams,
        body: WebhookUpdateSchema,
        response: { 200: WebhookSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => webhooks.updateWebhook(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Delete a subscription and its delivery log',
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await req.run((ctx) => webhooks.deleteWebhook(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/webhooks/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: 'Replace the signing secret (returned once)',
        params: IdParams,
        response: { 200: WebhookWithSecretSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => webhooks.rotateSecret(ctx, req.params.id)),
  );
  app.post(
    '/webhooks/:id/ping',
    {
      schema: {
        tags,
        summary: 'Send a signed `ping` event to this subscription',
        params: IdParams,
        response: { 202: WebhookSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(202).send(await req.run((ctx) => webhooks.pingWebhook(ctx, req.params.id))),
  );
  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Delivery log: status, attempts, last HTTP status or error',
        params: IdParams,
        querystring: WebhookDeliveryQuerySchema,
        response: { 200: WebhookDeliveryListSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => webhooks.listDeliveries(ctx, req.params.id, req.query)),
  );
};
