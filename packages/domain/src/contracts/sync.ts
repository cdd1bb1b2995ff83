import { z } from 'zod';

/** One queued offline change: applied at most once, by its id. */
export const SyncMutationSchema = z
  .object({
    id: z.uuid(),
    entityType: z.string().min(1).max(40),
    entityId: z.uuid(),
    op: z.enum(['create', 'update']),
    /** The record version the device's edit was based on (updates). */
    baseVersion: z.number().int().min(1).optional(),
    data: z.record(z.string(), z.unknown()),
  })
  .strict()
  .meta({ id: 'SyncMutation' });

export const SyncPushBodySchema = z.object({ mutations: z.array(SyncMutationSchema).min(1).max(100) }).strict();

export const SyncMutationResultSchema = z
  .object({
    mutationId: z.uuid(),
    status: z.enum(['applied', 'merged', 'rejected']),
    entityId: z.uuid(),
    version: z.number().int().optional(),
    conflicts: z.array(z.object({ field: z.string(), conflictId: z.uuid() })).optional(),
    error: z.unknown().optional(),
  })
  .meta({ id: 'SyncMutationResult' });

export const SyncRecordSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  villageCode: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const SyncPullQuerySchema = z
  .object({ cursor: z.string().max(2000).optional(), limit: z.coerce.number().int().min(1).max(500).default(200) })
  .strict();

export const SyncPullResultSchema = z.object({
  items: z.array(z.object({ type: z.string(), id: z.uuid(), op: z.enum(['upsert', 'remove']), record: SyncRecordSchema.optional() })),
  /** Opaque: send it back to continue exactly where this page stopped. */
  cursor: z.string(),
  more: z.boolean(),
});

export const SyncConflictSchema = z
  .object({
    id: z.uuid(),
    entityType: z.string(),
    entityId: z.uuid(),
    villageCode: z.string(),
    field: z.string(),
    baseVersion: z.number().int(),
    serverValue: z.unknown(),
    serverBy: z.string().nullable(),
    clientValue: z.unknown(),
    clientBy: z.string(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolution: z.string().nullable(),
  })
  .meta({ id: 'SyncConflict' });

export const SyncResolveBodySchema = z.object({ resolution: z.enum(['server', 'client', 'other']), value: z.unknown().optional() }).strict();

export type SyncMutation = z.infer<typeof SyncMutationSchema>;
export type SyncPullResult = z.infer<typeof SyncPullResultSchema>;
export type SyncConflict = z.infer<typeof SyncConflictSchema>;
