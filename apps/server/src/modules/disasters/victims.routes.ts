import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VictimListQuerySchema, VictimListSchema, VictimRegisterResultSchema, VictimRegisterSchema, VictimSchema, VictimUpdateSchema } from '@pilar/domain/contracts';
import { errors, IdParams, tags } from './incidents.routes';
import { listVictims, registerVictim, updateVictim } from './victims.service';

/** Victim registration (also offline through /sync/push, entity `disaster_victim`). */
export const victimRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/incidents/:id/victims',
    {
      schema: {
        tags,
        summary: 'Register a victim: finds (NIK) or registers the person, marks PPKS 21/22, records displacement and needs',
        params: IdParams,
        body: VictimRegisterSchema,
        response: { 201: VictimRegisterResultSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => registerVictim(ctx, req.params.id, req.body))),
  );
  app.get(
    '/incidents/:id/victims',
    { schema: { tags, summary: 'Victims in the caller’s scope (NIK masked; audited)', params: IdParams, querystring: VictimListQuerySchema, response: { 200: VictimListSchema, ...errors } } },
    async (req) => req.run((ctx) => listVictims(ctx, req.params.id, req.query)),
  );
  app.patch(
    '/incidents/:id/victims/:victimId',
    {
      schema: {
        tags,
        summary: 'Edit a victim’s displacement, condition, needs or vulnerability',
        params: z.object({ id: z.uuid(), victimId: z.uuid() }).strict(),
        body: VictimUpdateSchema,
        response: { 200: VictimSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => updateVictim(ctx, req.params.victimId, req.body, req.params.id)),
  );
};
