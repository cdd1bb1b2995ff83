import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BnbaExportBodySchema,
  BnbaImportReportSchema,
  BnbaTemplateCreateSchema,
  BnbaTemplateListSchema,
  BnbaTemplateSchema,
  CutoffQuerySchema,
  CutoffSchema,
  FileUploadResultSchema,
  MusdesCreateSchema,
  MusdesSchema,
  ProblemSchema,
  RegencyCodeSchema,
  UsulanCreateSchema,
  UsulanFileQuerySchema,
  UsulanListQuerySchema,
  UsulanListSchema,
  UsulanSchema,
  UsulanStepSchema,
} from '@pilar/domain/contracts';
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../platform/errors';
import { createTemplate, exportBnba, listTemplates } from './bnba.export';
import { importResults } from './bnba.import';
import { createMusdes, getMusdes } from './musdes.service';
import * as usulan from './usulan.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function uploaded(req: FastifyRequest): Promise<Buffer> {
  const file = req.isMultipart() ? await req.file() : undefined;
  if (!file) throw badRequest([{ field: 'file', code: 'file.missing', message: { id: 'Kirim berkas sebagai multipart/form-data (kolom "file")', en: 'Send the file as multipart/form-data (field "file")' } }]);
  return file.toBuffer();
}

/** Usulan lifecycle, musdes minutes, the monthly cut-off, BNBA export and result import. */
export const usulanRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['usulan'];

  app.get('/usulan-cutoff', { schema: { tags, summary: 'The batch a proposal made now joins, and its cut-off (17th, local time)', querystring: CutoffQuerySchema, response: { 200: CutoffSchema, ...errors } } },
    async (req) => req.run(async (ctx) => usulan.cutoff(ctx, req.query.area)));

  app.post('/usulan', { schema: { tags, summary: 'Draft an usulan for a person or household', body: UsulanCreateSchema, response: { 201: UsulanSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => usulan.createUsulan(ctx, req.body))));

  app.get('/usulan', { schema: { tags, summary: 'Usulan in the caller’s scope', querystring: UsulanListQuerySchema, response: { 200: UsulanListSchema, ...errors } } },
    async (req) => {
      const { area, status, programme, batchMonth, page, pageSize } = req.query;
      return req.run((ctx) => usulan.listUsulan(ctx, { page, pageSize, ...(area ? { area } : {}), ...(status ? { status } : {}), ...(programme ? { programme } : {}), ...(batchMonth ? { batchMonth } : {}) }));
    });

  app.get('/usulan/:id', { schema: { tags, summary: 'One usulan with its history', params: IdParams, response: { 200: UsulanSchema, ...errors } } },
    async (req) => req.run((ctx) => usulan.getUsulan(ctx, req.params.id)));

  app.post('/usulan/:id/steps', { schema: { tags, summary: 'Take a step: propose, sptjm, verify, approve_verifier, approve_head, return, withdraw', params: IdParams, body: UsulanStepSchema, response: { 200: UsulanSchema, ...errors } } },
    async (req) => req.run((ctx) => usulan.stepUsulan(ctx, req.params.id, req.body)));

  app.post('/usulan-files', {
    schema: { tags, summary: 'Upload a musdes scan, SPTJM or verification photo (multipart "file"); returns the id to attach', querystring: UsulanFileQuerySchema, response: { 201: FileUploadResultSchema, ...errors, 413: ProblemSchema, 415: ProblemSchema } },
  }, async (req, reply) => {
    const bytes = await uploaded(req);
    return reply.status(201).send(await req.run((ctx) => usulan.uploadUsulanFile(ctx, req.query.villageCode, req.query.purpose, bytes)));
  });

  app.post('/musdes', { schema: { tags, summary: 'Record musdes/muskel minutes; the usulan decided move to "deliberated"', body: MusdesCreateSchema, response: { 201: MusdesSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => createMusdes(ctx, req.body))));

  app.get('/musdes/:id', { schema: { tags, summary: 'Musdes minutes', params: IdParams, response: { 200: MusdesSchema, ...errors } } },
    async (req) => req.run((ctx) => getMusdes(ctx, req.params.id)));

  app.get('/bnba-templates', { schema: { tags, summary: 'BNBA column templates of a regency (and the built-in default)', querystring: z.object({ regencyCode: RegencyCodeSchema }).strict(), response: { 200: BnbaTemplateListSchema, ...errors } } },
    async (req) => req.run((ctx) => listTemplates(ctx, req.query.regencyCode)));

  app.post('/bnba-templates', { schema: { tags, summary: 'Add a BNBA column template (order and headers SIKS-NG expects)', body: BnbaTemplateCreateSchema, response: { 201: BnbaTemplateSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => createTemplate(ctx, req.body))));

  app.post('/bnba-exports', {
    schema: { tags, summary: 'Export a batch as BNBA XLSX (full: NIK in clear for SIKS-NG, audited; masked: review list)', body: BnbaExportBodySchema, response: { 200: z.any(), ...errors } },
  }, async (req, reply) => {
    const out = await req.run((ctx) => exportBnba(ctx, req.body));
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="bnba-${req.body.regencyCode}-${req.body.programmeCode}-${req.body.batchMonth}.xlsx"`)
      .header('cache-control', 'no-store')
      .header('x-export-id', out.exportId)
      .header('x-row-count', String(out.rows))
      .send(out.xlsx);
  });

  app.post('/bnba-exports/:id/results', {
    schema: { tags, summary: 'Import SIKS-NG results for an export (multipart "file"); all rows or none, with a per-row report', params: IdParams, response: { 200: BnbaImportReportSchema, ...errors, 413: ProblemSchema } },
  }, async (req) => {
    const bytes = await uploaded(req);
    return req.run((ctx) => importResults(ctx, req.params.id, bytes));
  });
};
