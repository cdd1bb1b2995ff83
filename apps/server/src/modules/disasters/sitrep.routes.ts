import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SitrepCreateSchema, SitrepDailyBodySchema, SitrepJobQueuedSchema, SitrepListSchema, SitrepSchema } from '@pilar/domain/contracts';
import { errors, IdParams, tags } from './incidents.routes';
import * as sitreps from './sitrep.service';

const SitrepParams = z.object({ id: z.uuid(), sitrepId: z.uuid() }).strict();

/** Situation reports: text to paste into a messaging group, and a PDF with letterhead. */
export const sitrepRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/incidents/:id/sitreps',
    { schema: { tags, summary: 'Generate a situation report now (aggregates only, no personal data)', params: IdParams, body: SitrepCreateSchema.optional(), response: { 201: SitrepSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run(async (ctx) => (await sitreps.generateSitrep(ctx, req.params.id, 'on_demand'))!)),
  );
  app.get(
    '/incidents/:id/sitreps',
    { schema: { tags, summary: 'Situation reports of the incident, newest first', params: IdParams, response: { 200: SitrepListSchema, ...errors } } },
    async (req) => req.run((ctx) => sitreps.listSitreps(ctx, req.params.id)),
  );
  app.get(
    '/incidents/:id/sitreps/:sitrepId',
    { schema: { tags, summary: 'One situation report (figures and text)', params: SitrepParams, response: { 200: SitrepSchema, ...errors } } },
    async (req) => req.run((ctx) => sitreps.getSitrep(ctx, req.params.id, req.params.sitrepId)),
  );
  app.get(
    '/incidents/:id/sitreps/:sitrepId/pdf',
    { schema: { tags, summary: 'The situation report as PDF with letterhead', params: SitrepParams, response: { 200: z.any(), ...errors } } },
    async (req, reply) => {
      const s = await req.run((ctx) => sitreps.getSitrepPdf(ctx, req.params.id, req.params.sitrepId));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="sitrep-${s.number}.pdf"`).send(s.pdf);
    },
  );
  app.post(
    '/sitreps/daily',
    { schema: { tags, summary: 'Queue the daily sitreps of the open incidents the caller leads (job)', body: SitrepDailyBodySchema, response: { 202: SitrepJobQueuedSchema, ...errors, 503: errors[400] } } },
    async (req, reply) => reply.status(202).send(await req.run((ctx) => sitreps.queueDailySitreps(ctx, req.body.date))),
  );
};
