import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AffectedQuerySchema,
  AffectedResultSchema,
  BreachCreateSchema,
  BreachListSchema,
  BreachSchema,
  DeliveryCreateSchema,
  NoticeParamsSchema,
  NoticeUpdateSchema,
  ProblemSchema,
} from '@pilar/domain/contracts';
import * as breaches from './breaches.service';
import { noticeLetter } from './letters';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** Breach workflow (UU PDP Pasal 46). */
export const privacyBreachRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['privacy'];

  app.post('/privacy/breaches', { schema: { tags, summary: 'Record a breach incident (3 × 24 h from discovery)', body: BreachCreateSchema, response: { 201: BreachSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => breaches.recordBreach(ctx, req.body))));

  app.get('/privacy/breaches', { schema: { tags, summary: 'Breach incidents in scope', response: { 200: BreachListSchema, ...errors } } },
    async (req) => req.run((ctx) => breaches.listBreaches(ctx)));

  app.get('/privacy/breaches/:id', { schema: { tags, summary: 'One incident with its notices and timer', params: IdParams, response: { 200: BreachSchema, ...errors } } },
    async (req) => req.run((ctx) => breaches.getBreach(ctx, req.params.id)));

  app.post('/privacy/breaches/:id/affected-query', { schema: { tags, summary: 'Persons whose records a user processed in a period (from the audit); optionally record them as affected', params: IdParams, body: AffectedQuerySchema, response: { 200: AffectedResultSchema, ...errors } } },
    async (req) => req.run((ctx) => breaches.findAffected(ctx, req.params.id, req.body)));

  app.get('/privacy/breaches/:id/affected', { schema: { tags, summary: 'Persons recorded as affected', params: IdParams, response: { 200: z.object({ items: z.array(z.object({ personId: z.uuid(), villageCode: z.string(), addedAt: z.string() })) }), ...errors } } },
    async (req) => req.run((ctx) => breaches.listAffected(ctx, req.params.id)));

  app.patch('/privacy/breaches/:id/notices/:audience', { schema: { tags, summary: 'Edit a notice (persons or authority); it returns to draft', params: NoticeParamsSchema, body: NoticeUpdateSchema, response: { 200: BreachSchema, ...errors } } },
    async (req) => req.run((ctx) => breaches.updateNotice(ctx, req.params.id, req.params.audience, req.body)));

  app.post('/privacy/breaches/:id/notices/:audience/ready', { schema: { tags, summary: 'Mark a notice ready: refused while a mandatory content (Pasal 46(2)) is empty', params: NoticeParamsSchema, response: { 200: BreachSchema, ...errors } } },
    async (req) => req.run((ctx) => breaches.markNoticeReady(ctx, req.params.id, req.params.audience)));

  app.post('/privacy/breaches/:id/notices/:audience/deliveries', { schema: { tags, summary: 'Log a delivery of a ready notice', params: NoticeParamsSchema, body: DeliveryCreateSchema, response: { 200: BreachSchema, ...errors } } },
    async (req) => req.run((ctx) => breaches.recordDelivery(ctx, req.params.id, req.params.audience, req.body)));

  app.get('/privacy/breaches/:id/notices/:audience/letter', { schema: { tags, summary: 'The notice as a letter (PDF)', params: NoticeParamsSchema, response: { 200: z.any(), ...errors } } },
    async (req, reply) => {
      const pdf = await req.run((ctx) => noticeLetter(ctx, req.params.id, req.params.audience));
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="pemberitahuan.pdf"').header('cache-control', 'no-store').send(pdf);
    });
};
