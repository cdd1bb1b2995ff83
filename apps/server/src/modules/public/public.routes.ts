import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema, PublicStatsQuerySchema, PublicStatsSchema } from '@pilar/domain/contracts';
import { publicStats } from './public.service';

/** Public transparency statistics: no sign-in, aggregates only, cacheable. */
export const publicStatsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/stats',
    {
      schema: {
        tags: ['public'],
        summary: 'Public figures per area and period, with small-cell suppression (no personal data; no sign-in)',
        querystring: PublicStatsQuerySchema,
        response: { 200: PublicStatsSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (req, reply) => {
      const body = await req.run((ctx) => publicStats(ctx, req.query));
      // Aggregates only: shared caches may keep them for five minutes.
      reply.header('cache-control', 'public, max-age=300');
      return body;
    },
  );
};
