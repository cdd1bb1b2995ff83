import type { Permission } from '@pilar/domain';
import type { ImportMapping, ImportTarget } from '@pilar/domain/contracts';
import { scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { areaLookup } from '../reference/reference.service';
import { checkMemberRow, memberBatch, type MemberRow } from './members.target';
import {
  checkProgrammeRow,
  noteProgrammeRow,
  previewProgrammeRow,
  programmeBatch,
  programmeTargetContext,
  type ProgrammeRowCheck,
} from './programmes.target';
import { bulkPersonBatch } from './persons.bulk';
import { servicePersonBatch } from './persons.services';
import { checkPersonRow, noteNik, previewValues, type CheckContext, type RowCheck } from './persons.validate';
import type { ImportRowResult } from './rows';
import type { SourceRow } from './source';
import { villageIndex } from './villages';

/**
 * What the import framework needs from a target: the permission, a database-free row
 * check (run outside the write transaction), and a batch writer that judges the
 * checked rows against the database and writes them in the caller's transaction.
 */
export interface TargetEngine {
  /** Records a committed row's keys without judging it (resuming after a restart). */
  note(row: SourceRow): void;
  check(row: SourceRow): unknown;
  write(ctx: Ctx, importId: string, checks: unknown[], opts: { audit: boolean }): Promise<ImportRowResult[]>;
  preview(row: SourceRow): Record<string, string | null>;
}

export const TARGET_PERMISSION: Record<ImportTarget, Permission> = {
  persons: 'person.create',
  members: 'member.create',
  programme_memberships: 'programme.enrol',
};

export async function engineFor(
  ctx: Ctx,
  target: ImportTarget,
  mapping: ImportMapping,
  path: 'bulk' | 'service' = 'bulk',
): Promise<TargetEngine> {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  if (target === 'members') {
    const seen = new Map<string, number>();
    return {
      note: (row) => void checkMemberRow(row, mapping, seen, today),
      check: (row) => checkMemberRow(row, mapping, seen, today),
      write: (c, _id, checks) => memberBatch(c, checks as MemberRow[]),
      preview: (row) => previewValues(row, mapping),
    };
  }
  if (target === 'programme_memberships') {
    const tc = await programmeTargetContext(ctx, today);
    return {
      note: (row) => noteProgrammeRow(tc, row, mapping),
      check: (row) => checkProgrammeRow(tc, row, mapping),
      write: (c, _id, checks) => programmeBatch(c, checks as ProgrammeRowCheck[]),
      preview: (row) => previewProgrammeRow(row, mapping),
    };
  }
  const cc: CheckContext = {
    lookup: await areaLookup(ctx.db),
    villages: await villageIndex(ctx.db),
    scopes: scopeOf(ctx.actor, 'person.create'),
    now: ctx.clock.now(),
    ids: ctx.ids,
    seen: new Map(),
    encrypt: path === 'bulk',
  };
  return {
    note: (row) => noteNik(cc, row, mapping),
    check: (row) => checkPersonRow(cc, row, mapping),
    write: (c, importId, checks, opts) =>
      path === 'bulk' ? bulkPersonBatch(c, importId, checks as RowCheck[], opts) : servicePersonBatch(c, checks as RowCheck[]),
    preview: (row) => previewValues(row, mapping),
  };
}
