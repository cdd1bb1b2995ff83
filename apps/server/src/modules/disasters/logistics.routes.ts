import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AidEvidenceUploadQuerySchema,
  AidEvidenceUploadResultSchema,
  AidItemCreateSchema,
  AidItemListSchema,
  AidItemSchema,
  AidItemUpdateSchema,
  AidPostCreateSchema,
  AidPostListSchema,
  AidPostSchema,
  ProblemSchema,
  StockBalanceListQuerySchema,
  StockBalanceListSchema,
  StockIssueSchema,
  StockMovementListQuerySchema,
  StockMovementListSchema,
  StockMovementResultSchema,
  StockReceiptSchema,
} from '@pilar/domain/contracts';
import { badRequest } from '../../platform/errors';
import { errors, IdParams, tags } from './incidents.routes';
import * as logistics from './logistics.service';

/** Aid logistics: posts, items, stock received and issued, balances. */
export const logisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/incidents/:id/posts',
    { schema: { tags, summary: 'Open a post (posko, shelter, warehouse, public kitchen)', params: IdParams, body: AidPostCreateSchema, response: { 201: AidPostSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => logistics.createPost(ctx, req.params.id, req.body))),
  );
  app.get(
    '/incidents/:id/posts',
    { schema: { tags, summary: 'Posts of the incident', params: IdParams, response: { 200: AidPostListSchema, ...errors } } },
    async (req) => req.run((ctx) => logistics.listPosts(ctx, req.params.id)),
  );
  app.post(
    '/incidents/:id/items',
    { schema: { tags, summary: 'Add an aid item (name, unit, need it serves, low-stock threshold)', params: IdParams, body: AidItemCreateSchema, response: { 201: AidItemSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => logistics.createItem(ctx, req.params.id, req.body))),
  );
  app.get(
    '/incidents/:id/items',
    { schema: { tags, summary: 'Aid items of the incident', params: IdParams, response: { 200: AidItemListSchema, ...errors } } },
    async (req) => req.run((ctx) => logistics.listItems(ctx, req.params.id)),
  );
  app.patch(
    '/incidents/:id/items/:itemId',
    {
      schema: { tags, summary: 'Set an item’s low-stock threshold', params: z.object({ id: z.uuid(), itemId: z.uuid() }).strict(), body: AidItemUpdateSchema, response: { 200: AidItemSchema, ...errors } },
    },
    async (req) => req.run((ctx) => logistics.setItemThreshold(ctx, req.params.id, req.params.itemId, req.body.lowStockThreshold)),
  );
  app.post(
    '/incidents/:id/stock/receipts',
    { schema: { tags, summary: 'Record stock received at a post (donor, item, quantity)', params: IdParams, body: StockReceiptSchema, response: { 201: StockMovementResultSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => logistics.receiveStock(ctx, req.params.id, req.body))),
  );
  app.post(
    '/incidents/:id/stock/issues',
    {
      schema: {
        tags,
        summary: 'Issue aid to a victim or a household; refused (409) beyond the post’s balance',
        params: IdParams,
        body: StockIssueSchema,
        response: { 201: StockMovementResultSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => logistics.issueStock(ctx, req.params.id, req.body))),
  );
  app.get(
    '/incidents/:id/stock/balances',
    { schema: { tags, summary: 'Balances per post and item, with the low-stock warning', params: IdParams, querystring: StockBalanceListQuerySchema, response: { 200: StockBalanceListSchema, ...errors } } },
    async (req) => req.run((ctx) => logistics.listBalances(ctx, req.params.id, { postId: req.query.postId, lowOnly: req.query.lowOnly === 'true' })),
  );
  app.get(
    '/incidents/:id/stock/movements',
    { schema: { tags, summary: 'Stock received and issued, newest first', params: IdParams, querystring: StockMovementListQuerySchema, response: { 200: StockMovementListSchema, ...errors } } },
    async (req) => req.run((ctx) => logistics.listMovements(ctx, req.params.id, req.query)),
  );
  app.post(
    '/incidents/:id/stock/evidence',
    {
      schema: {
        tags,
        summary: 'Upload a handover signature or photo (multipart field "file"); returns the id for evidenceFileId',
        params: IdParams,
        querystring: AidEvidenceUploadQuerySchema,
        response: { 201: AidEvidenceUploadResultSchema, ...errors, 413: ProblemSchema, 415: ProblemSchema },
      },
    },
    async (req, reply) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      if (!file) throw badRequest([{ field: 'file', code: 'file.missing', message: { id: 'Kirim berkas sebagai multipart/form-data (kolom "file")', en: 'Send the file as multipart/form-data (field "file")' } }]);
      const bytes = await file.toBuffer();
      return reply.status(201).send(await req.run((ctx) => logistics.uploadEvidence(ctx, req.params.id, req.query.postId, bytes)));
    },
  );
};
