import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DuplicateCheckResultSchema,
  DuplicateCheckSchema,
  FileUploadResultSchema,
  MergeBodySchema,
  MergeSchema,
  TimelineSchema,
  UnmergeBodySchema,
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
import { badRequest } from '../../platform/errors';
import { checkDuplicates } from './duplicates.service';
import { PERSON_FILE_PURPOSES, uploadPersonFile } from './files';
import { mergePersons, unmerge } from './merge.service';
import { personTimeline } from './timeline.service';

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
          ...(req.query.ppks !== undefined ? { ppks: req.query.ppks } : {}),
          ...(req.query.caseStatus ? { caseStatus: req.query.caseStatus } : {}),
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

  app.post(
    '/persons/check-duplicates',
    { schema: { tags, summary: 'Registration preview: exact NIK match and near matches (masked)', body: DuplicateCheckSchema, response: { 200: DuplicateCheckResultSchema, ...errors } } },
    async (req) => req.run((ctx) => checkDuplicates(ctx, req.body)),
  );

  app.get(
    '/persons/:id/timeline',
    { schema: { tags, summary: 'Everything that happened to a person, in order', params: IdParams, response: { 200: TimelineSchema, ...errors } } },
    async (req) => req.run((ctx) => personTimeline(ctx, req.params.id)),
  );

  app.post(
    '/persons/:id/files',
    {
      schema: {
        tags,
        summary: 'Upload a photo or document for a person (multipart field "file"); returns the file id to attach',
        params: IdParams,
        querystring: z.object({ purpose: z.enum(PERSON_FILE_PURPOSES) }).strict(),
        response: { 201: FileUploadResultSchema, ...errors, 413: ProblemSchema, 415: ProblemSchema },
      },
    },
    async (req, reply) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file) throw badRequest([{ field: 'file', code: 'file.missing', message: { id: 'Kirim berkas sebagai multipart/form-data (kolom "file")', en: 'Send the file as multipart/form-data (field "file")' } }]);
      const bytes = await file.toBuffer();
      return reply.status(201).send(await req.run((ctx) => uploadPersonFile(ctx, req.params.id, req.query.purpose, bytes)));
    },
  );

  app.post(
    '/persons/:id/merge',
    { schema: { tags, summary: 'Merge a duplicate into this person (reversible)', params: IdParams, body: MergeBodySchema, response: { 200: MergeSchema, ...errors } } },
    async (req) => req.run((ctx) => mergePersons(ctx, req.params.id, req.body)),
  );

  app.post(
    '/person-merges/:id/undo',
    { schema: { tags, summary: 'Undo a merge: the duplicate and its rows are restored', params: IdParams, body: UnmergeBodySchema, response: { 200: MergeSchema, ...errors } } },
    async (req) => req.run((ctx) => unmerge(ctx, req.params.id, req.body.reason)),
  );
};
