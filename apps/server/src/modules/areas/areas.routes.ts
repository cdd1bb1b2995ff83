import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AreaCodeSchema,
  AreaDetailSchema,
  AreaListQuerySchema,
  AreaListSchema,
  AreaSearchQuerySchema,
  AreaSearchResultSchema,
  ProblemSchema,
} from '@pilar/domain/contracts';
import * as areas from './areas.service';

/** Public reference endpoints: the Kemendagri area tree. */
export const areaRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.pilar.db.pool;
  const tags = ['areas'];

  app.get(
    '/areas',
    {
      schema: {
        tags,
        summary: 'Provinces, or the children of an area (ordered by code)',
        querystring: AreaListQuerySchema,
        response: { 200: AreaListSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (req) => areas.listAreas(db, req.query.parent),
  );

  app.get(
    '/areas/search',
    {
      schema: {
        tags,
        summary: 'Search areas by name (case- and accent-insensitive)',
        querystring: AreaSearchQuerySchema,
        response: { 200: AreaSearchResultSchema, 400: ProblemSchema },
      },
    },
    async (req) => ({
      items: await areas.searchAreas(db, req.query.q, {
        limit: req.query.limit,
        ...(req.query.level ? { level: req.query.level } : {}),
        ...(req.query.within ? { within: req.query.within } : {}),
      }),
    }),
  );

  app.get(
    '/areas/:code',
    {
      schema: {
        tags,
        summary: 'One area with its ancestors and counts',
        params: z.object({ code: AreaCodeSchema }),
        response: { 200: AreaDetailSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (req) => areas.getArea(db, req.params.code),
  );
};
