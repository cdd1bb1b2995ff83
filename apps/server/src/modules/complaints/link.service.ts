import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { requireProgramme, resolveRecipient } from '../programmes/recipients';
import { getComplaint } from './complaints.service';
import * as store from './complaints.store';

export interface ComplaintLink {
  version: number;
  personId?: string | null | undefined;
  programmeCode?: string | null | undefined;
}

/**
 * Links a complaint to the person and programme it turned out to be about (issue 8 §5),
 * by whoever handles complaints there. The person must be readable by the handler and
 * live in the complaint's regency; the programme must be usable in its village.
 */
export async function linkComplaint(ctx: Ctx, id: string, body: ComplaintLink) {
  requireAccess(ctx.actor, 'complaint.read');
  const c = await store.find(ctx.db, id, scopeOf(ctx.actor, 'complaint.read'));
  if (!c) throw notFound({ id: 'Pengaduan tidak ditemukan', en: 'Complaint not found' });
  requireAccess(ctx.actor, 'complaint.handle', { areaCode: c.villageCode });
  const personId = body.personId === undefined ? c.personId : body.personId;
  const programmeCode = body.programmeCode === undefined ? c.programmeCode : body.programmeCode;
  if (personId && personId !== c.personId) {
    const r = await resolveRecipient(ctx, { personId });
    if (r.regencyCode !== c.regencyCode) {
      throw badRequest([
        {
          field: 'personId',
          code: 'complaint.person_area',
          message: { id: 'Warga ini tinggal di kabupaten/kota lain', en: 'This person lives in another regency' },
        },
      ]);
    }
  }
  if (programmeCode && programmeCode !== c.programmeCode) await requireProgramme(ctx, programmeCode, c.villageCode);
  const ok = await store.link(
    ctx.db,
    { regencyCode: c.regencyCode, id, version: body.version },
    { personId, programmeCode, at: ctx.clock.now(), by: ctx.actor.userId },
  );
  if (!ok) {
    throw new AppError(
      409,
      'version_conflict',
      {
        id: `Pengaduan sudah diubah (versi ${c.version}); muat ulang`,
        en: `The complaint changed (version ${c.version}); reload`,
      },
      [{ field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } }],
    );
  }
  ctx.audit.record({
    action: 'complaint.linked',
    entityType: 'complaint',
    entityId: id,
    personId,
    regencyCode: c.regencyCode,
    details: { person: Boolean(personId), programme: programmeCode },
  });
  return getComplaint(ctx, id);
}
