import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  JobQueuedSchema,
  LegalHoldCreateSchema,
  LegalHoldListSchema,
  LegalHoldSchema,
  PrivacyOfficeListSchema,
  PrivacyOfficeSchema,
  PrivacyOfficeUpdateSchema,
  ProblemSchema,
  PublicPrivacySchema,
  PurposeListSchema,
  ReleaseHoldSchema,
  RETENTION_RECORD_TYPES,
  RetentionRuleListSchema,
  RetentionRuleSchema,
  RetentionRuleUpdateSchema,
  RetentionRunBodySchema,
  RetentionRunListSchema,
} from '@pilar/domain/contracts';
import { requireAccess } from '../../platform/access/actor';
import * as gov from './governance.service';
import * as retention from './retention.service';
import { ropaPdf } from './letters';
import { retentionJob } from './privacy.jobs';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 503: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** Purposes, DPO contact, record of processing, DPIA template, retention schedule, holds and runs. */
export const privacyGovernanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['privacy'];

  app.get('/privacy/purposes', { schema: { tags, summary: 'Purpose registry: exports, reports and integrations declare one of these codes', response: { 200: PurposeListSchema, ...errors } } },
    async (req) => req.run((ctx) => gov.listPurposes(ctx)));

  app.get('/public/privacy', { schema: { tags: ['public'], summary: 'Privacy notice: the DPO’s contact, a plain-language summary, rights and purposes (no login)', response: { 200: PublicPrivacySchema } } },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return req.run((ctx) => gov.publicPrivacy(ctx.db));
    });

  app.get('/privacy/offices', { schema: { tags, summary: 'Data protection officers’ contacts (admin page)', response: { 200: PrivacyOfficeListSchema, ...errors } } },
    async (req) => req.run((ctx) => gov.listOffices(ctx)));

  app.put('/privacy/offices', { schema: { tags, summary: 'Set an office’s letterhead and DPO contact (ID, province or regency)', body: PrivacyOfficeUpdateSchema, response: { 200: PrivacyOfficeSchema, ...errors } } },
    async (req) => req.run((ctx) => gov.setOffice(ctx, req.body)));

  app.get('/privacy/ropa', { schema: { tags, summary: 'Record of processing activities (JSON), generated from the configuration', response: { 200: z.any(), ...errors } } },
    async (req) => req.run((ctx) => gov.recordOfProcessing(ctx)));

  app.get('/privacy/ropa/pdf', { schema: { tags, summary: 'Record of processing activities (PDF)', response: { 200: z.any(), ...errors } } },
    async (req, reply) => {
      const pdf = await req.run((ctx) => ropaPdf(ctx));
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="ropa.pdf"').header('cache-control', 'no-store').send(pdf);
    });

  app.get('/privacy/dpia-template', { schema: { tags, summary: 'DPIA template (Markdown), pre-filled from the record of processing', response: { 200: z.any(), ...errors } } },
    async (req, reply) => {
      const md = await req.run((ctx) => gov.dpiaTemplate(ctx));
      return reply.header('content-type', 'text/markdown; charset=utf-8').header('content-disposition', 'attachment; filename="dpia.md"').send(md);
    });

  app.get('/privacy/retention/rules', { schema: { tags, summary: 'Retention schedule with legal bases', response: { 200: RetentionRuleListSchema, ...errors } } },
    async (req) => req.run((ctx) => retention.listRules(ctx)));

  app.put('/privacy/retention/rules/:recordType', { schema: { tags, summary: 'Change a retention rule (national DPO)', params: z.object({ recordType: z.enum(RETENTION_RECORD_TYPES) }), body: RetentionRuleUpdateSchema, response: { 200: RetentionRuleSchema, ...errors } } },
    async (req) => req.run((ctx) => retention.updateRule(ctx, req.params.recordType, req.body)));

  app.post('/privacy/retention/runs', { schema: { tags, summary: 'Run retention now as a job (the same job runs daily)', body: RetentionRunBodySchema, response: { 202: JobQueuedSchema, ...errors } } },
    async (req, reply) => {
      const jobId = await req.run(async (ctx) => {
        requireAccess(ctx.actor, 'privacy.manage');
        return ctx.jobs.enqueue(ctx, retentionJob.name, req.body, { purpose: 'retensi' });
      });
      return reply.status(202).send({ jobId });
    });

  app.get('/privacy/retention/runs', { schema: { tags, summary: 'Recent retention reports', response: { 200: RetentionRunListSchema, ...errors } } },
    async (req) => req.run((ctx) => retention.listRuns(ctx)));

  app.get('/privacy/legal-holds', { schema: { tags, summary: 'Legal holds in scope', response: { 200: LegalHoldListSchema, ...errors } } },
    async (req) => req.run((ctx) => retention.listHolds(ctx)));

  app.post('/privacy/legal-holds', { schema: { tags, summary: 'Place a legal hold on a person or a case (stops retention and erasure)', body: LegalHoldCreateSchema, response: { 201: LegalHoldSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => retention.placeHold(ctx, req.body))));

  app.post('/privacy/legal-holds/:id/release', { schema: { tags, summary: 'Release a legal hold', params: IdParams, body: ReleaseHoldSchema, response: { 200: LegalHoldSchema, ...errors } } },
    async (req) => req.run((ctx) => retention.releaseHold(ctx, req.params.id, req.body.reason)));
};
