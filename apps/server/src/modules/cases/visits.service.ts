import type { VisitCreate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { forbidden } from '../../platform/access/actor';
import { can } from '@pilar/domain';
import type { Ctx } from '../../platform/access/unit-of-work';
import type { Queryable } from '../../platform/db/pool';
import { AppError, badRequest } from '../../platform/errors';
import { requireAttachedFile } from '../people/files';
import { loadInScope } from '../people/people.service';
import { scopePredicate } from '../people/people.store';
import { recordEvent } from './cases.service';
import * as cases from './cases.store';

const SELECT = `
  SELECT id, person_id AS "personId", case_id AS "caseId", kind, occurred_at AS "occurredAt", note, lat, lng, accuracy_m AS "accuracyM",
         file_ids AS "fileIds", author_label AS "authorLabel"
  FROM visit`;

async function list(db: Queryable, k: { regencyCode: string; personId: string; id?: string }, scopes: string[]) {
  const params: unknown[] = [k.regencyCode, k.personId, k.id ?? null];
  const { rows } = await db.query(
    `${SELECT} WHERE regency_code = $1 AND person_id = $2 AND ($3::uuid IS NULL OR id = $3::uuid) AND ${scopePredicate('village_code', scopes, params)}
     ORDER BY occurred_at DESC, id`,
    params,
  );
  return rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt).toISOString() }));
}

/** A home visit or a note, with photos/documents (uploaded first) and the phone's GPS fix. */
export async function recordVisit(ctx: Ctx, personId: string, input: VisitCreate) {
  const p = await loadInScope(ctx, personId, 'person.read');
  if (!can(ctx.actor, 'case.transition', { areaCode: p.villageCode })) throw forbidden('case.transition');
  if ((input.lat === undefined) !== (input.lng === undefined)) {
    throw badRequest([{ field: 'lng', code: 'visit.gps', message: { id: 'Isi lintang dan bujur bersama-sama', en: 'Give latitude and longitude together' } }]);
  }
  let caseRow: cases.CaseRow | null = null;
  if (input.caseId) {
    caseRow = await cases.find(ctx.db, input.caseId, ['ID']);
    if (!caseRow || caseRow.personId !== personId) {
      throw badRequest([{ field: 'caseId', code: 'visit.case', message: { id: 'Kasus tidak ditemukan untuk orang ini', en: 'Case not found for this person' } }]);
    }
  }
  const files: string[] = [];
  for (const [i, f] of (input.fileIds ?? []).entries()) files.push(await requireAttachedFile(ctx, f, p.villageCode, `fileIds.${i}`));
  const id = input.id ?? uuidv7();
  const now = ctx.clock.now();
  // The id may come from a phone that retries after a lost answer: the same visit again is
  // answered with the stored one (no second event or audit), another record's id is a 409.
  const inserted = await ctx.db.query(
    `INSERT INTO visit (regency_code, id, person_id, case_id, village_code, kind, occurred_at, note, lat, lng, accuracy_m, file_ids, created_at, created_by, author_label)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
     ON CONFLICT DO NOTHING RETURNING id`,
    [p.regencyCode, id, personId, input.caseId ?? null, p.villageCode, input.kind, input.occurredAt, input.note, input.lat ?? null, input.lng ?? null, input.accuracyM ?? null, files, now, ctx.actor.userId, ctx.actor.username],
  );
  if (!inserted.rowCount) {
    const [existing] = await list(ctx.db, { regencyCode: p.regencyCode, personId, id }, ['ID']);
    if (existing) return existing;
    throw new AppError(409, 'duplicate_id', { id: 'ID kunjungan sudah dipakai', en: 'This visit id is already used' }, [
      { field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } },
    ]);
  }
  if (caseRow) await recordEvent(ctx, caseRow, { kind: 'visit.recorded', details: { visitId: id, kind: input.kind } });
  ctx.audit.record({ action: 'person.visit_recorded', entityType: 'visit', entityId: id, personId, regencyCode: p.regencyCode, details: { kind: input.kind, files: files.length, gps: input.lat !== undefined } });
  return (await list(ctx.db, { regencyCode: p.regencyCode, personId, id }, ['ID']))[0]!;
}

export async function listVisits(ctx: Ctx, personId: string) {
  const p = await loadInScope(ctx, personId, 'person.read');
  return { items: await list(ctx.db, { regencyCode: p.regencyCode, personId }, [p.villageCode]) };
}
