import { CaseCreateSchema, CaseUpdateSchema } from '@pilar/domain/contracts';
import { scopeOf } from '../../../platform/access/actor';
import type { Ctx } from '../../../platform/access/unit-of-work';
import * as cases from '../../cases/cases.service';
import { scopePredicate } from '../../people/people.store';
import type { SyncEntity, SyncRecord } from '../sync.entity';
import { parse } from './parse';

/**
 * PPKS cases on the PSM's phone: the cases of the village, so an assessment can be
 * given offline. The phone may open a case (its own UUIDv7) and edit the need, the
 * category and who is responsible; status changes stay online (they need the chain).
 */
const FIELD_COLUMNS: Record<string, string> = {
  ppksCode: 'ppks_code',
  need: 'need',
  assignedTo: 'assigned_to',
};

async function load(ctx: Ctx, ids: string[]): Promise<SyncRecord[]> {
  if (ids.length === 0) return [];
  const params: unknown[] = [ids];
  const { rows } = await ctx.db.query(
    `SELECT c.id, c.version, c.village_code, c.case_number, c.person_id, c.household_id, c.ppks_code, c.need, c.status,
            c.verification, c.assigned_to, c.opened_on::text AS opened_on, c.closed_on::text AS closed_on, c.updated_at
     FROM ppks_case c
     WHERE c.id = ANY($1) AND ${scopePredicate('c.village_code', scopeOf(ctx.actor, 'case.read'), params)}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    villageCode: r.village_code,
    data: {
      caseNumber: r.case_number,
      personId: r.person_id,
      householdId: r.household_id,
      villageCode: r.village_code,
      ppksCode: r.ppks_code,
      need: r.need,
      status: r.status,
      verification: r.verification,
      assignedTo: r.assigned_to,
      openedOn: r.opened_on,
      closedOn: r.closed_on,
      updatedAt: new Date(r.updated_at).toISOString(),
    },
  }));
}

export const caseSync: SyncEntity = {
  type: 'case',
  readPermission: 'case.read',
  fieldColumns: FIELD_COLUMNS,
  load,
  async page(ctx, afterId, limit) {
    const params: unknown[] = [afterId ?? '00000000-0000-0000-0000-000000000000', limit];
    const { rows } = await ctx.db.query(
      `SELECT id FROM ppks_case c WHERE c.id > $1 AND ${scopePredicate('c.village_code', scopeOf(ctx.actor, 'case.read'), params)}
       ORDER BY c.id LIMIT $2`,
      params,
    );
    return rows.map((r) => r.id as string);
  },
  async create(ctx, id, data) {
    await cases.createCase(ctx, parse(CaseCreateSchema, { ...data, id }));
  },
  async update(ctx, id, version, patch) {
    await cases.updateCase(ctx, id, parse(CaseUpdateSchema, { ...patch, version }));
  },
};
