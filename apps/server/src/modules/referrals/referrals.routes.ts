import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ProblemSchema,
  ReferralCompleteSchema,
  ReferralCreateSchema,
  ReferralInboxItemSchema,
  ReferralInboxQuerySchema,
  ReferralInboxSchema,
  ReferralListSchema,
  ReferralRejectSchema,
  ReferralRespondSchema,
  ReferralSchema,
} from '@pilar/domain/contracts';
import * as referrals from './referrals.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });
const PartnerView = ReferralInboxItemSchema.omit({ person: true });

/** Referrals: sent by case workers, answered only by the users of the addressed partner. */
export const referralRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['referrals'];
  app.post('/cases/:id/referrals', { schema: { tags, summary: 'Refer the case’s person to a partner', params: IdParams, body: ReferralCreateSchema, response: { 201: ReferralSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await req.run((ctx) => referrals.sendReferral(ctx, req.params.id, req.body))),
  );
  app.get('/cases/:id/referrals', { schema: { tags, summary: 'Referrals of a case', params: IdParams, response: { 200: ReferralListSchema, ...errors } } }, async (req) =>
    req.run((ctx) => referrals.listCaseReferrals(ctx, req.params.id)),
  );
  app.get('/referrals/inbox', { schema: { tags, summary: 'Referrals addressed to the caller’s partners (minimal person data)', querystring: ReferralInboxQuerySchema, response: { 200: ReferralInboxSchema, ...errors } } }, async (req) =>
    req.run((ctx) => referrals.referralInbox(ctx, { page: req.query.page, pageSize: req.query.pageSize, ...(req.query.status ? { status: req.query.status } : {}) })),
  );
  app.post('/referrals/:id/accept', { schema: { tags, summary: 'Accept (partner users only)', params: IdParams, body: ReferralRespondSchema, response: { 200: PartnerView, ...errors } } }, async (req) =>
    req.run((ctx) => referrals.respond(ctx, req.params.id, req.body.version, { action: 'accept' })),
  );
  app.post('/referrals/:id/reject', { schema: { tags, summary: 'Reject with a reason (partner users only)', params: IdParams, body: ReferralRejectSchema, response: { 200: PartnerView, ...errors } } }, async (req) =>
    req.run((ctx) => referrals.respond(ctx, req.params.id, req.body.version, { action: 'reject', reason: req.body.reason })),
  );
  app.post('/referrals/:id/complete', { schema: { tags, summary: 'Complete with the outcome (partner users only)', params: IdParams, body: ReferralCompleteSchema, response: { 200: PartnerView, ...errors } } }, async (req) =>
    req.run((ctx) => referrals.respond(ctx, req.params.id, req.body.version, { action: 'complete', outcome: req.body.outcome })),
  );
  app.post('/referrals/:id/cancel', { schema: { tags, summary: 'Withdraw a referral (sending side)', params: IdParams, body: ReferralRespondSchema, response: { 200: ReferralSchema, ...errors } } }, async (req) =>
    req.run((ctx) => referrals.cancelReferral(ctx, req.params.id, req.body.version)),
  );
};
