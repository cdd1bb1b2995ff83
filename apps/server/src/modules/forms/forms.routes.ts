import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FormCreateSchema, FormListQuerySchema, FormListSchema, FormPublishSchema, FormVersionSchema, ProblemSchema } from '@pilar/domain/contracts';
import * as forms from './forms.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const CodeParams = z.object({ code: z.string().regex(/^[a-z][a-z0-9-]{1,49}$/) });

/** Assessment forms as versioned data. */
export const formRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['forms'];
  app.get('/forms', { schema: { tags, summary: 'Assessment forms (optionally for one PPKS category)', querystring: FormListQuerySchema, response: { 200: FormListSchema, ...errors } } }, async (req) =>
    req.run((ctx) => forms.listForms(ctx, req.query.ppks)),
  );
  app.post('/forms', { schema: { tags, summary: 'Create a form with its version 1 (reference.manage)', body: FormCreateSchema, response: { 201: FormVersionSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await req.run((ctx) => forms.createForm(ctx, req.body))),
  );
  app.get('/forms/:code', { schema: { tags, summary: 'The latest version of a form', params: CodeParams, response: { 200: FormVersionSchema, ...errors } } }, async (req) =>
    req.run((ctx) => forms.getFormVersion(ctx, req.params.code)),
  );
  app.get(
    '/forms/:code/versions/:version',
    { schema: { tags, summary: 'One version of a form (to render answers given under it)', params: CodeParams.extend({ version: z.coerce.number().int().min(1) }), response: { 200: FormVersionSchema, ...errors } } },
    async (req) => req.run((ctx) => forms.getFormVersion(ctx, req.params.code, req.params.version)),
  );
  app.post('/forms/:code/versions', { schema: { tags, summary: 'Publish a new version (reference.manage)', params: CodeParams, body: FormPublishSchema, response: { 201: FormVersionSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await req.run((ctx) => forms.publishVersion(ctx, req.params.code, req.body))),
  );
};
