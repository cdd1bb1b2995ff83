import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  KksRevealResultSchema,
  LocalProgrammeCreateSchema,
  MembershipCreateSchema,
  MembershipListQuerySchema,
  MembershipListSchema,
  MembershipSchema,
  MembershipUpdateSchema,
  ProblemSchema,
  ProgrammeFiguresQuerySchema,
  ProgrammeFiguresSchema,
  ProgrammeListSchema,
  ProgrammeSchema,
  RevealBodySchema,
} from '@pilar/domain/contracts';
import * as memberships from './memberships.service';
import * as programmes from './programmes.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** Programmes (national and local), memberships of persons and households, dashboard figures. */
export const programmeRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['programmes'];

  app.get('/programmes', { schema: { tags, summary: 'National programmes and the local ones of the caller’s governments', response: { 200: ProgrammeListSchema, ...errors } } },
    async (req) => req.run((ctx) => programmes.listProgrammes(ctx)));

  app.post('/programmes', { schema: { tags, summary: 'Add a local programme (Dinsos)', body: LocalProgrammeCreateSchema, response: { 201: ProgrammeSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => programmes.createLocalProgramme(ctx, req.body))));

  app.post('/programme-memberships', { schema: { tags, summary: 'Record a person’s or household’s membership of a programme', body: MembershipCreateSchema, response: { 201: MembershipSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => memberships.createMembership(ctx, req.body))));

  app.get('/programme-memberships', { schema: { tags, summary: 'Memberships in the caller’s scope (KKS masked)', querystring: MembershipListQuerySchema, response: { 200: MembershipListSchema, ...errors } } },
    async (req) => req.run((ctx) => memberships.listMemberships(ctx, stripUndefined(req.query))));

  app.get('/programme-memberships/:id', { schema: { tags, summary: 'One membership (read is audited)', params: IdParams, response: { 200: MembershipSchema, ...errors } } },
    async (req) => req.run((ctx) => memberships.getMembership(ctx, req.params.id)));

  app.patch('/programme-memberships/:id', { schema: { tags, summary: 'Edit a membership (optimistic version check)', params: IdParams, body: MembershipUpdateSchema, response: { 200: MembershipSchema, ...errors } } },
    async (req) => req.run((ctx) => memberships.updateMembership(ctx, req.params.id, req.body)));

  app.post('/programme-memberships/:id/reveal-kks', { schema: { tags, summary: 'Reveal the full KKS number for a stated reason (audited)', params: IdParams, body: RevealBodySchema, response: { 200: KksRevealResultSchema, ...errors } } },
    async (req) => req.run((ctx) => memberships.revealKks(ctx, req.params.id, req.body.reason)));

  app.get('/programme-figures', { schema: { tags, summary: 'Dashboard: memberships, usulan and distributions for an area (from rollups)', querystring: ProgrammeFiguresQuerySchema, response: { 200: ProgrammeFiguresSchema, ...errors } } },
    async (req) => req.run((ctx) => programmes.programmeFigures(ctx, req.query.area)));
};

function stripUndefined<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}
