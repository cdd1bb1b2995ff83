import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AwardCreateSchema,
  CoverageQuerySchema,
  CoverageSchema,
  ImportReportSchema,
  KtaIssueBodySchema,
  MemberCardsBodySchema,
  MemberCreateSchema,
  MemberDocumentQuerySchema,
  MemberListQuerySchema,
  MemberListSchema,
  MemberSchema,
  MemberTransferBodySchema,
  MemberTransitionBodySchema,
  MemberUpdateSchema,
  MemberWriteResultSchema,
  ProblemSchema,
  PublicMemberVerificationSchema,
  RegistrationLinkCreateSchema,
  RegistrationLinkSchema,
  RequirementSettingsSchema,
  RequirementSettingsUpdateSchema,
  SelfRegistrationResultSchema,
  SelfRegistrationSchema,
  StoredFileRefSchema,
  TrainingCreateSchema,
} from '@pilar/domain/contracts';
import { AppError, badRequest } from '../../platform/errors';
import { coverage } from './coverage.service';
import { cardSheet, singleCard } from './members.card';
import { importMembers, importTemplate } from './members.import';
import { createRegistrationLink, selfRegister, verifyCard } from './members.public';
import * as members from './members.service';
import { registrationLinkRoutes } from './registration-links.routes';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Where the card's QR code points: this server's public address. */
const baseUrlOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

async function uploadedBytes(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) {
    throw badRequest([{ field: 'file', code: 'file.multipart', message: { id: 'Kirim berkas sebagai multipart/form-data (kolom "file")', en: 'Send the file as multipart/form-data (field "file")' } }]);
  }
  const file = await req.file();
  if (!file) throw badRequest([{ field: 'file', code: 'file.missing', message: { id: 'Berkas belum dipilih', en: 'No file was sent' } }]);
  return file.toBuffer();
}

/** A small fixed-window limit per client address for the public registration form. */
const windows = new Map<string, { start: number; count: number }>();
function limitPublic(req: FastifyRequest, bucket: string, max = 10, windowMs = 10 * 60_000): void {
  const now = Date.now();
  const key = `${bucket}:${req.ip}`;
  const w = windows.get(key);
  if (!w || now - w.start > windowMs) {
    if (windows.size > 10_000) windows.clear();
    windows.set(key, { start: now, count: 1 });
    return;
  }
  w.count += 1;
  if (w.count > max) {
    throw new AppError(429, 'rate_limited', { id: 'Terlalu banyak percobaan; coba lagi beberapa menit lagi', en: 'Too many attempts; try again in a few minutes' });
  }
}

/** PSM registry: registration, verification, KTA, cards, transfers, trainings, awards, coverage, import. */
export const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['members'];

  app.post('/members', { schema: { tags, summary: 'Register a PSM (IPSM or Dinsos); lands as diajukan', body: MemberCreateSchema, response: { 201: MemberWriteResultSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => members.createMember(ctx, req.body))));

  app.get('/members', { schema: { tags, summary: 'PSM in the caller’s scope (NIK masked), with filters', querystring: MemberListQuerySchema, response: { 200: MemberListSchema, ...errors } } },
    async (req) => {
      const { area, q, status, hasSk, hasKta, hasTraining, page, pageSize } = req.query;
      return req.run((ctx) => members.listMembers(ctx, {
        page, pageSize,
        ...(area ? { area } : {}), ...(q ? { q } : {}), ...(status ? { status } : {}),
        ...(hasSk !== undefined ? { hasSk } : {}), ...(hasKta !== undefined ? { hasKta } : {}), ...(hasTraining !== undefined ? { hasTraining } : {}),
      }));
    });

  app.get('/members/coverage', { schema: { tags, summary: 'PSM coverage of an area (nasional → desa)', querystring: CoverageQuerySchema, response: { 200: CoverageSchema, ...errors } } },
    async (req) => req.run((ctx) => coverage(ctx, req.query)));

  app.get('/members/import/template', { schema: { tags, summary: 'XLSX template for importing PSM lists', response: { 200: z.any() } } },
    async (_req, reply) => reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="templat-impor-psm.xlsx"').send(await importTemplate()));

  app.post('/members/import', { schema: { tags, summary: 'Import a PSM list (XLSX, multipart field "file"): per-row report', response: { 200: ImportReportSchema, ...errors } } },
    async (req) => {
      const bytes = await uploadedBytes(req);
      return req.run((ctx) => importMembers(ctx, bytes));
    });

  app.post('/members/cards', { schema: { tags, summary: 'A4 sheet of member cards (PDF) for ids or an area', body: MemberCardsBodySchema, response: { 200: z.any(), ...errors } } },
    async (req, reply) => {
      const pdf = await req.run((ctx) => cardSheet(ctx, req.body, baseUrlOf(req)));
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="kartu-psm.pdf"').header('cache-control', 'no-store').send(pdf);
    });

  app.get('/members/:id', { schema: { tags, summary: 'One PSM with requirements, history and actions (read is audited)', params: IdParams, response: { 200: MemberSchema, ...errors } } },
    async (req) => req.run((ctx) => members.getMember(ctx, req.params.id)));

  app.patch('/members/:id', { schema: { tags, summary: 'Edit a PSM (not the village: use transfer)', params: IdParams, body: MemberUpdateSchema, response: { 200: MemberWriteResultSchema, ...errors } } },
    async (req) => req.run((ctx) => members.updateMember(ctx, req.params.id, req.body)));

  app.post('/members/:id/transitions', { schema: { tags, summary: 'Lifecycle: verify / return / resubmit / deactivate / reactivate / stop', params: IdParams, body: MemberTransitionBodySchema, response: { 200: MemberSchema, ...errors } } },
    async (req) => req.run((ctx) => members.transition(ctx, req.params.id, req.body)));

  app.post('/members/:id/kta', { schema: { tags, summary: 'Issue a KTA (sementara by IPSM kab/kota, tetap by IPSM Nasional)', params: IdParams, body: KtaIssueBodySchema, response: { 200: MemberSchema, ...errors } } },
    async (req) => req.run((ctx) => members.issueKta(ctx, req.params.id, req.body)));

  app.post('/members/:id/transfer', { schema: { tags, summary: 'Move a PSM to another village (recorded transfer)', params: IdParams, body: MemberTransferBodySchema, response: { 200: MemberSchema, ...errors } } },
    async (req) => req.run((ctx) => members.transfer(ctx, req.params.id, req.body)));

  app.post('/members/:id/trainings', { schema: { tags, summary: 'Record a training', params: IdParams, body: TrainingCreateSchema, response: { 201: MemberSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => members.addTraining(ctx, req.params.id, req.body))));

  app.post('/members/:id/awards', { schema: { tags, summary: 'Record an award (warns on Satyalancana before 5 years)', params: IdParams, body: AwardCreateSchema, response: { 201: MemberWriteResultSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => members.addAward(ctx, req.params.id, req.body))));

  app.post('/members/:id/documents', { schema: { tags, summary: 'Upload a photo, scanned SK or training certificate (multipart field "file")', params: IdParams, querystring: MemberDocumentQuerySchema, response: { 201: StoredFileRefSchema, ...errors } } },
    async (req, reply) => {
      const bytes = await uploadedBytes(req);
      return reply.status(201).send(await req.run((ctx) => members.uploadDocument(ctx, req.params.id, req.query.kind, bytes)));
    });

  app.get('/members/:id/card.pdf', { schema: { tags, summary: 'The member card (PDF)', params: IdParams, response: { 200: z.any(), ...errors } } },
    async (req, reply) => {
      const pdf = await req.run((ctx) => singleCard(ctx, req.params.id, baseUrlOf(req)));
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="kartu-psm.pdf"').header('cache-control', 'no-store').send(pdf);
    });

  const RegencyParams = z.object({ regencyCode: z.string().regex(/^\d{2}\.\d{2}$/) });
  app.get('/member-requirements/:regencyCode', { schema: { tags, summary: 'Requirement checklist as configured for a regency', params: RegencyParams, response: { 200: RequirementSettingsSchema, ...errors } } },
    async (req) => req.run((ctx) => members.requirementSettings(ctx, req.params.regencyCode)));

  app.put('/member-requirements/:regencyCode', { schema: { tags, summary: 'Switch requirements on/off for a regency (Dinsos, member.verify)', params: RegencyParams, body: RequirementSettingsUpdateSchema, response: { 200: RequirementSettingsSchema, ...errors } } },
    async (req) => req.run((ctx) => members.updateRequirementSettings(ctx, req.params.regencyCode, req.body.items)));

  app.post('/member-registration-links', { schema: { tags, summary: 'Create a self-registration link for a regency (token shown once)', body: RegistrationLinkCreateSchema, response: { 201: RegistrationLinkSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => createRegistrationLink(ctx, req.body))));
  await app.register(registrationLinkRoutes);

  // Public: self-registration with a link token, and the card verification page.
  app.post('/public/member-registrations', { schema: { tags: ['public'], summary: 'Self-registration of a PSM with a link token (rate-limited)', body: SelfRegistrationSchema, response: { 202: SelfRegistrationResultSchema, 429: ProblemSchema, ...errors } } },
    async (req, reply) => {
      limitPublic(req, 'register');
      return reply.status(202).send(await req.run((ctx) => selfRegister(ctx, req.body)));
    });

  app.get('/public/members/verify/:token', { schema: { tags: ['public'], summary: 'Verify a member card: name, status and village only', params: z.object({ token: z.string().min(10).max(100) }), response: { 200: PublicMemberVerificationSchema, 429: ProblemSchema, ...errors } } },
    async (req, reply) => {
      limitPublic(req, 'verify', 120, 60_000);
      reply.header('cache-control', 'no-store');
      return req.run((ctx) => verifyCard(ctx, req.params.token));
    });
};
