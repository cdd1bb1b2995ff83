import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FileUploadResultSchema,
  ProblemSchema,
  SyncConflictSchema,
  SyncMutationResultSchema,
  SyncPullQuerySchema,
  SyncPullResultSchema,
  SyncPushBodySchema,
  SyncResolveBodySchema,
} from '@pilar/domain/contracts';
import { badRequest } from '../../platform/errors';
import { SyncEngine } from './sync.service';
import { personSync } from './entities/person.sync';
import { caseSync } from './entities/case.sync';
import { assessmentSync } from './entities/assessment.sync';
import { referenceFor } from './sync.reference';
import { uploadOnce } from './sync.uploads';
import { activitySync } from '../activities/activity.sync';
import { victimSync } from '../disasters/victims.sync';
// disasters: the incidents of the responder's villages, for offline victim registration (issue 9)
import { incidentSync } from '../disasters/incidents.sync';
import { checkinSync } from '../distributions/checkin.sync';
// distributions: the frozen recipient lists for offline check-in (issue 8)
import { recipientSync } from '../distributions/recipient.sync';

/** Record kinds a device keeps. A module adds its adapter here. */
export const syncEngine = new SyncEngine().register(personSync).register(victimSync).register(activitySync).register(checkinSync).register(recipientSync).register(incidentSync);
// sync: PPKS cases and their assessments on the phone (issue 6)
syncEngine.register(caseSync).register(assessmentSync);

const LocalizedSchema = z.object({ id: z.string(), en: z.string() });
const ReferenceSchema = z.object({
  areas: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), parentCode: z.string().nullable() })),
  ppks: z.array(z.object({ code: z.number().int(), name: z.string(), nameEn: z.string() })),
  forms: z.array(z.object({ formCode: z.string(), title: LocalizedSchema, ppksCodes: z.array(z.number().int()), version: z.number().int(), schema: z.unknown() })),
});

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

export const syncRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['sync'];
  app.post(
    '/sync/push',
    {
      schema: {
        tags,
        summary: 'Apply queued offline mutations (idempotent by mutation id; same-field edits become conflicts)',
        body: SyncPushBodySchema,
        response: { 200: z.object({ results: z.array(SyncMutationResultSchema) }), ...errors },
      },
    },
    async (req) => ({ results: await syncEngine.push(app.pilar, req.actor, req.id, req.body.mutations) }),
  );

  app.get(
    '/sync/pull',
    {
      schema: {
        tags,
        summary: 'Next page of records for the device (snapshot, then changes since the cursor)',
        querystring: SyncPullQuerySchema,
        response: { 200: SyncPullResultSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => syncEngine.pull(ctx, req.query.cursor, req.query.limit)),
  );

  app.get(
    '/sync/conflicts',
    {
      schema: {
        tags,
        summary: 'Conflicts waiting for a person to decide (or all, with open=false)',
        querystring: z.object({ open: z.enum(['true', 'false']).default('true') }).strict(),
        response: { 200: z.object({ items: z.array(SyncConflictSchema) }), ...errors },
      },
    },
    async (req) => ({ items: await req.run((ctx) => syncEngine.conflicts(ctx, req.query.open === 'true')) }),
  );

  app.post(
    '/sync/conflicts/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve a conflict: keep the server value, take the device value, or set another',
        params: z.object({ id: z.uuid() }),
        body: SyncResolveBodySchema,
        response: { 200: SyncConflictSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => syncEngine.resolve(ctx, req.params.id, req.body)),
  );

  app.get(
    '/sync/reference',
    {
      schema: {
        tags,
        summary: "Reference data for working offline: the areas of the user's scope, PPKS categories, latest assessment forms",
        response: { 200: ReferenceSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => referenceFor(ctx)),
  );

  app.post(
    '/sync/uploads/:id',
    {
      schema: {
        tags,
        summary: 'Upload a photo under the id the phone made for it (multipart field "file"); a retry returns the first file, never a second',
        params: z.object({ id: z.uuid() }),
        // A person's photo names its person; an activity's photo (purpose `activity`) has none.
        querystring: z.object({ personId: z.uuid().optional(), purpose: z.enum(['photo', 'visit', 'activity']) }).strict(),
        response: { 200: FileUploadResultSchema, 201: FileUploadResultSchema, ...errors, 413: ProblemSchema, 415: ProblemSchema },
      },
    },
    async (req, reply) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file) throw badRequest([{ field: 'file', code: 'file.missing', message: { id: 'Kirim berkas sebagai multipart/form-data (kolom "file")', en: 'Send the file as multipart/form-data (field "file")' } }]);
      const { personId, purpose } = req.query;
      if (purpose !== 'activity' && !personId) throw badRequest([{ field: 'personId', code: 'validation.required', message: { id: 'personId wajib untuk foto warga', en: 'personId is required for a person photo' } }]);
      const bytes = await file.toBuffer();
      const out = await uploadOnce(app.pilar, req.actor, req.id, { id: req.params.id, ...(personId ? { personId } : {}), purpose, bytes });
      return reply.status(out.created ? 201 : 200).send(out.file);
    },
  );
};
