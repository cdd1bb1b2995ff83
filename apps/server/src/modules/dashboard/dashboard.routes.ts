import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DashboardQuerySchema, DashboardSchema, MapSchema, ProblemSchema, SpmDetailQuerySchema, SpmDetailSchema } from '@pilar/domain/contracts';
import * as dashboard from './dashboard.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/** The map answer plus the configured tile server (PILAR_MAP_TILE_URL); null: draw without tiles. */
const MapWithTilesSchema = MapSchema.extend({
  tiles: z.object({ url: z.string(), attribution: z.string().nullable() }).nullable(),
});

/** The Dinsos dashboard: nasional → provinsi → kab/kota → kecamatan → desa, from rollups. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['dashboard'];
  app.get('/dashboard', { schema: { tags, summary: 'Figures of an area and of its children (drill-down), for a year or month in the area’s time zone', querystring: DashboardQuerySchema, response: { 200: DashboardSchema, ...errors } } },
    async (req) => req.run((ctx) => dashboard.dashboard(ctx, req.query)));
  app.get('/dashboard/spm', { schema: { tags, summary: 'One SPM indicator (Permensos 9/2018): area, children, last three years', querystring: SpmDetailQuerySchema, response: { 200: SpmDetailSchema, ...errors } } },
    async (req) => req.run((ctx) => dashboard.spmDetail(ctx, req.query)));
  app.get('/dashboard/map', { schema: { tags, summary: 'Map points: mean GPS position of visits per area (no person data)', querystring: DashboardQuerySchema, response: { 200: MapWithTilesSchema, ...errors } } },
    async (req) => {
      const { PILAR_MAP_TILE_URL: url, PILAR_MAP_TILE_ATTRIBUTION: attribution } = app.pilar.config;
      const map = await req.run((ctx) => dashboard.mapPoints(ctx, req.query));
      return { ...map, tiles: url ? { url, attribution: attribution || null } : null };
    });
};
