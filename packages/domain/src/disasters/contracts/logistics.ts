import { z } from 'zod';
import { AreaCodeSchema } from '../../contracts/common';
import { PageQuery } from '../../contracts/people';
import { NEED_KINDS } from '../needs';

/** Aid logistics contracts (issue 9 §4): posts, items, stock received and issued, balances. */
const VillageCodeSchema = AreaCodeSchema.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'village code PP.KK.CC.NNNN');
const Quantity = z.number().positive().max(1_000_000_000);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const AID_POST_KINDS = ['posko', 'pengungsian', 'gudang', 'dapur_umum'] as const;
export const AID_ITEM_NEED_KINDS = [...NEED_KINDS, 'lainnya'] as const;

export const AidPostCreateSchema = z
  .object({ id: z.uuid().optional(), name: Text(200), kind: z.enum(AID_POST_KINDS), villageCode: VillageCodeSchema })
  .strict();
export const AidPostSchema = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  name: z.string(),
  kind: z.enum(AID_POST_KINDS),
  villageCode: z.string(),
  villageName: z.string(),
  createdAt: z.string(),
});
export const AidPostListSchema = z.object({ items: z.array(AidPostSchema) });

export const AidItemCreateSchema = z
  .object({
    id: z.uuid().optional(),
    name: Text(120),
    unit: Text(30),
    /** Which basic need the item serves (issuing it to a victim meets that need). */
    needKind: z.enum(AID_ITEM_NEED_KINDS),
    /** Warn when a post's balance falls to this quantity or below. */
    lowStockThreshold: z.number().min(0).max(1_000_000_000).nullable().optional(),
  })
  .strict();
export const AidItemUpdateSchema = z.object({ lowStockThreshold: z.number().min(0).max(1_000_000_000).nullable() }).strict();
export const AidItemSchema = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  name: z.string(),
  unit: z.string(),
  needKind: z.enum(AID_ITEM_NEED_KINDS),
  lowStockThreshold: z.number().nullable(),
});
export const AidItemListSchema = z.object({ items: z.array(AidItemSchema) });

export const StockReceiptSchema = z
  .object({
    id: z.uuid().optional(),
    postId: z.uuid(),
    itemId: z.uuid(),
    quantity: Quantity,
    /** Who gave it (an organisation, a government unit, "masyarakat"). */
    donor: Text(200),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

export const StockIssueSchema = z
  .object({
    id: z.uuid().optional(),
    postId: z.uuid(),
    itemId: z.uuid(),
    quantity: Quantity,
    /** The registered victim who received it… */
    victimId: z.uuid().optional(),
    /** …or the household (KK) it was handed to. */
    householdId: z.uuid().optional(),
    /** A signature or photo uploaded with POST /incidents/:id/stock/evidence. */
    evidenceFileId: z.uuid().optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

export const StockMovementSchema = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  postId: z.uuid(),
  itemId: z.uuid(),
  itemName: z.string(),
  unit: z.string(),
  kind: z.enum(['received', 'issued']),
  quantity: z.number(),
  donor: z.string().nullable(),
  victimId: z.string().nullable(),
  householdId: z.string().nullable(),
  evidenceFileId: z.string().nullable(),
  occurredAt: z.string(),
  recordedBy: z.string(),
});
export const StockMovementResultSchema = StockMovementSchema.extend({
  balance: z.number(),
  lowStock: z.boolean(),
});
export const StockMovementListQuerySchema = z.object({ postId: z.uuid().optional(), ...PageQuery }).strict();
export const StockMovementListSchema = z.object({
  items: z.array(StockMovementSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const StockBalanceSchema = z.object({
  postId: z.uuid(),
  postName: z.string(),
  itemId: z.uuid(),
  itemName: z.string(),
  unit: z.string(),
  needKind: z.string(),
  received: z.number(),
  issued: z.number(),
  balance: z.number(),
  lowStockThreshold: z.number().nullable(),
  lowStock: z.boolean(),
});
export const StockBalanceListQuerySchema = z.object({ postId: z.uuid().optional(), lowOnly: z.enum(['true', 'false']).default('false') }).strict();
export const StockBalanceListSchema = z.object({ items: z.array(StockBalanceSchema) });

export const AidEvidenceUploadQuerySchema = z.object({ postId: z.uuid() }).strict();
export const AidEvidenceUploadResultSchema = z.object({ id: z.uuid(), contentType: z.string(), sizeBytes: z.number().int() });

export type AidPostCreate = z.infer<typeof AidPostCreateSchema>;
export type AidItemCreate = z.infer<typeof AidItemCreateSchema>;
export type StockReceipt = z.infer<typeof StockReceiptSchema>;
export type StockIssue = z.infer<typeof StockIssueSchema>;
