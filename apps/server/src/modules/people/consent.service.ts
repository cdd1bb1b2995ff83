import type { ConsentCreate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { ageOn } from '../cases/dates';
import * as store from './consent.store';
import { requireAttachedFile } from './files';
import { loadInScope } from './people.service';

/** Lawful bases recorded for a person (UU PDP Pasal 20), newest first. */
export async function listConsents(ctx: Ctx, personId: string) {
  const p = await loadInScope(ctx, personId, 'person.read');
  ctx.audit.record({ action: 'person.consents_read', entityType: 'person', entityId: personId, personId, regencyCode: p.regencyCode });
  return { items: await store.listForPerson(ctx.db, { regencyCode: p.regencyCode, personId }, scopeOf(ctx.actor, 'person.read')) };
}

/**
 * Records the legal basis of processing a person's data. When the basis is consent:
 * - UU PDP Pasal 25: a child's (under 18) data needs the consent of a parent or guardian;
 * - UU PDP Pasal 26: a person with disability consents themself and/or through a guardian,
 *   so a guardian may be recorded but is not required.
 */
export async function recordConsent(ctx: Ctx, personId: string, input: ConsentCreate): Promise<store.ConsentRow> {
  const p = await loadInScope(ctx, personId, 'person.update');
  const key = { regencyCode: p.regencyCode, personId };
  const child = p.birthDate !== null && ageOn(p.birthDate, input.givenOn) < 18;
  const disability = p.disabilityTypes.length > 0 || (await store.holdsDisabilityCategory(ctx.db, key));
  const guardianReason = child ? 'anak' : disability ? 'disabilitas' : null;
  if (input.basis === 'persetujuan' && child && !input.guardian) {
    throw badRequest([
      {
        field: 'guardian',
        code: 'consent.guardian_child',
        message: { id: 'Anak di bawah 18 tahun: persetujuan diberikan orang tua atau wali (UU PDP Pasal 25)', en: 'A child under 18: consent is given by a parent or guardian (UU PDP Article 25)' },
      },
    ]);
  }
  if (input.guardian && !guardianReason) {
    throw badRequest([{ field: 'guardian', code: 'consent.guardian_unneeded', message: { id: 'Wali hanya dicatat untuk anak atau penyandang disabilitas', en: 'A guardian is recorded only for a child or a person with disability' } }]);
  }
  const id = input.id ?? uuidv7();
  await store.insert(ctx.db, {
    regencyCode: p.regencyCode,
    id,
    personId,
    villageCode: p.villageCode,
    basis: input.basis,
    purpose: input.purpose,
    givenOn: input.givenOn,
    evidenceFileId: input.evidenceFileId ? await requireAttachedFile(ctx, input.evidenceFileId, p.villageCode, 'evidenceFileId') : null,
    guardianName: input.guardian?.name ?? null,
    guardianRelationship: input.guardian?.relationship ?? null,
    guardianReason: input.guardian ? guardianReason : null,
    now: ctx.clock.now(),
    actorId: ctx.actor.userId,
  });
  ctx.audit.record({ action: 'person.consent_recorded', entityType: 'person_consent', entityId: id, personId, regencyCode: p.regencyCode, purpose: input.purpose, details: { basis: input.basis, guardian: Boolean(input.guardian) } });
  return (await store.findOne(ctx.db, { regencyCode: p.regencyCode, id }))!;
}

/** Consent withdrawal (UU PDP Pasal 9): dated, kept as history. */
export async function withdrawConsent(ctx: Ctx, personId: string, consentId: string, input: { withdrawnOn: string; note?: string }) {
  const p = await loadInScope(ctx, personId, 'person.update');
  const row = await store.findOne(ctx.db, { regencyCode: p.regencyCode, id: consentId });
  if (!row || row.personId !== personId) throw notFound({ id: 'Catatan persetujuan tidak ditemukan', en: 'Consent record not found' });
  if (input.withdrawnOn < row.givenOn) {
    throw badRequest([{ field: 'withdrawnOn', code: 'consent.withdraw_before_given', message: { id: 'Tanggal penarikan sebelum tanggal persetujuan', en: 'Withdrawal date is before the consent date' } }]);
  }
  if (!(await store.withdraw(ctx.db, { regencyCode: p.regencyCode, id: consentId }, input.withdrawnOn, input.note ?? null))) {
    throw new AppError(409, 'consent_already_withdrawn', { id: 'Persetujuan ini sudah ditarik', en: 'This consent was already withdrawn' });
  }
  ctx.audit.record({ action: 'person.consent_withdrawn', entityType: 'person_consent', entityId: consentId, personId, regencyCode: p.regencyCode });
  return (await store.findOne(ctx.db, { regencyCode: p.regencyCode, id: consentId }))!;
}
