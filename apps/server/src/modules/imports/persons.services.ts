import { scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AuditLog } from '../../platform/audit/audit';
import { AppError } from '../../platform/errors';
import { createPerson } from '../people/people.service';
import { addMember, createHousehold } from '../people/households.service';
import { assignPpks } from '../people/ppks.service';
import { judgeExisting, registeredElsewhere } from './persons.decide';
import * as store from './persons.store';
import type { PersonCandidate, RowCheck } from './persons.validate';
import type { ImportRowResult } from './rows';

/**
 * The service path of the persons import: every row through the people module's own
 * services (createPerson, createHousehold / addMember, assignPpks), one savepoint per
 * row so a row is written whole or not at all. Exact and slow (≈ a dozen statements
 * per row); the bulk path must give the same outcome and is tested against this one.
 */
export async function servicePersonBatch(ctx: Ctx, checks: RowCheck[]): Promise<ImportRowResult[]> {
  const candidates = checks.flatMap((c) => (c.ok ? [c.candidate] : []));
  const existing = await store.existingPersons(
    ctx.db,
    candidates.map((c) => c.nikHash),
    scopeOf(ctx.actor, 'person.read'),
  );
  const elsewhere = await store.registeredNikHashes(
    ctx.db,
    candidates.map((c) => c.nikHash).filter((h) => !existing.has(h.toString('hex'))),
  );
  const results: ImportRowResult[] = [];
  for (const check of checks) {
    if (!check.ok) {
      results.push({ ...check.rejection, status: 'rejected', entityId: null });
      continue;
    }
    const c = check.candidate;
    const found = existing.get(c.nikHash.toString('hex'));
    if (found) results.push(judgeExisting(c, found));
    else if (elsewhere.has(c.nikHash.toString('hex'))) results.push(registeredElsewhere(c));
    else results.push(await oneRow(ctx, c));
  }
  return results;
}

async function oneRow(ctx: Ctx, c: PersonCandidate): Promise<ImportRowResult> {
  // Audit events of a row that is rolled back must vanish with it: each row gets its own log.
  const audit = new AuditLog(ctx.audit.actor, ctx.audit.requestId, () => ctx.clock.now());
  const rowCtx: Ctx = { ...ctx, audit };
  await ctx.db.query('SAVEPOINT import_row');
  try {
    const person = await createPerson(rowCtx, {
      villageCode: c.villageCode,
      fullName: c.fullName,
      nik: c.nik,
      ...(c.sex ? { sex: c.sex } : {}),
      ...(c.birthDate ? { birthDate: c.birthDate } : {}),
      ...(c.birthPlace ? { birthPlace: c.birthPlace } : {}),
      ...(c.address ? { address: c.address } : {}),
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.rt ? { rt: c.rt } : {}),
      ...(c.rw ? { rw: c.rw } : {}),
    });
    if (c.kk) {
      const known = await store.existingHouseholds(ctx.db, [c.kkHash!], scopeOf(ctx.actor, 'person.update'));
      const householdId =
        known.get(c.kkHash!.toString('hex'))?.id ??
        (
          await createHousehold(rowCtx, {
            villageCode: c.villageCode,
            kk: c.kk,
            ...(c.rt ? { rt: c.rt } : {}),
            ...(c.rw ? { rw: c.rw } : {}),
            ...(c.address ? { address: c.address } : {}),
          })
        ).id;
      await addMember(rowCtx, householdId, { personId: person.id, relationship: c.relationship! });
    }
    for (const ppksCode of c.ppks) await assignPpks(rowCtx, person.id, { ppksCode, assessedOn: c.assessedOn });
    await audit.flush(ctx.db);
    await ctx.db.query('RELEASE SAVEPOINT import_row');
    return { row: c.row, status: 'accepted', entityId: person.id, nikMasked: c.nikMasked, reasons: [], warnings: c.warnings };
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT import_row');
    if (!(err instanceof AppError)) throw err;
    const reasons = err.errors.length ? err.errors : [{ field: 'row', code: err.code, message: err.msg }];
    return { row: c.row, status: 'rejected', entityId: null, nikMasked: c.nikMasked, reasons, warnings: c.warnings };
  }
}
