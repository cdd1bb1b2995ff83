import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  HouseholdCreateSchema,
  HouseholdKkSchema,
  HouseholdListQuerySchema,
  HouseholdListSchema,
  HouseholdMemberAddSchema,
  HouseholdMemberLeaveSchema,
  HouseholdSchema,
  HouseholdWriteResultSchema,
  ProblemSchema,
  RevealBodySchema,
  RevealKkResultSchema,
} from '@pilar/domain/contracts';
import * as households from './households.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** Households (Kartu Keluarga): members with their relationship, No. KK protected and kept with history. */
export const householdRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['people'];
  app.post('/households', { schema: { tags, summary: 'Register a household', body: HouseholdCreateSchema, response: { 201: HouseholdWriteResultSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await req.run((ctx) => households.createHousehold(ctx, req.body))),
  );
  app.get('/households', { schema: { tags, summary: 'Households in the caller’s scope (No. KK masked)', querystring: HouseholdListQuerySchema, response: { 200: HouseholdListSchema, ...errors } } }, async (req) =>
    req.run((ctx) => households.listHouseholds(ctx, { page: req.query.page, pageSize: req.query.pageSize, ...(req.query.area ? { area: req.query.area } : {}) })),
  );
  app.get('/households/:id', { schema: { tags, summary: 'One household with members and No. KK history', params: IdParams, response: { 200: HouseholdSchema, ...errors } } }, async (req) =>
    req.run((ctx) => households.getHousehold(ctx, req.params.id)),
  );
  app.post('/households/:id/kk', { schema: { tags, summary: 'Record a reissued No. KK (the old one stays in the history)', params: IdParams, body: HouseholdKkSchema, response: { 200: HouseholdWriteResultSchema, ...errors } } }, async (req) =>
    req.run((ctx) => households.reissueKk(ctx, req.params.id, req.body)),
  );
  app.post('/households/:id/members', { schema: { tags, summary: 'Add a member', params: IdParams, body: HouseholdMemberAddSchema, response: { 200: HouseholdSchema, ...errors } } }, async (req) =>
    req.run((ctx) => households.addMember(ctx, req.params.id, req.body)),
  );
  app.post(
    '/households/:id/members/:memberId/leave',
    { schema: { tags, summary: 'A member leaves the household', params: z.object({ id: z.uuid(), memberId: z.uuid() }), body: HouseholdMemberLeaveSchema, response: { 200: HouseholdSchema, ...errors } } },
    async (req) => req.run((ctx) => households.memberLeaves(ctx, req.params.id, req.params.memberId, req.body.leftOn)),
  );
  app.post('/households/:id/reveal-kk', { schema: { tags, summary: 'Reveal the full No. KK for a stated reason (audited)', params: IdParams, body: RevealBodySchema, response: { 200: RevealKkResultSchema, ...errors } } }, async (req) =>
    req.run((ctx) => households.revealKk(ctx, req.params.id, req.body.reason)),
  );
};
