import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FulfilSchema,
  IdentityCheckSchema,
  LiftRestrictionSchema,
  ProblemSchema,
  RefuseSchema,
  RestrictedPersonListSchema,
  SubjectRequestCreateSchema,
  SubjectRequestListQuerySchema,
  SubjectRequestListSchema,
  SubjectRequestSchema,
  DeadlineOverviewSchema,
} from '@pilar/domain/contracts';
import * as requests from './requests.service';
import { fulfilRequest, liftRestriction } from './fulfil.service';
import { subjectExport } from './subject-export';
import { requestLetter } from './letters';
import { deadlineOverview } from './deadlines.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 423: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** Data subject requests (UU PDP): intake, identity check, answer, export, letter; restriction lifting. */
export const privacyRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['privacy'];

  app.post('/privacy/requests', { schema: { tags, summary: 'Register a data subject request (3 × 24 h from receipt)', body: SubjectRequestCreateSchema, response: { 201: SubjectRequestSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => requests.registerRequest(ctx, req.body))));

  app.get('/privacy/requests', { schema: { tags, summary: 'Requests in the DPO’s scope with their timers', querystring: SubjectRequestListQuerySchema, response: { 200: SubjectRequestListSchema, ...errors } } },
    async (req) => req.run((ctx) => requests.listRequests(ctx, req.query)));

  app.get('/privacy/requests/:id', { schema: { tags, summary: 'One request with its timer and escalations', params: IdParams, response: { 200: SubjectRequestSchema, ...errors } } },
    async (req) => req.run((ctx) => requests.getRequest(ctx, req.params.id)));

  app.post('/privacy/requests/:id/identity-check', { schema: { tags, summary: 'Record how the requester’s identity was checked', params: IdParams, body: IdentityCheckSchema, response: { 200: SubjectRequestSchema, ...errors } } },
    async (req) => req.run((ctx) => requests.recordIdentityCheck(ctx, req.params.id, req.body)));

  app.post('/privacy/requests/:id/fulfil', { schema: { tags, summary: 'Carry out and answer the request (restrict, erase, correct, withdraw consent, give access)', params: IdParams, body: FulfilSchema, response: { 200: SubjectRequestSchema, ...errors } } },
    async (req) => {
      const answered = await req.run((ctx) => fulfilRequest(ctx, req.params.id, req.body));
      // An erasure committed with the answer: remove the erased files' bytes now (the periodic job retries on failure).
      await app.pilar.files.purgeErased(app.pilar.db).catch((err: unknown) => req.log.warn({ err }, 'file purge deferred'));
      return answered;
    });

  app.post('/privacy/requests/:id/refuse', { schema: { tags, summary: 'Refuse the request with a reason', params: IdParams, body: RefuseSchema, response: { 200: SubjectRequestSchema, ...errors } } },
    async (req) => req.run((ctx) => requests.refuseRequest(ctx, req.params.id, req.body)));

  app.get('/privacy/requests/:id/export', { schema: { tags, summary: 'Machine-readable export: the person’s data and processing history (JSON download)', params: IdParams, response: { 200: z.any(), ...errors } } },
    async (req, reply) => {
      const body = await req.run((ctx) => subjectExport(ctx, req.params.id));
      return reply.header('content-disposition', 'attachment; filename="data-pribadi.json"').header('cache-control', 'no-store').send(body);
    });

  app.get('/privacy/requests/:id/letter', { schema: { tags, summary: 'The answer letter (PDF)', params: IdParams, response: { 200: z.any(), ...errors } } },
    async (req, reply) => {
      const pdf = await req.run((ctx) => requestLetter(ctx, req.params.id));
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="jawaban-permintaan.pdf"').header('cache-control', 'no-store').send(pdf);
    });

  app.get('/privacy/deadlines', { schema: { tags, summary: 'Open requests and breaches with their 3 × 24 h timers', response: { 200: DeadlineOverviewSchema, ...errors } } },
    async (req) => req.run((ctx) => deadlineOverview(ctx)));

  app.get('/privacy/restricted-persons', { schema: { tags, summary: 'Persons whose processing is restricted (hidden from other lists)', response: { 200: RestrictedPersonListSchema, ...errors } } },
    async (req) => req.run((ctx) => requests.listRestricted(ctx)));

  app.post('/privacy/persons/:id/lift-restriction', { schema: { tags, summary: 'Lift a restriction of processing', params: IdParams, body: LiftRestrictionSchema, response: { 200: z.object({ personId: z.uuid(), status: z.literal('active') }), ...errors } } },
    async (req) => req.run((ctx) => liftRestriction(ctx, req.params.id, req.body.reason)));
};
