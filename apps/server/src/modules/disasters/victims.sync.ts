import { VictimRegisterSchema, VictimUpdateSchema } from '@pilar/domain/contracts';
import { z } from 'zod';
import { scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { badRequest } from '../../platform/errors';
import type { SyncEntity, SyncRecord } from '../sync/sync.entity';
import * as store from './victims.store';
import { registerVictim, updateVictim } from './victims.service';

/**
 * Offline victim registration (issue 9 §3): the device pushes `disaster_victim` creates
 * with the short form plus `incidentId`; they go through the same service as the API
 * (duplicate checks, PPKS 21/22, rollups, audit). The person arrives with its own
 * `person` record on the next pull.
 */
const FIELD_COLUMNS: Record<string, string> = {
  displacement: 'displacement',
  postId: 'post_id',
  displacementPlace: 'displacement_place',
  condition: 'condition',
  needs: 'needs',
  vulnerabilities: 'vulnerabilities',
};

const CreateSchema = VictimRegisterSchema.extend({ incidentId: z.uuid() });

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

async function load(ctx: Ctx, ids: string[]): Promise<SyncRecord[]> {
  const rows = await store.findMany(ctx.db, ids, scopeOf(ctx.actor, 'person.read'));
  return rows.map((v) => ({
    id: v.id,
    version: v.version,
    villageCode: v.villageCode,
    data: {
      incidentId: v.incidentId,
      personId: v.personId,
      villageCode: v.villageCode,
      displacement: v.displacement,
      postId: v.postId,
      displacementPlace: v.displacementPlace,
      condition: v.condition,
      needs: v.needs,
      needsServed: v.needsServed,
      basicNeedsMet: v.basicNeedsMet,
      vulnerabilities: v.vulnerabilities,
      ppksCode: v.ppksCode,
      caseId: v.caseId,
      updatedAt: v.updatedAt,
    },
  }));
}

export const victimSync: SyncEntity = {
  type: 'disaster_victim',
  readPermission: 'person.read',
  fieldColumns: FIELD_COLUMNS,
  load,
  page: (ctx, afterId, limit) => store.pageIds(ctx.db, scopeOf(ctx.actor, 'person.read'), afterId, limit),
  async create(ctx, id, data) {
    const { incidentId, ...input } = parse(CreateSchema, { ...data, id });
    await registerVictim(ctx, incidentId, input);
  },
  async update(ctx, id, version, patch) {
    await updateVictim(ctx, id, parse(VictimUpdateSchema, { ...patch, version }));
  },
};
