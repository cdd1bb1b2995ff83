import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AnnouncementCreateSchema,
  AnnouncementListSchema,
  AnnouncementQuerySchema,
  AnnouncementSchema,
  AttendanceBodySchema,
  BoardCreateSchema,
  BoardListSchema,
  BoardSchema,
  BoardUpdateSchema,
  EventCreateSchema,
  EventListSchema,
  EventSchema,
  LibraryItemCreateSchema,
  LibraryItemSchema,
  LibraryListSchema,
  ProblemSchema,
  StoredFileRefSchema,
  UnitCreateSchema,
  UnitListQuerySchema,
  UnitListSchema,
  UnitSchema,
  UnitUpdateSchema,
} from '@pilar/domain/contracts';
import { badRequest } from '../../platform/errors';
import * as org from './org.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** IPSM units, boards per term, announcements, events with attendance, training library. */
export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['org'];
  app.post('/org/units', { schema: { tags, summary: 'Create an IPSM unit for an area (ID = nasional)', body: UnitCreateSchema, response: { 201: UnitSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => org.createUnit(ctx, req.body))));
  app.get('/org/units', { schema: { tags, summary: 'IPSM units (filter by area prefix and level)', querystring: UnitListQuerySchema, response: { 200: UnitListSchema, ...errors } } },
    async (req) => req.run((ctx) => org.listUnits(ctx, req.query)));
  app.get('/org/units/:id', { schema: { tags, summary: 'One unit with its current board', params: IdParams, response: { 200: UnitSchema, ...errors } } },
    async (req) => req.run((ctx) => org.getUnit(ctx, req.params.id)));
  app.patch('/org/units/:id', { schema: { tags, summary: 'Edit a unit', params: IdParams, body: UnitUpdateSchema, response: { 200: UnitSchema, ...errors } } },
    async (req) => req.run((ctx) => org.updateUnit(ctx, req.params.id, req.body)));
  app.get('/org/units/:id/boards', { schema: { tags, summary: 'Boards of a unit, current first then history', params: IdParams, response: { 200: BoardListSchema, ...errors } } },
    async (req) => req.run((ctx) => org.listBoards(ctx, req.params.id)));
  app.post('/org/units/:id/boards', { schema: { tags, summary: 'Record a new board for a term (ends the previous one)', params: IdParams, body: BoardCreateSchema, response: { 201: BoardSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => org.createBoard(ctx, req.params.id, req.body))));
  app.patch('/org/boards/:id', { schema: { tags, summary: 'Correct the current board', params: IdParams, body: BoardUpdateSchema, response: { 200: BoardSchema, ...errors } } },
    async (req) => req.run((ctx) => org.updateBoard(ctx, req.params.id, req.body)));
  app.post('/org/units/:id/files', { schema: { tags, summary: 'Upload minutes or training material (multipart field "file")', params: IdParams, querystring: z.object({ purpose: z.enum(['minutes', 'library']) }).strict(), response: { 201: StoredFileRefSchema, ...errors } } },
    async (req, reply) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file) throw badRequest([{ field: 'file', code: 'file.missing', message: { id: 'Kirim berkas sebagai multipart/form-data (kolom "file")', en: 'Send the file as multipart/form-data (field "file")' } }]);
      const bytes = await file.toBuffer();
      return reply.status(201).send(await req.run((ctx) => org.uploadUnitFile(ctx, req.params.id, bytes, req.query.purpose)));
    });
  app.get('/org/units/:id/announcements', { schema: { tags, summary: 'Announcements of a unit', params: IdParams, response: { 200: AnnouncementListSchema, ...errors } } },
    async (req) => req.run((ctx) => org.unitAnnouncements(ctx, req.params.id)));
  app.post('/org/units/:id/announcements', { schema: { tags, summary: 'Publish an announcement to the members in the unit’s area', params: IdParams, body: AnnouncementCreateSchema, response: { 201: AnnouncementSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => org.createAnnouncement(ctx, req.params.id, req.body))));
  app.get('/org/announcements', { schema: { tags, summary: 'Announcements addressed to an area (units whose area contains it)', querystring: AnnouncementQuerySchema, response: { 200: AnnouncementListSchema, ...errors } } },
    async (req) => req.run((ctx) => org.announcementsForArea(ctx, req.query.area)));
  app.get('/members/:id/announcements', { schema: { tags, summary: 'Announcements for a member (units whose area contains the member’s village)', params: IdParams, response: { 200: AnnouncementListSchema, ...errors } } },
    async (req) => req.run((ctx) => org.announcementsForMember(ctx, req.params.id)));
  app.get('/org/units/:id/events', { schema: { tags, summary: 'Events of a unit', params: IdParams, response: { 200: EventListSchema, ...errors } } },
    async (req) => req.run((ctx) => org.listEvents(ctx, req.params.id)));
  app.post('/org/units/:id/events', { schema: { tags, summary: 'Create an event (Musda, Mukernas, Bulan Bhakti, sarasehan…)', params: IdParams, body: EventCreateSchema, response: { 201: EventSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => org.createEvent(ctx, req.params.id, req.body))));
  app.get('/org/events/:id', { schema: { tags, summary: 'One event with attendance', params: IdParams, response: { 200: EventSchema, ...errors } } },
    async (req) => req.run((ctx) => org.getEvent(ctx, req.params.id)));
  app.put('/org/events/:id/attendance', { schema: { tags, summary: 'Replace the attendance list', params: IdParams, body: AttendanceBodySchema, response: { 200: EventSchema, ...errors } } },
    async (req) => req.run((ctx) => org.setAttendance(ctx, req.params.id, req.body.memberIds)));
  app.get('/org/units/:id/library', { schema: { tags, summary: 'Training material of a unit', params: IdParams, response: { 200: LibraryListSchema, ...errors } } },
    async (req) => req.run((ctx) => org.library(ctx, req.params.id)));
  app.post('/org/units/:id/library', { schema: { tags, summary: 'Add training material (file or link)', params: IdParams, body: LibraryItemCreateSchema, response: { 201: LibraryItemSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => org.addLibraryItem(ctx, req.params.id, req.body))));
};
