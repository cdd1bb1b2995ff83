import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CasePlanSchema,
  ServiceDeliveryCreateSchema,
  DeliveryWriteResultSchema,
  FollowUpCreateSchema,
  FollowUpDoneSchema,
  FollowUpListSchema,
  FollowUpSchema,
  GoalCreateSchema,
  GoalSchema,
  GoalUpdateSchema,
  OverdueQuerySchema,
  ProblemSchema,
  ServiceKindListSchema,
  ServicePlanCreateSchema,
  ServicePlanSchema,
  VisitCreateSchema,
  VisitListSchema,
  VisitSchema,
} from '@pilar/domain/contracts';
import * as plans from './plans.service';
import * as visits from './visits.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });
const SubParams = z.object({ id: z.uuid(), sub: z.uuid() });

/** Intervention plans, services delivered, follow-ups (with the overdue list), visits and notes. */
export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['cases'];
  app.get('/services', { schema: { tags, summary: 'The service catalogue (SPM bundle)', response: { 200: ServiceKindListSchema, ...errors } } }, async (req) => req.run((ctx) => plans.listServiceKinds(ctx)));
  app.get('/cases/:id/plan', { schema: { tags, summary: 'Goals, planned services, deliveries and follow-ups', params: IdParams, response: { 200: CasePlanSchema, ...errors } } }, async (req) =>
    req.run((ctx) => plans.getPlan(ctx, req.params.id)),
  );
  app.post('/cases/:id/goals', { schema: { tags, summary: 'Add a goal', params: IdParams, body: GoalCreateSchema, response: { 201: GoalSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await req.run((ctx) => plans.addGoal(ctx, req.params.id, req.body))),
  );
  app.patch('/cases/:id/goals/:sub', { schema: { tags, summary: 'Mark a goal achieved or dropped', params: SubParams, body: GoalUpdateSchema, response: { 200: GoalSchema, ...errors } } }, async (req) =>
    req.run((ctx) => plans.setGoalStatus(ctx, req.params.id, req.params.sub, req.body.status)),
  );
  app.post('/cases/:id/planned-services', { schema: { tags, summary: 'Plan a service from the catalogue', params: IdParams, body: ServicePlanCreateSchema, response: { 201: ServicePlanSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await req.run((ctx) => plans.planService(ctx, req.params.id, req.body))),
  );
  app.post('/cases/:id/deliveries', { schema: { tags, summary: 'Record a service delivered (what, when, who, quantity)', params: IdParams, body: ServiceDeliveryCreateSchema, response: { 201: DeliveryWriteResultSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await req.run((ctx) => plans.recordDelivery(ctx, req.params.id, req.body))),
  );
  app.post('/cases/:id/follow-ups', { schema: { tags, summary: 'Schedule a follow-up', params: IdParams, body: FollowUpCreateSchema, response: { 201: FollowUpSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await req.run((ctx) => plans.scheduleFollowUp(ctx, req.params.id, req.body))),
  );
  app.post('/cases/:id/follow-ups/:sub/done', { schema: { tags, summary: 'Complete a follow-up', params: SubParams, body: FollowUpDoneSchema, response: { 200: FollowUpSchema, ...errors } } }, async (req) =>
    req.run((ctx) => plans.completeFollowUp(ctx, req.params.id, req.params.sub, req.body.outcome)),
  );
  app.get('/follow-ups/overdue', { schema: { tags, summary: 'Overdue follow-ups: assignedTo=me for a PSM, area for a supervisor', querystring: OverdueQuerySchema, response: { 200: FollowUpListSchema, ...errors } } }, async (req) =>
    req.run((ctx) => plans.overdueFollowUps(ctx, req.query)),
  );
  app.get('/persons/:id/visits', { schema: { tags, summary: 'Visits and notes', params: IdParams, response: { 200: VisitListSchema, ...errors } } }, async (req) =>
    req.run((ctx) => visits.listVisits(ctx, req.params.id)),
  );
  app.post('/persons/:id/visits', { schema: { tags, summary: 'Record a visit or note (files uploaded first, GPS optional)', params: IdParams, body: VisitCreateSchema, response: { 201: VisitSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await req.run((ctx) => visits.recordVisit(ctx, req.params.id, req.body))),
  );
};
