import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConsentCreateSchema,
  ConsentListSchema,
  ConsentSchema,
  ConsentWithdrawSchema,
  PersonPpksListSchema,
  PersonPpksSchema,
  PersonPpksWriteResultSchema,
  PpksAssignSchema,
  PpksEndSchema,
  ProblemSchema,
} from '@pilar/domain/contracts';
import * as consent from './consent.service';
import * as ppks from './ppks.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });
const SubParams = z.object({ id: z.uuid(), sub: z.uuid() });

/** A person's PPKS categories and legal bases of processing (consent). */
export const personRecordRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['people'];

  app.get('/persons/:id/ppks', { schema: { tags, summary: 'PPKS categories held and held before', params: IdParams, response: { 200: PersonPpksListSchema, ...errors } } }, async (req) =>
    req.run((ctx) => ppks.listPersonPpks(ctx, req.params.id)),
  );
  app.post(
    '/persons/:id/ppks',
    { schema: { tags, summary: 'Assign a PPKS category (age-band warnings never block)', params: IdParams, body: PpksAssignSchema, response: { 201: PersonPpksWriteResultSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => ppks.assignPpks(ctx, req.params.id, req.body))),
  );
  app.post(
    '/persons/:id/ppks/:sub/end',
    { schema: { tags, summary: 'End a PPKS category assignment (kept as history)', params: SubParams, body: PpksEndSchema, response: { 200: PersonPpksSchema, ...errors } } },
    async (req) => req.run((ctx) => ppks.endPpks(ctx, req.params.id, req.params.sub, req.body)),
  );

  app.get('/persons/:id/consents', { schema: { tags, summary: 'Legal bases of processing (UU PDP Pasal 20)', params: IdParams, response: { 200: ConsentListSchema, ...errors } } }, async (req) =>
    req.run((ctx) => consent.listConsents(ctx, req.params.id)),
  );
  app.post(
    '/persons/:id/consents',
    { schema: { tags, summary: 'Record a legal basis / consent (guardian for children and persons with disability)', params: IdParams, body: ConsentCreateSchema, response: { 201: ConsentSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => consent.recordConsent(ctx, req.params.id, req.body))),
  );
  app.post(
    '/persons/:id/consents/:sub/withdraw',
    { schema: { tags, summary: 'Withdraw a consent (dated, kept as history)', params: SubParams, body: ConsentWithdrawSchema, response: { 200: ConsentSchema, ...errors } } },
    async (req) => req.run((ctx) => consent.withdrawConsent(ctx, req.params.id, req.params.sub, req.body)),
  );
};
