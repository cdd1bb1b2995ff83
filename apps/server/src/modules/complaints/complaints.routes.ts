import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ComplaintCreatedSchema,
  ComplaintCreateSchema,
  ComplaintFormSchema,
  ComplaintListQuerySchema,
  ComplaintListSchema,
  ComplaintSchema,
  ComplaintStageBodySchema,
  ProblemSchema,
  ProgrammeCodeSchema,
  PublicComplaintCreateSchema,
  PublicComplaintCreatedSchema,
  PublicComplaintStatusSchema,
} from '@pilar/domain/contracts';
import { AppError } from '../../platform/errors';
import * as complaints from './complaints.service';
import { linkComplaint } from './link.service';
import { complaintForm, filePublicComplaint, trackComplaint } from './public.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });
const ComplaintLinkSchema = z
  .object({ version: z.number().int().min(1), personId: z.uuid().nullable().optional(), programmeCode: ProgrammeCodeSchema.nullable().optional() })
  .strict();

/** Per address: filings are few, status checks a little more (a phone refreshing). */
export const PUBLIC_FILINGS_PER_10_MIN = 5;
export const PUBLIC_READS_PER_MIN = 30;

/** Complaints (pengaduan): staff intake and handling, and the public form and status page. */
export const complaintRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['complaints'];
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => {
      const seconds = Math.max(1, Math.ceil(ctx.ttl / 1000));
      return new AppError(429, 'rate_limited', {
        id: `Terlalu banyak permintaan dari alamat ini. Coba lagi dalam ${seconds} detik.`,
        en: `Too many requests from this address. Try again in ${seconds} seconds.`,
      });
    },
  });

  app.post('/complaints', { schema: { tags, summary: 'File a complaint (PSM or Dinsos staff); returns the tracking code once', body: ComplaintCreateSchema, response: { 201: ComplaintCreatedSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => complaints.fileComplaint(ctx, req.body))));

  app.get('/complaints', { schema: { tags, summary: 'Complaints in the caller’s scope, most urgent first', querystring: ComplaintListQuerySchema, response: { 200: ComplaintListSchema, ...errors } } },
    async (req) => {
      const { area, stage, category, page, pageSize } = req.query;
      return req.run((ctx) => complaints.listComplaints(ctx, { page, pageSize, ...(area ? { area } : {}), ...(stage ? { stage } : {}), ...(category ? { category } : {}) }));
    });

  app.get('/complaints/:id', { schema: { tags, summary: 'One complaint with its stage history', params: IdParams, response: { 200: ComplaintSchema, ...errors } } },
    async (req) => req.run((ctx) => complaints.getComplaint(ctx, req.params.id)));

  app.post('/complaints/:id/stage', { schema: { tags, summary: 'Move a complaint to its next stage; the outcome is recorded on "selesai"', params: IdParams, body: ComplaintStageBodySchema, response: { 200: ComplaintSchema, ...errors } } },
    async (req) => req.run((ctx) => complaints.moveStage(ctx, req.params.id, req.body)));

  app.patch('/complaints/:id', { schema: { tags, summary: 'Link a complaint to the person and programme it is about', params: IdParams, body: ComplaintLinkSchema, response: { 200: ComplaintSchema, ...errors } } },
    async (req) => req.run((ctx) => linkComplaint(ctx, req.params.id, req.body)));

  // Public, no account.
  const ptags = ['public'];
  app.get('/public/complaints/form', {
    config: { rateLimit: { max: PUBLIC_READS_PER_MIN, timeWindow: 60_000 } },
    schema: { tags: ptags, summary: 'Start the public complaint form: a form token and a small sum to answer', response: { 200: ComplaintFormSchema, 429: ProblemSchema } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return req.run(async (ctx) => complaintForm(ctx));
  });

  app.post('/public/complaints', {
    config: { csrf: false, rateLimit: { max: PUBLIC_FILINGS_PER_10_MIN, timeWindow: 10 * 60_000 } },
    schema: { tags: ptags, summary: 'File a complaint without an account (rate-limited, spam-checked); returns the tracking code once', body: PublicComplaintCreateSchema, response: { 201: PublicComplaintCreatedSchema, ...errors, 429: ProblemSchema } },
  }, async (req, reply) => reply.status(201).send(await req.run((ctx) => filePublicComplaint(ctx, req.body))));

  app.get('/public/complaints/:code', {
    config: { rateLimit: { max: PUBLIC_READS_PER_MIN, timeWindow: 60_000 } },
    schema: { tags: ptags, summary: 'Status, stage history and outcome of a complaint by its tracking code (nothing personal)', params: z.object({ code: z.string().min(1).max(64) }), response: { 200: PublicComplaintStatusSchema, ...errors, 429: ProblemSchema } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return req.run((ctx) => trackComplaint(ctx, req.params.code));
  });
};
