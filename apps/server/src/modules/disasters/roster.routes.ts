import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RosterShiftCheckSchema, RosterShiftCreateSchema, RosterShiftListQuerySchema, RosterShiftListSchema, RosterShiftSchema, VolunteerCreateSchema, VolunteerListSchema, VolunteerSchema } from '@pilar/domain/contracts';
import { errors, IdParams, tags } from './incidents.routes';
import * as roster from './roster.service';

const ShiftParams = z.object({ id: z.uuid(), shiftId: z.uuid() }).strict();

/** Volunteer roster: volunteers, shifts at posts, check-in/out, contact list. */
export const rosterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/incidents/:id/volunteers',
    { schema: { tags, summary: 'Add a volunteer (PSM, Tagana, Karang Taruna…) to the incident', params: IdParams, body: VolunteerCreateSchema, response: { 201: VolunteerSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => roster.addVolunteer(ctx, req.params.id, req.body))),
  );
  app.get(
    '/incidents/:id/volunteers',
    { schema: { tags, summary: 'Contact list (phone numbers only for the incident’s responders)', params: IdParams, response: { 200: VolunteerListSchema, ...errors } } },
    async (req) => req.run((ctx) => roster.listVolunteers(ctx, req.params.id)),
  );
  app.post(
    '/incidents/:id/shifts',
    { schema: { tags, summary: 'Assign a volunteer to a post for a shift', params: IdParams, body: RosterShiftCreateSchema, response: { 201: RosterShiftSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => roster.addShift(ctx, req.params.id, req.body))),
  );
  app.get(
    '/incidents/:id/shifts',
    { schema: { tags, summary: 'Shifts of the incident', params: IdParams, querystring: RosterShiftListQuerySchema, response: { 200: RosterShiftListSchema, ...errors } } },
    async (req) => req.run((ctx) => roster.listShifts(ctx, req.params.id, req.query.postId)),
  );
  app.post(
    '/incidents/:id/shifts/:shiftId/check-in',
    { schema: { tags, summary: 'Check in to a shift (the volunteer, or a manager)', params: ShiftParams, body: RosterShiftCheckSchema, response: { 200: RosterShiftSchema, ...errors } } },
    async (req) => req.run((ctx) => roster.checkShift(ctx, req.params.id, req.params.shiftId, 'in', req.body.at)),
  );
  app.post(
    '/incidents/:id/shifts/:shiftId/check-out',
    { schema: { tags, summary: 'Check out of a shift', params: ShiftParams, body: RosterShiftCheckSchema, response: { 200: RosterShiftSchema, ...errors } } },
    async (req) => req.run((ctx) => roster.checkShift(ctx, req.params.id, req.params.shiftId, 'out', req.body.at)),
  );
};
