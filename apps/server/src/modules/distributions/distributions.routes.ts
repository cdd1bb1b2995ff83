import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AreaDiscrepancyQuerySchema,
  AreaDiscrepancySchema,
  CheckinCreateSchema,
  CheckinSchema,
  CheckinUpdateSchema,
  DiscrepancyReportSchema,
  DistributionCreateSchema,
  DistributionListQuerySchema,
  DistributionListSchema,
  DistributionSchema,
  FileUploadResultSchema,
  ProblemSchema,
  RecipientListSchema,
} from '@pilar/domain/contracts';
import { badRequest } from '../../platform/errors';
import { checkIn, updateCheckin, uploadProof } from './checkin.service';
import * as distributions from './distributions.service';
import { invitationSheet } from './invitations';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** Distribution events (penyaluran): frozen recipient lists, field check-ins, discrepancy reports. */
export const distributionRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['distributions'];

  app.post('/distributions', { schema: { tags, summary: 'Create a distribution; the expected recipients are frozen from active memberships', body: DistributionCreateSchema, response: { 201: DistributionSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => distributions.createEvent(ctx, req.body))));

  app.get('/distributions', { schema: { tags, summary: 'Distributions in (or around) the caller’s areas', querystring: DistributionListQuerySchema, response: { 200: DistributionListSchema, ...errors } } },
    async (req) => req.run((ctx) => distributions.listEvents(ctx, { ...(req.query.area ? { area: req.query.area } : {}), ...(req.query.programme ? { programme: req.query.programme } : {}) })));

  app.get('/distributions/:id', { schema: { tags, summary: 'One distribution', params: IdParams, response: { 200: DistributionSchema, ...errors } } },
    async (req) => req.run((ctx) => distributions.getEvent(ctx, req.params.id)));

  app.get('/distributions/:id/recipients', { schema: { tags, summary: 'Expected recipients with their check-ins (NIK masked)', params: IdParams, response: { 200: RecipientListSchema, ...errors } } },
    async (req) => req.run((ctx) => distributions.listRecipients(ctx, req.params.id)));

  app.get('/distributions/:id/invitations', { schema: { tags, summary: 'A4 sheet of invitations (PDF): each recipient with the QR code and the code printed under it', params: IdParams, response: { 200: z.any(), ...errors } } },
    async (req, reply) => {
      const pdf = await req.run((ctx) => invitationSheet(ctx, req.params.id));
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="undangan-penyaluran.pdf"').header('cache-control', 'no-store').send(pdf);
    });

  app.post('/distributions/:id/close', { schema: { tags, summary: 'Close a distribution (no more check-ins)', params: IdParams, response: { 200: DistributionSchema, ...errors } } },
    async (req) => req.run((ctx) => distributions.closeEvent(ctx, req.params.id)));

  app.get('/distributions/:id/report', { schema: { tags, summary: 'Discrepancy report: expected vs received, per village, and who did not receive', params: IdParams, response: { 200: DiscrepancyReportSchema, ...errors } } },
    async (req) => req.run((ctx) => distributions.eventReport(ctx, req.params.id)));

  app.get('/distribution-figures', { schema: { tags, summary: 'Expected vs received over all distributions of an area (per village, from rollups)', querystring: AreaDiscrepancyQuerySchema, response: { 200: AreaDiscrepancySchema, ...errors } } },
    async (req) => {
      const { area, programme, from, to } = req.query;
      return req.run((ctx) => distributions.areaReport(ctx, { area, ...(programme ? { programme } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }));
    });

  app.post('/distribution-checkins', { schema: { tags, summary: 'Check a recipient in by list row, QR token or NIK (online; offline ones go through /sync/push)', body: CheckinCreateSchema, response: { 201: CheckinSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => checkIn(ctx, req.body))));

  app.patch('/distribution-checkins/:id', { schema: { tags, summary: 'Correct a check-in (optimistic version)', params: IdParams, body: CheckinUpdateSchema, response: { 200: CheckinSchema, ...errors } } },
    async (req) => req.run((ctx) => updateCheckin(ctx, req.params.id, req.body)));

  app.post('/distributions/:id/recipients/:recipientId/proof', {
    schema: { tags, summary: 'Upload a proof photo for a recipient (multipart "file"); attach the id to the check-in', params: z.object({ id: z.uuid(), recipientId: z.uuid() }), response: { 201: FileUploadResultSchema, ...errors, 413: ProblemSchema, 415: ProblemSchema } },
  }, async (req, reply) => {
    const file = req.isMultipart() ? await req.file() : undefined;
    if (!file) throw badRequest([{ field: 'file', code: 'file.missing', message: { id: 'Kirim berkas sebagai multipart/form-data (kolom "file")', en: 'Send the file as multipart/form-data (field "file")' } }]);
    const bytes = await file.toBuffer();
    return reply.status(201).send(await req.run((ctx) => uploadProof(ctx, req.params.id, req.params.recipientId, bytes)));
  });
};
