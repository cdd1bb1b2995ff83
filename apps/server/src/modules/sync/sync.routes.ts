import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ProblemSchema,
  SyncConflictSchema,
  SyncMutationResultSchema,
  SyncPullQuerySchema,
  SyncPullResultSchema,
  SyncPushBodySchema,
  SyncResolveBodySchema,
} from '@pilar/domain/contracts';
import { SyncEngine } from './sync.service';
import { personSync } from './entities/person.sync';
import { activitySync } from '../activities/activity.sync';
import { victimSync } from '../disasters/victims.sync';
import { checkinSync } from '../distributions/checkin.sync';

/** Record kinds a device keeps. A module adds its adapter here. */
export const syncEngine = new SyncEngine().register(personSync).register(victimSync).register(activitySync).register(checkinSync);

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
};
