import { CheckinCreateSchema, CheckinUpdateSchema } from '@pilar/domain/contracts';
import type { z } from 'zod';
import { scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { badRequest } from '../../platform/errors';
import type { SyncEntity, SyncRecord } from '../sync/sync.entity';
import { checkIn, updateCheckin } from './checkin.service';
import * as store from './distributions.store';

/**
 * Offline check-ins at a distribution travel through the sync protocol: the phone
 * queues a `create` mutation with its own UUIDv7, and /sync/push applies it once
 * (mutation ids); corrections are `update`s with the version they were based on.
 */
const FIELD_COLUMNS: Record<string, string> = {
  outcome: 'outcome',
  representativeName: 'representative_name',
  representativeRelation: 'representative_relation',
  proofFileId: 'proof_file_id',
  note: 'note',
};

function parse<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw badRequest(r.error.issues.map((i) => {
    const field = i.path.join('.') || 'data';
    return { field, code: `validation.${i.code}`, message: { id: `${field} tidak valid`, en: `${field} is invalid: ${i.message}` } };
  }));
}

async function load(ctx: Ctx, ids: string[]): Promise<SyncRecord[]> {
  if (ids.length === 0) return [];
  const rows = await store.checkins(ctx.db, ids, scopeOf(ctx.actor, 'distribution.checkin'));
  return rows.map((c) => ({
    id: c.id,
    version: c.version,
    villageCode: c.villageCode,
    data: {
      eventId: c.eventId, recipientId: c.recipientId, outcome: c.outcome, method: c.method, representativeName: c.representativeName,
      representativeRelation: c.representativeRelation, proofFileId: c.proofFileId, note: c.note, checkedAt: c.checkedAt,
    },
  }));
}

export const checkinSync: SyncEntity = {
  type: 'distribution_checkin',
  readPermission: 'distribution.checkin',
  fieldColumns: FIELD_COLUMNS,
  load,
  page: (ctx, afterId, limit) => store.checkinPage(ctx.db, afterId, limit, scopeOf(ctx.actor, 'distribution.checkin')),
  async create(ctx, id, data) {
    await checkIn(ctx, parse(CheckinCreateSchema, { ...data, id }));
  },
  async update(ctx, id, version, patch) {
    await updateCheckin(ctx, id, parse(CheckinUpdateSchema, { ...patch, version }));
  },
};
