import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '@pilar/domain/contracts';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Database reachable and the applied migration version',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.literal('ok'), migration: z.string() }),
          503: ProblemSchema,
        },
      },
    },
    async (req, reply) => {
      try {
        const { rows } = await app.pilar.db.pool.query(`SELECT max(version) AS v FROM schema_migration`);
        return { status: 'ok' as const, database: 'ok' as const, migration: String(rows[0]?.v ?? '') };
      } catch {
        return reply.status(503).type('application/problem+json').send({
          type: 'https://pilar.id/problems/database_unavailable',
          title: 'Service Unavailable',
          status: 503,
          code: 'database_unavailable',
          detail: 'The database is not reachable',
          message: { id: 'Basis data tidak dapat dihubungi', en: 'The database is not reachable' },
          errors: [],
          requestId: req.id,
        });
      }
    },
  );
};
