import type { Permission } from '@pilar/domain';
import type { Ctx } from '../../platform/access/unit-of-work';

/** A record as the device keeps it. */
export interface SyncRecord {
  id: string;
  version: number;
  villageCode: string;
  data: Record<string, unknown>;
}

/**
 * What the sync engine needs to know about one kind of record. Writes go
 * through the module's own service (its rules, audit and rollups); reads are
 * batch reads limited to the caller's scope.
 */
export interface SyncEntity {
  type: string;
  /** Permission to receive these records on the device. */
  readPermission: Permission;
  /** API field name → column name as recorded in sync_change.fields. */
  fieldColumns: Record<string, string>;
  /** Current records by id, only those inside the caller's scope. */
  load(ctx: Ctx, ids: string[]): Promise<SyncRecord[]>;
  /** Ids in scope in ascending order after `afterId`, for the first (snapshot) sync. */
  page(ctx: Ctx, afterId: string | null, limit: number): Promise<string[]>;
  create(ctx: Ctx, id: string, data: Record<string, unknown>): Promise<void>;
  update(ctx: Ctx, id: string, version: number, patch: Record<string, unknown>): Promise<void>;
}
