import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '@pilar/domain/contracts';

/** Serves a stored file to a caller allowed to read it, with headers that keep browsers from running it. */
export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Download a stored file (photo, scanned document)',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.any().describe('the file bytes'), 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (req, reply) => {
      const file = await req.run((ctx) => ctx.files.readFor(ctx, req.params.id));
      return reply
        .header('content-type', file.contentType)
        .header('content-length', file.sizeBytes)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-disposition', file.contentType === 'application/pdf' ? 'attachment' : 'inline')
        .send(file.bytes);
    },
  );
};
