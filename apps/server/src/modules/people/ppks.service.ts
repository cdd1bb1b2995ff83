import { findPpks, ppksAgeWarnings, type Issue } from '@pilar/domain';
import type { PpksAssign } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { ageOn } from '../cases/dates';
import { shiftRollups, withRollups } from '../cases/rollups';
import { requireAttachedFile } from './files';
import { loadInScope } from './people.service';
import * as store from './ppks.store';

/** The PPKS categories a person holds and held (DOMAIN.md §2: several at once). */
export async function listPersonPpks(ctx: Ctx, personId: string) {
  const p = await loadInScope(ctx, personId, 'person.read');
  // Categories 1–7, 9, 15–17 are specific data (UU PDP Pasal 4): the read is audited.
  ctx.audit.record({ action: 'person.ppks_read', entityType: 'person', entityId: personId, personId, regencyCode: p.regencyCode });
  return { items: await store.listForPerson(ctx.db, { regencyCode: p.regencyCode, personId }, scopeOf(ctx.actor, 'person.read')) };
}

/**
 * Assigns a PPKS category with its assessment date, evidence and assessor. Age bands
 * are a secondary source [S]: a mismatch warns, never blocks.
 */
export async function assignPpks(ctx: Ctx, personId: string, input: PpksAssign): Promise<store.PersonPpksRow & { warnings: Issue[] }> {
  const p = await loadInScope(ctx, personId, 'person.update');
  if (!(await store.categoryExists(ctx.db, input.ppksCode))) {
    throw badRequest([{ field: 'ppksCode', code: 'ppks.unknown', message: { id: 'Kategori PPKS tidak dikenal', en: 'Unknown PPKS category' } }]);
  }
  const id = input.id ?? uuidv7();
  await ctx.db.query('SAVEPOINT ppks_insert');
  try {
    await store.insert(ctx.db, {
      id,
      regencyCode: p.regencyCode,
      personId,
      villageCode: p.villageCode,
      ppksCode: input.ppksCode,
      assessedOn: input.assessedOn,
      assessedBy: ctx.actor.userId,
      assessorLabel: ctx.actor.username,
      evidenceFileId: input.evidenceFileId ? await requireAttachedFile(ctx, input.evidenceFileId, p.villageCode, 'evidenceFileId') : null,
      evidenceNote: input.evidenceNote ?? null,
      now: ctx.clock.now(),
    });
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT ppks_insert');
    if ((err as { constraint?: string }).constraint === 'person_ppks_active') {
      throw new AppError(409, 'ppks_already_assigned', { id: 'Orang ini sudah tercatat dalam kategori PPKS tersebut', en: 'This person already holds that PPKS category' }, [
        { field: 'ppksCode', code: 'ppks.duplicate', message: { id: 'Kategori sudah tercatat', en: 'Category already recorded' } },
      ]);
    }
    throw err;
  }
  await shiftRollups(ctx.db, { regencyCode: p.regencyCode, ids: [id] }, 1, ['person_ppks']);
  const warnings = p.birthDate ? ppksAgeWarnings([input.ppksCode], ageOn(p.birthDate, input.assessedOn)) : [];
  const cat = findPpks(input.ppksCode);
  ctx.audit.record({
    action: 'person.ppks_assigned',
    entityType: 'person_ppks',
    entityId: id,
    personId,
    regencyCode: p.regencyCode,
    details: { ppksCode: input.ppksCode, sensitivity: cat?.sensitivity ?? null, warnings: warnings.map((w) => w.code) },
  });
  return { ...(await store.findOne(ctx.db, { regencyCode: p.regencyCode, id }))!, warnings };
}

/** Ends an assignment (kept as history). */
export async function endPpks(ctx: Ctx, personId: string, assignmentId: string, input: { endedOn: string; reason: string }) {
  const p = await loadInScope(ctx, personId, 'person.update');
  const row = await store.findOne(ctx.db, { regencyCode: p.regencyCode, id: assignmentId });
  if (!row || row.personId !== personId) throw notFound({ id: 'Kategori PPKS tidak ditemukan', en: 'PPKS assignment not found' });
  if (row.endedOn) {
    throw new AppError(409, 'ppks_already_ended', { id: 'Kategori ini sudah diakhiri', en: 'This assignment has already ended' });
  }
  if (input.endedOn < row.assessedOn) {
    throw badRequest([{ field: 'endedOn', code: 'ppks.end_before_start', message: { id: 'Tanggal berakhir sebelum tanggal asesmen', en: 'End date is before the assessment date' } }]);
  }
  await withRollups(ctx.db, { regencyCode: p.regencyCode, ids: [assignmentId] }, ['person_ppks'], () =>
    store.end(ctx.db, { regencyCode: p.regencyCode, id: assignmentId }, input.endedOn, input.reason),
  );
  ctx.audit.record({ action: 'person.ppks_ended', entityType: 'person_ppks', entityId: assignmentId, personId, regencyCode: p.regencyCode, details: { ppksCode: row.ppksCode } });
  return (await store.findOne(ctx.db, { regencyCode: p.regencyCode, id: assignmentId }))!;
}
