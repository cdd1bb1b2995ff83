import { isWithin } from '@pilar/domain';
import type { Ctx } from '../../platform/access/unit-of-work';
import { badRequest } from '../../platform/errors';
import { getHousehold } from '../people/households.service';
import { loadInScope } from '../people/people.service';
import * as store from './programmes.store';

export interface Recipient {
  personId: string | null;
  householdId: string | null;
  villageCode: string;
  regencyCode: string;
}

/**
 * The person or household a membership, usulan or complaint is about, read through the
 * people module (its scope rules; 404 outside scope). Exactly one must be given.
 */
export async function resolveRecipient(ctx: Ctx, t: { personId?: string | undefined; householdId?: string | undefined }): Promise<Recipient> {
  if ((t.personId === undefined) === (t.householdId === undefined)) {
    throw badRequest([{ field: 'personId', code: 'recipient.one', message: { id: 'Isi personId atau householdId (salah satu)', en: 'Give either personId or householdId' } }]);
  }
  if (t.personId) {
    const p = await loadInScope(ctx, t.personId, 'person.read');
    return { personId: p.id, householdId: null, villageCode: p.villageCode, regencyCode: p.regencyCode };
  }
  const h = await getHousehold(ctx, t.householdId!);
  return { personId: null, householdId: h.id, villageCode: h.villageCode, regencyCode: h.regencyCode };
}

/** An active programme usable in `villageCode`: national, or local to an area containing it. */
export async function requireProgramme(ctx: Ctx, code: string, villageCode: string, field = 'programmeCode'): Promise<store.ProgrammeRow> {
  const p = await store.findProgramme(ctx.db, code);
  if (!p || !p.active || (p.ownerAreaCode !== null && !isWithin(villageCode, p.ownerAreaCode))) {
    throw badRequest([{ field, code: 'programme.unknown', message: { id: 'Program tidak dikenal di wilayah ini', en: 'Unknown programme for this area' } }]);
  }
  return p;
}
