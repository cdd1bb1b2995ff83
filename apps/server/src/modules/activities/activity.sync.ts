import { ActivityCreateSchema, ActivityUpdateSchema } from '@pilar/domain/contracts';
import type { z } from 'zod';
import type { Ctx } from '../../platform/access/unit-of-work';
import { badRequest } from '../../platform/errors';
import type { SyncEntity, SyncRecord } from '../sync/sync.entity';
import * as activities from './activities.service';
import * as store from './activities.store';

/**
 * The activity log on the PSM's phone (offline first, ARCHITECTURE.md decision 7): the
 * device holds its user's own entries (typed and derived), creates entries with its
 * own UUIDv7 ids and edits the ones typed by hand; writes go through the service.
 */
const FIELD_COLUMNS: Record<string, string> = {
  duty: 'duty',
  programmeCode: 'programme_code',
  title: 'title',
  note: 'note',
  occurredAt: 'occurred_at',
  lat: 'lat',
  lng: 'lng',
  accuracyM: 'accuracy_m',
  photoFileId: 'photo_file_id',
};

function parse<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw badRequest(
    r.error.issues.map((i) => {
      const field = i.path.join('.') || 'data';
      return { field, code: `validation.${i.code}`, message: { id: `${field} tidak valid`, en: `${field} is invalid: ${i.message}` } };
    }),
  );
}

/** The device keeps its own user's log only. */
const own = (ctx: Ctx): store.Visibility => ({ userId: ctx.actor.userId, readScopes: [] });

async function load(ctx: Ctx, ids: string[]): Promise<SyncRecord[]> {
  const rows = (await store.findMany(ctx.db, ids, own(ctx))).filter((a) => a.userId === ctx.actor.userId && a.status === 'active');
  return rows.map((a) => {
    const { regencyCode: _r, id, version, villageCode, ...data } = a;
    return { id, version, villageCode, data: { ...data, villageCode } };
  });
}

export const activitySync: SyncEntity = {
  type: 'activity',
  readPermission: 'activity.record',
  fieldColumns: FIELD_COLUMNS,
  load,
  async page(ctx, afterId, limit) {
    if (!ctx.actor.userId) return [];
    const { rows } = await ctx.db.query(
      `SELECT id FROM psm_activity WHERE user_id = $1 AND status = 'active' AND id > $2 ORDER BY id LIMIT $3`,
      [ctx.actor.userId, afterId ?? '00000000-0000-0000-0000-000000000000', limit],
    );
    return rows.map((r) => r.id as string);
  },
  async create(ctx, id, data) {
    await activities.createActivity(ctx, parse(ActivityCreateSchema, { ...data, id }));
  },
  async update(ctx, id, version, patch) {
    await activities.updateActivity(ctx, id, parse(ActivityUpdateSchema, { ...patch, version }));
  },
};
