import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PartnerCreateSchema,
  PartnerListQuerySchema,
  PartnerListSchema,
  PartnerSchema,
  PartnerUpdateSchema,
  PartnerUserLinkSchema,
  PartnerUsersSchema,
  ProblemSchema,
} from '@pilar/domain/contracts';
import * as partners from './partners.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** Referral partners (PSKS organisations, puskesmas, Dinsos units, other agencies) and their users. */
export const partnerRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['partners'];
  app.get('/partners', { schema: { tags, summary: 'Partners serving an area (registered in it, below it or above it)', querystring: PartnerListQuerySchema, response: { 200: PartnerListSchema, ...errors } } }, async (req) =>
    req.run((ctx) => partners.listPartners(ctx, req.query)),
  );
  app.get('/partners/mine', { schema: { tags, summary: 'The partners the caller acts for (mitra users)', response: { 200: z.object({ items: z.array(PartnerSchema) }), ...errors } } }, async (req) =>
    req.run((ctx) => partners.myPartners(ctx)),
  );
  app.post('/partners', { schema: { tags, summary: 'Register a partner (partner.manage)', body: PartnerCreateSchema, response: { 201: PartnerSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await req.run((ctx) => partners.createPartner(ctx, req.body))),
  );
  app.get('/partners/:id', { schema: { tags, summary: 'One partner', params: IdParams, response: { 200: PartnerSchema, ...errors } } }, async (req) => req.run((ctx) => partners.getPartner(ctx, req.params.id)));
  app.patch('/partners/:id', { schema: { tags, summary: 'Edit a partner (version checked)', params: IdParams, body: PartnerUpdateSchema, response: { 200: PartnerSchema, ...errors } } }, async (req) =>
    req.run((ctx) => partners.updatePartner(ctx, req.params.id, req.body)),
  );
  app.get('/partners/:id/users', { schema: { tags, summary: 'Users acting for the partner', params: IdParams, response: { 200: PartnerUsersSchema, ...errors } } }, async (req) =>
    req.run((ctx) => partners.listPartnerUsers(ctx, req.params.id)),
  );
  app.post('/partners/:id/users', { schema: { tags, summary: 'Link a mitra user to the partner', params: IdParams, body: PartnerUserLinkSchema, response: { 200: PartnerUsersSchema, ...errors } } }, async (req) =>
    req.run((ctx) => partners.linkPartnerUser(ctx, req.params.id, req.body.userId)),
  );
  app.delete('/partners/:id/users/:userId', { schema: { tags, summary: 'Unlink a user', params: z.object({ id: z.uuid(), userId: z.uuid() }), response: { 200: PartnerUsersSchema, ...errors } } }, async (req) =>
    req.run((ctx) => partners.unlinkPartnerUser(ctx, req.params.id, req.params.userId)),
  );
};
