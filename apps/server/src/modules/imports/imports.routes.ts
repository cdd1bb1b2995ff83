import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ImportCommitBodySchema,
  ImportListSchema,
  ImportPreviewBodySchema,
  ImportPreviewSchema,
  ImportReportQuerySchema,
  ImportRowListSchema,
  ImportRowsQuerySchema,
  ImportSchema,
  ImportUploadQuerySchema,
  ImportUploadResultSchema,
  MappingTemplateCreateSchema,
  MappingTemplateListSchema,
  MappingTemplateQuerySchema,
  MappingTemplateSchema,
  ProblemSchema,
} from '@pilar/domain/contracts';
import { badRequest } from '../../platform/errors';
import * as imports from './imports.service';
import { importReport } from './imports.report';
import { deleteTemplate, listTemplates, saveTemplate } from './imports.templates';
import { MAX_CSV_BYTES } from './source';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** Spreadsheet imports: upload → mapping → preview → commit (a job) → report. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['imports'];

  app.post(
    '/imports',
    {
      schema: {
        tags,
        summary:
          'Upload a CSV (≤ 50 MB) or XLSX (≤ 20 MB) as multipart field "file"; returns the detected header, a suggested mapping and a judged preview',
        querystring: ImportUploadQuerySchema,
        response: { 201: ImportUploadResultSchema, ...errors, 413: ProblemSchema, 415: ProblemSchema },
      },
    },
    async (req, reply) => {
      const file = req.isMultipart() ? await req.file({ limits: { fileSize: MAX_CSV_BYTES, files: 1 } }) : undefined;
      if (!file)
        throw badRequest([
          {
            field: 'file',
            code: 'file.missing',
            message: {
              id: 'Kirim berkas sebagai multipart/form-data (kolom "file")',
              en: 'Send the file as multipart/form-data (field "file")',
            },
          },
        ]);
      const bytes = await file.toBuffer();
      return reply.status(201).send(await req.run((ctx) => imports.uploadImport(ctx, req.query.target, bytes)));
    },
  );

  app.get(
    '/imports',
    { schema: { tags, summary: 'My recent imports', response: { 200: ImportListSchema, ...errors } } },
    async (req) => req.run((ctx) => imports.listImports(ctx)),
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'One import: status, progress (rows done / total, estimate) and counts',
        params: IdParams,
        response: { 200: ImportSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => imports.getImport(ctx, req.params.id)),
  );

  app.post(
    '/imports/:id/preview',
    {
      schema: {
        tags,
        summary: 'Judge the first rows with a mapping (nothing is written)',
        params: IdParams,
        body: ImportPreviewBodySchema,
        response: { 200: ImportPreviewSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => imports.previewImport(ctx, req.params.id, req.body.mapping, req.body.limit)),
  );

  app.post(
    '/imports/:id/commit',
    {
      schema: {
        tags,
        summary: 'Start the import as a job with this mapping (optionally saved as a template)',
        params: IdParams,
        body: ImportCommitBodySchema,
        response: { 202: ImportSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(202).send(await req.run((ctx) => imports.commitImport(ctx, req.params.id, req.body))),
  );

  app.post(
    '/imports/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Discard an upload, or stop a running import after its current batch',
        params: IdParams,
        response: { 200: ImportSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => imports.cancelImport(ctx, req.params.id)),
  );

  app.get(
    '/imports/:id/rows',
    {
      schema: {
        tags,
        summary: 'Per-row outcomes (accepted / unchanged / rejected with reasons)',
        params: IdParams,
        querystring: ImportRowsQuerySchema,
        response: { 200: ImportRowListSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => imports.importRows(ctx, req.params.id, req.query)),
  );

  app.get(
    '/imports/:id/report',
    {
      schema: {
        tags,
        summary: 'The report as XLSX or CSV (row, status, masked NIK, reasons in id/en)',
        params: IdParams,
        querystring: ImportReportQuerySchema,
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      const file = await req.run((ctx) => importReport(ctx, req.params.id, req.query.format));
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.bytes);
    },
  );

  app.get(
    '/import-templates',
    {
      schema: {
        tags,
        summary: 'Saved column mappings: mine and those shared in my areas',
        querystring: MappingTemplateQuerySchema,
        response: { 200: MappingTemplateListSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => listTemplates(ctx, req.query.target)),
  );

  app.post(
    '/import-templates',
    {
      schema: {
        tags,
        summary: 'Save a column mapping (field → header name) under a name',
        body: MappingTemplateCreateSchema,
        response: { 201: MappingTemplateSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => saveTemplate(ctx, req.body))),
  );

  app.delete(
    '/import-templates/:id',
    { schema: { tags, summary: 'Delete one of my templates', params: IdParams, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await req.run((ctx) => deleteTemplate(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );
};
