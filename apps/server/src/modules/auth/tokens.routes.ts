import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema, TokenCreateBodySchema, TokenCreatedSchema, TokenListSchema } from '@pilar/domain/contracts';
import * as tokens from './tokens.service';

/** The caller's own API tokens. Use one as `Authorization: Bearer pilar_…`. */
export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['tokens'];
  const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

  app.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the secret is returned only in this response',
        body: TokenCreateBodySchema,
        response: { 201: TokenCreatedSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => tokens.createToken(ctx, req.body))),
  );

  app.get(
    '/tokens',
    { schema: { tags, summary: 'My API tokens (never their secrets)', response: { 200: TokenListSchema, ...errors } } },
    async (req) => ({ items: await req.run((ctx) => tokens.listTokens(ctx)) }),
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke one of my API tokens',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), 404: ProblemSchema, ...errors },
      },
    },
    async (req, reply) => {
      await req.run((ctx) => tokens.revokeToken(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );
};
