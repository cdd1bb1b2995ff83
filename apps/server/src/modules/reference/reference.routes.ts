import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  NikValidateBodySchema,
  NikValidateResultSchema,
  PpksItemSchema,
  ProblemSchema,
  ProgrammeItemSchema,
  PsksItemSchema,
} from '@pilar/domain/contracts';
import * as reference from './reference.service';

/** Public reference catalogues and the NIK checker. */
export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.pilar.db.pool;
  const tags = ['reference'];

  app.get('/reference/ppks', { schema: { tags, summary: 'The 26 PPKS categories', response: { 200: z.object({ items: z.array(PpksItemSchema) }) } } }, async () => ({
    items: await reference.listPpks(db),
  }));
  app.get('/reference/psks', { schema: { tags, summary: 'PSKS kinds (referral partners)', response: { 200: z.object({ items: z.array(PsksItemSchema) }) } } }, async () => ({
    items: await reference.listPsks(db),
  }));
  app.get('/reference/programmes', { schema: { tags, summary: 'Social assistance programmes', response: { 200: z.object({ items: z.array(ProgrammeItemSchema) }) } } }, async () => ({
    items: await reference.listProgrammes(db),
  }));

  app.post(
    '/reference/nik/validate',
    {
      schema: {
        tags,
        summary: 'Check a NIK (hard errors vs. soft warnings, DOMAIN.md §5)',
        body: NikValidateBodySchema,
        response: { 200: NikValidateResultSchema, 400: ProblemSchema },
      },
    },
    async (req) => reference.checkNik(db, req.body),
  );
};
