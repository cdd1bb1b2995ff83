import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema, TransferCreateSchema, TransferDecisionSchema, TransferListQuerySchema, TransferListSchema, TransferSchema } from '@pilar/domain/contracts';
import * as transfers from './transfers.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const IdParams = z.object({ id: z.uuid() });

/** Moving a person to another regency: requested by the sender, accepted by the receiver. */
export const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['cases'];
  app.post('/persons/:id/transfers', { schema: { tags, summary: 'Request a transfer to a village of another regency', params: IdParams, body: TransferCreateSchema, response: { 201: TransferSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await req.run((ctx) => transfers.requestTransfer(ctx, req.params.id, req.body))),
  );
  app.get('/transfers', { schema: { tags, summary: 'Incoming or outgoing transfers', querystring: TransferListQuerySchema, response: { 200: TransferListSchema, ...errors } } }, async (req) =>
    req.run((ctx) => transfers.listTransfers(ctx, { direction: req.query.direction, ...(req.query.status ? { status: req.query.status } : {}) })),
  );
  app.get('/transfers/:id', { schema: { tags, summary: 'One transfer', params: IdParams, response: { 200: TransferSchema, ...errors } } }, async (req) =>
    req.run((ctx) => transfers.getTransfer(ctx, req.params.id)),
  );
  for (const how of ['accept', 'reject', 'cancel'] as const) {
    app.post(`/transfers/:id/${how}`, { schema: { tags, summary: `${how} a transfer`, params: IdParams, body: TransferDecisionSchema, response: { 200: TransferSchema, ...errors } } }, async (req) =>
      req.run((ctx) => (how === 'accept' ? transfers.acceptTransfer(ctx, req.params.id, req.body.note) : transfers.closeTransfer(ctx, req.params.id, how, req.body.note))),
    );
  }
};
