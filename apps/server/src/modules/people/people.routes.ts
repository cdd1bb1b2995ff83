import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PersonCreateSchema,
  PersonListQuerySchema,
  PersonListSchema,
  PersonSchema,
  PersonUpdateSchema,
  PersonWriteResultSchema,
  ProblemSchema,
  ProcessingHistorySchema,
  RevealBodySchema,
  RevealResultSchema,
} from '@pilar/domain/contracts';
import * as people from './people.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** Persons: registration, reading (masked), editing, NIK reveal with a reason, processing history. */
export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['people'];

  app.post(
    '/persons',
    { schema: { tags, summary: 'Register a person', body: PersonCreateSchema, response: { 201: PersonWriteResultSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => people.createPerson(ctx, req.body))),
  );

  app.get(
    '/persons',
    { schema: { tags, summary: 'Persons in the caller’s scope (NIK masked)', querystring: PersonListQuerySchema, response: { 200: PersonListSchema, ...errors } } },
    async (req) =>
      req.run((ctx) =>
        people.listPersons(ctx, {
          page: req.query.page,
          pageSize: req.query.pageSize,
          ...(req.query.area ? { area: req.query.area } : {}),
          ...(req.query.q ? { q: req.query.q } : {}),
        }),
      ),
  );

  app.get(
    '/persons/:id',
    { schema: { tags, summary: 'One person (read is audited)', params: IdParams, response: { 200: PersonSchema, ...errors } } },
    async (req) => req.run((ctx) => people.getPerson(ctx, req.params.id)),
  );

  app.patch(
    '/persons/:id',
    { schema: { tags, summary: 'Edit a person (optimistic version check)', params: IdParams, body: PersonUpdateSchema, response: { 200: PersonWriteResultSchema, ...errors } } },
    async (req) => req.run((ctx) => people.updatePerson(ctx, req.params.id, req.body)),
  );

  app.post(
    '/persons/:id/reveal-nik',
    { schema: { tags, summary: 'Reveal the full NIK for a stated reason (audited)', params: IdParams, body: RevealBodySchema, response: { 200: RevealResultSchema, ...errors } } },
    async (req) => req.run((ctx) => people.revealNik(ctx, req.params.id, req.body.reason)),
  );

  app.get(
    '/persons/:id/history',
    { schema: { tags, summary: 'Processing history of a person’s data (UU PDP)', params: IdParams, response: { 200: ProcessingHistorySchema, ...errors } } },
    async (req) => req.run((ctx) => people.processingHistory(ctx, req.params.id)),
  );
};
