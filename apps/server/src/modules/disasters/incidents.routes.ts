import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IncidentCreateSchema,
  IncidentListQuerySchema,
  IncidentListSchema,
  IncidentSchema,
  IncidentStatusChangeSchema,
  IncidentUpdateSchema,
  ProblemSchema,
  RapidAssessmentListQuerySchema,
} from '@pilar/domain/contracts';
import { AssessmentCreateSchema, AssessmentListSchema, AssessmentSchema, DashboardWithMapSchema } from './assessments.gps';
import { listAssessments, recordAssessment } from './assessments.service';
import { incidentDashboard } from './dashboard.service';
import * as incidents from './incidents.service';

export const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
export const IdParams = z.object({ id: z.uuid() }).strict();
export const tags = ['disasters'];

/** Incidents, rapid needs assessments and the incident dashboard. */
export const incidentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/incidents',
    { schema: { tags, summary: 'Declare an incident (kind, title, start, affected villages)', body: IncidentCreateSchema, response: { 201: IncidentSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => incidents.createIncident(ctx, req.body))),
  );
  app.get(
    '/incidents',
    { schema: { tags, summary: 'Incidents visible to the caller (affected area, lead office or roster)', querystring: IncidentListQuerySchema, response: { 200: IncidentListSchema, ...errors } } },
    async (req) => req.run((ctx) => incidents.listIncidents(ctx, req.query)),
  );
  app.get(
    '/incidents/:id',
    { schema: { tags, summary: 'One incident with its affected villages and the caller’s actions', params: IdParams, response: { 200: IncidentSchema, ...errors } } },
    async (req) => req.run((ctx) => incidents.getIncident(ctx, req.params.id)),
  );
  app.patch(
    '/incidents/:id',
    { schema: { tags, summary: 'Edit an incident or add affected villages (optimistic version)', params: IdParams, body: IncidentUpdateSchema, response: { 200: IncidentSchema, ...errors } } },
    async (req) => req.run((ctx) => incidents.updateIncident(ctx, req.params.id, req.body)),
  );
  app.post(
    '/incidents/:id/status',
    { schema: { tags, summary: 'Move the incident: emergency → recovery → closed', params: IdParams, body: IncidentStatusChangeSchema, response: { 200: IncidentSchema, ...errors } } },
    async (req) => req.run((ctx) => incidents.changeStatus(ctx, req.params.id, req.body)),
  );
  app.post(
    '/incidents/:id/assessments',
    { schema: { tags, summary: 'Record a rapid needs assessment of an affected village (append-only)', params: IdParams, body: AssessmentCreateSchema, response: { 201: AssessmentSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => recordAssessment(ctx, req.params.id, req.body))),
  );
  app.get(
    '/incidents/:id/assessments',
    { schema: { tags, summary: 'Latest assessment per village, or the history (history=true)', params: IdParams, querystring: RapidAssessmentListQuerySchema, response: { 200: AssessmentListSchema, ...errors } } },
    async (req) => req.run((ctx) => listAssessments(ctx, req.params.id, { villageCode: req.query.villageCode, history: req.query.history === 'true' })),
  );
  app.get(
    '/incidents/:id/dashboard',
    { schema: { tags, summary: 'Figures per affected village, SPM indicator 5 (from the rollup) and the map: each village at its newest assessment with GPS', params: IdParams, response: { 200: DashboardWithMapSchema, ...errors } } },
    async (req) => {
      // The tile server is the dashboard map's (PILAR_MAP_TILE_URL); null: markers on a plain background.
      const { PILAR_MAP_TILE_URL: url, PILAR_MAP_TILE_ATTRIBUTION: attribution } = app.pilar.config;
      const dashboard = await req.run((ctx) => incidentDashboard(ctx, req.params.id));
      return { ...dashboard, tiles: url ? { url, attribution: attribution || null } : null };
    },
  );
};
