import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssessmentCreateSchema,
  AssessmentListSchema,
  AssessmentSchema,
  CaseCreateSchema,
  CaseEventListSchema,
  CaseListQuerySchema,
  CaseListSchema,
  CaseSchema,
  CaseSettingsSchema,
  CaseSettingsUpdateSchema,
  CaseStatsQuerySchema,
  CaseStatsSchema,
  CaseTransitionSchema,
  CaseUpdateSchema,
  CaseWriteResultSchema,
  ProblemSchema,
  VerificationStepSchema,
} from '@pilar/domain/contracts';
import * as assessments from './assessments.service';
import * as cases from './cases.service';
import { verificationStep } from './verification.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** PPKS cases: lifecycle, verification chain, assessments, settings and rollup counts. */
export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['cases'];
  app.post(
    '/cases',
    { schema: { tags, summary: 'Open a case (id may come from the device; the number is given here)', body: CaseCreateSchema, response: { 201: CaseWriteResultSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => cases.createCase(ctx, req.body))),
  );
  app.get('/cases', { schema: { tags, summary: 'Cases in the caller’s scope, filtered and paged', querystring: CaseListQuerySchema, response: { 200: CaseListSchema, ...errors } } }, async (req) =>
    req.run((ctx) => cases.listCases(ctx, req.query)),
  );
  app.get('/cases/stats', { schema: { tags, summary: 'Counts for an area from the rollups (status, PPKS, validated)', querystring: CaseStatsQuerySchema, response: { 200: CaseStatsSchema, ...errors } } }, async (req) =>
    req.run((ctx) => cases.caseStats(ctx, req.query.area)),
  );
  app.get('/cases/:id', { schema: { tags, summary: 'One case with the caller’s actions', params: IdParams, response: { 200: CaseSchema, ...errors } } }, async (req) =>
    req.run((ctx) => cases.getCase(ctx, req.params.id)),
  );
  app.patch('/cases/:id', { schema: { tags, summary: 'Edit need, PPKS category or assignee (version checked)', params: IdParams, body: CaseUpdateSchema, response: { 200: CaseWriteResultSchema, ...errors } } }, async (req) =>
    req.run((ctx) => cases.updateCase(ctx, req.params.id, req.body)),
  );
  app.post('/cases/:id/transitions', { schema: { tags, summary: 'Lifecycle action: assess, plan, start, monitor, resume, close, reopen', params: IdParams, body: CaseTransitionSchema, response: { 200: CaseSchema, ...errors } } }, async (req) =>
    req.run((ctx) => cases.transitionCase(ctx, req.params.id, req.body)),
  );
  app.post('/cases/:id/verification', { schema: { tags, summary: 'Verification chain step: submit, check, validate, return', params: IdParams, body: VerificationStepSchema, response: { 200: CaseSchema, ...errors } } }, async (req) =>
    req.run((ctx) => verificationStep(ctx, req.params.id, req.body)),
  );
  app.get('/cases/:id/events', { schema: { tags, summary: 'What happened to the case', params: IdParams, response: { 200: CaseEventListSchema, ...errors } } }, async (req) =>
    req.run((ctx) => cases.listEvents(ctx, req.params.id)),
  );
  app.get('/cases/:id/assessments', { schema: { tags, summary: 'Assessments with the form version each was given under', params: IdParams, response: { 200: AssessmentListSchema, ...errors } } }, async (req) =>
    req.run((ctx) => assessments.listAssessments(ctx, req.params.id)),
  );
  app.post(
    '/cases/:id/assessments',
    { schema: { tags, summary: 'Record an assessment (answers validated against the form version)', params: IdParams, body: AssessmentCreateSchema, response: { 201: AssessmentSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => assessments.recordAssessment(ctx, req.params.id, req.body))),
  );
  const RegencyParams = z.object({ code: z.string().regex(/^\d{2}\.\d{2}$/) });
  app.get('/regencies/:code/case-settings', { schema: { tags, summary: 'Case rules of a regency', params: RegencyParams, response: { 200: CaseSettingsSchema, ...errors } } }, async (req) =>
    req.run((ctx) => cases.getCaseSettings(ctx, req.params.code)),
  );
  app.put('/regencies/:code/case-settings', { schema: { tags, summary: 'Require (or not) the verification chain for new cases', params: RegencyParams, body: CaseSettingsUpdateSchema, response: { 200: CaseSettingsSchema, ...errors } } }, async (req) =>
    req.run((ctx) => cases.setCaseSettings(ctx, req.params.code, req.body.verificationRequired)),
  );
};
