import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExportCreateSchema, ExportListSchema, ExportSchema, ProblemSchema } from '@pilar/domain/contracts';
import * as exports from './exports.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** Exports of lists with a declared purpose: request (a job), follow, download. */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['exports'];
  app.post(
    '/exports',
    {
      schema: {
        tags,
        summary: 'Export a list to XLSX or CSV (purpose ≥ 10 characters required; runs as a job)',
        body: ExportCreateSchema,
        response: { 202: ExportSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(202).send(await req.run((ctx) => exports.createExport(ctx, req.body))),
  );
  app.get(
    '/exports',
    { schema: { tags, summary: 'My recent exports', response: { 200: ExportListSchema, ...errors } } },
    async (req) => req.run((ctx) => exports.listExports(ctx)),
  );
  app.get(
    '/exports/:id',
    { schema: { tags, summary: 'One export and its status', params: IdParams, response: { 200: ExportSchema, ...errors } } },
    async (req) => req.run((ctx) => exports.getExport(ctx, req.params.id)),
  );
  app.get(
    '/exports/:id/file',
    {
      schema: {
        tags,
        summary: 'The exported file (watermarked; NIK masked); each download is audited',
        params: IdParams,
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      const file = await req.run((ctx) => exports.exportFile(ctx, req.params.id));
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.bytes);
    },
  );
};
