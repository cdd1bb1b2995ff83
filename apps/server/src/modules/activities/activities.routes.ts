import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActivityCreateSchema,
  ActivityListQuerySchema,
  ActivityListSchema,
  ActivitySchema,
  ActivityUpdateSchema,
  FileUploadResultSchema,
  ProblemSchema,
  VersionBodySchema,
} from '@pilar/domain/contracts';
import { badRequest } from '../../platform/errors';
import * as activities from './activities.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });
const VillageQuery = z.object({ villageCode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'village code').optional() }).strict();

/** The PSM activity log: entries by hand (photo, GPS) beside those derived from case work. */
export const activityRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['activities'];
  app.post('/activities', { schema: { tags, summary: 'Record an activity (PSM, own log; idempotent by id)', body: ActivityCreateSchema, response: { 201: ActivitySchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => activities.createActivity(ctx, req.body))));

  app.get('/activities', { schema: { tags, summary: 'Activity log: one’s own, or every PSM’s in an area (activity.read)', querystring: ActivityListQuerySchema, response: { 200: ActivityListSchema, ...errors } } },
    async (req) => req.run((ctx) => activities.listActivities(ctx, req.query)));

  app.get('/activities/:id', { schema: { tags, summary: 'One activity', params: IdParams, response: { 200: ActivitySchema, ...errors } } },
    async (req) => req.run((ctx) => activities.getActivity(ctx, req.params.id)));

  app.patch('/activities/:id', { schema: { tags, summary: 'Edit one’s own activity (typed by hand; optimistic version)', params: IdParams, body: ActivityUpdateSchema, response: { 200: ActivitySchema, ...errors } } },
    async (req) => req.run((ctx) => activities.updateActivity(ctx, req.params.id, req.body)));

  app.post('/activities/:id/delete', { schema: { tags, summary: 'Withdraw one’s own activity (typed by hand)', params: IdParams, body: VersionBodySchema, response: { 200: ActivitySchema, ...errors } } },
    async (req) => req.run((ctx) => activities.deleteActivity(ctx, req.params.id, req.body.version)));

  app.post(
    '/activities/photos',
    {
      schema: {
        tags,
        summary: 'Upload an activity photo (multipart field "file"); returns the id to put in photoFileId',
        querystring: VillageQuery,
        response: { 201: FileUploadResultSchema, ...errors, 413: ProblemSchema, 415: ProblemSchema },
      },
    },
    async (req, reply) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file) throw badRequest([{ field: 'file', code: 'file.missing', message: { id: 'Kirim foto sebagai multipart/form-data (kolom "file")', en: 'Send the photo as multipart/form-data (field "file")' } }]);
      const bytes = await file.toBuffer();
      return reply.status(201).send(await req.run((ctx) => activities.uploadActivityPhoto(ctx, req.query.villageCode, bytes)));
    },
  );
};
