import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import type { IdentifierProtector } from '../../platform/security/identifiers';
import { headExists, judgeExisting, kkElsewhere, kkOtherRegency, registeredElsewhere } from './persons.decide';
import * as store from './persons.store';
import type { PersonCandidate, RowCheck } from './persons.validate';
import type { ImportRowResult } from './rows';
import { timed } from './timing';

/**
 * The bulk path of the persons import: one batch of checked rows judged against the
 * database with four set-based lookups, then written with COPY + INSERT … SELECT,
 * the PPKS rollups shifted once per regency, and one audit event per regency per
 * batch listing the person ids (UU PDP: every change audited; one event per row would
 * double the cost of a million-row import and say nothing more). Runs inside the
 * caller's transaction: the batch and its outcomes commit together or not at all.
 */
export async function bulkPersonBatch(
  ctx: Ctx,
  importId: string,
  checks: RowCheck[],
  opts: { audit: boolean },
): Promise<ImportRowResult[]> {
  requireAccess(ctx.actor, 'person.create');
  const candidates = checks.flatMap((c) => (c.ok ? [c.candidate] : []));
  const readScopes = scopeOf(ctx.actor, 'person.read');
  const nikHashes = candidates.map((c) => c.nikHash);
  const kkHashes = [...new Map(candidates.filter((c) => c.kkHash).map((c) => [c.kkHash!.toString('hex'), c.kkHash!])).values()];
  const { existing, elsewhere, households, kkElsewhereSet } = await timed('dedup lookups (NIK, KK)', async () => {
    const existing = await store.existingPersons(ctx.db, nikHashes, readScopes);
    const elsewhere = await store.registeredNikHashes(
      ctx.db,
      nikHashes.filter((h) => !existing.has(h.toString('hex'))),
    );
    const households = await store.existingHouseholds(ctx.db, kkHashes, scopeOf(ctx.actor, 'person.update'));
    const kkElsewhereSet = await store.registeredKkHashes(
      ctx.db,
      kkHashes.filter((h) => !households.has(h.toString('hex'))),
    );
    return { existing, elsewhere, households, kkElsewhereSet };
  });

  const results: ImportRowResult[] = [];
  const pending: [PersonCandidate, string, Exclude<Placement, ImportRowResult> | null][] = [];
  const created = new Map<string, store.ExistingHousehold & { isNew: boolean }>();
  for (const check of checks) {
    if (!check.ok) {
      results.push({ ...check.rejection, status: 'rejected', entityId: null });
      continue;
    }
    const c = check.candidate;
    const key = c.nikHash.toString('hex');
    const found = existing.get(key);
    if (found) results.push(judgeExisting(c, found));
    else if (elsewhere.has(key)) results.push(registeredElsewhere(c));
    else {
      const household = c.kkHash ? placeInHousehold(c, households, created, kkElsewhereSet) : null;
      if (household && 'status' in household) results.push(household);
      else {
        const id = uuidv7();
        pending.push([c, id, household]);
        results.push({ row: c.row, status: 'accepted', entityId: id, nikMasked: c.nikMasked, reasons: [], warnings: c.warnings });
      }
    }
  }

  const writes = await timed('encrypt NIK/KK', () => pending.map(([c, id, h]) => toWrite(ctx.ids, c, id, h)));
  await store.writePersons(ctx.db, writes, { userId: ctx.actor.userId, label: ctx.actor.username, now: ctx.clock.now() });
  if (writes.length) await timed('rollups', () => store.addPpksRollup(ctx.db));
  const byRegency = new Map<string, store.PersonWriteRow[]>();
  for (const w of writes) {
    const list = byRegency.get(w.regencyCode);
    if (list) list.push(w);
    else byRegency.set(w.regencyCode, [w]);
  }
  if (opts.audit) {
    for (const [regencyCode, mine] of byRegency) {
      ctx.audit.record({
        action: 'person.imported',
        entityType: 'import',
        entityId: importId,
        regencyCode,
        details: {
          personIds: mine.map((w) => w.id),
          rows: [mine[0]!.row, mine.at(-1)!.row],
          householdsCreated: mine.filter((w) => w.household?.isNew).length,
          householdMembers: mine.filter((w) => w.household).length,
          ppksAssigned: mine.reduce((n, w) => n + w.ppks.length, 0),
        },
      });
    }
  }
  return results;
}

type Placement = { id: string; isNew: boolean; villageCode: string; relationship: string } | ImportRowResult;

/** The household a row joins (found by No. KK, or new), with the rules of addMember. */
function placeInHousehold(
  c: PersonCandidate,
  existing: Map<string, store.ExistingHousehold>,
  created: Map<string, store.ExistingHousehold & { isNew: boolean }>,
  elsewhere: Set<string>,
): Placement {
  const key = c.kkHash!.toString('hex');
  const inBatch = created.get(key);
  let h = inBatch ?? (existing.has(key) ? { ...existing.get(key)!, isNew: false } : undefined);
  if (!h) {
    if (elsewhere.has(key)) return kkElsewhere(c);
    h = { id: uuidv7(), regencyCode: c.regencyCode, villageCode: c.villageCode, hasHead: false, isNew: true };
  } else if (h.regencyCode !== c.regencyCode) return kkOtherRegency(c);
  if (c.relationship === 'kepala_keluarga' && h.hasHead) return headExists(c);
  created.set(key, { ...h, hasHead: h.hasHead || c.relationship === 'kepala_keluarga' });
  // Only the row that founds a new household writes it.
  return { id: h.id, isNew: h.isNew && !inBatch, villageCode: h.villageCode, relationship: c.relationship! };
}

function toWrite(
  ids: IdentifierProtector,
  c: PersonCandidate,
  id: string,
  h: Exclude<Placement, ImportRowResult> | null,
): store.PersonWriteRow {
  return {
    row: c.row,
    id,
    regencyCode: c.regencyCode,
    villageCode: c.villageCode,
    rw: c.rw,
    rt: c.rt,
    fullName: c.fullName,
    sex: c.sex,
    birthDate: c.birthDate,
    birthPlace: c.birthPlace,
    nikHash: c.nikHash,
    nikEnc: c.nikEnc ?? ids.encrypt('nik', c.nik),
    nikMasked: c.nikMasked,
    address: c.address,
    phone: c.phone,
    household: h
      ? {
          id: h.id,
          isNew: h.isNew,
          villageCode: h.villageCode,
          kkHash: c.kkHash!,
          kkEnc: h.isNew ? (c.kkEnc ?? ids.encrypt('kk', c.kk!)) : null,
          kkMasked: c.kkMasked!,
          kkId: uuidv7(),
          relationship: h.relationship,
          memberId: uuidv7(),
        }
      : null,
    ppks: c.ppks.map((code) => ({ code, id: uuidv7() })),
    assessedOn: c.assessedOn,
  };
}
