import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest } from '../../platform/errors';
import { loadIncident, requireOpen, requireRespondIn } from './disasters.access';
import { gpsErrors, type AssessmentCreate } from './assessments.gps';
import * as store from './assessments.store';
import { applyAssessment } from './rollup';

/**
 * Records a rapid needs assessment of one affected village. Every update is a new row
 * (history kept); the latest by assessment time is what the dashboard shows.
 */
export async function recordAssessment(ctx: Ctx, incidentId: string, input: AssessmentCreate) {
  const acc = await loadIncident(ctx, incidentId);
  if (input.id) {
    const existing = await store.find(ctx.db, input.id);
    if (existing && existing.incidentId === incidentId) return existing; // sent again from the device
    if (existing) throw new AppError(409, 'duplicate_id', { id: 'ID asesmen sudah dipakai', en: 'This assessment id is already used' }, [
      { field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } },
    ]);
  }
  requireRespondIn(acc, input.villageCode);
  requireOpen(acc);
  const now = ctx.clock.now();
  const assessedAt = input.assessedAt ?? now.toISOString();
  if (new Date(assessedAt).getTime() > now.getTime() + 5 * 60_000) {
    throw badRequest([{ field: 'assessedAt', code: 'assessment.future', message: { id: 'Waktu asesmen tidak boleh di masa depan', en: 'The assessment time cannot be in the future' } }]);
  }
  if (new Date(assessedAt) < new Date(acc.incident.startedAt)) {
    throw badRequest([{ field: 'assessedAt', code: 'assessment.before_start', message: { id: 'Waktu asesmen sebelum kejadian dimulai', en: 'The assessment is dated before the incident started' } }]);
  }
  const errors = gpsErrors(input);
  if (input.displaced > input.affected) errors.push({ field: 'displaced', code: 'assessment.displaced_gt_affected', message: { id: 'Jumlah mengungsi melebihi jumlah terdampak', en: 'More displaced than affected' } });
  if (errors.length) throw badRequest(errors);
  const id = input.id ?? uuidv7();
  await store.insert(ctx.db, {
    id,
    incidentId,
    villageCode: input.villageCode,
    assessedAt,
    figures: {
      affected: input.affected,
      displaced: input.displaced,
      injured: input.injured,
      dead: input.dead,
      missing: input.missing,
      housesRingan: input.housesRingan,
      housesSedang: input.housesSedang,
      housesBerat: input.housesBerat,
      elderly: input.elderly,
      children: input.children,
      disabled: input.disabled,
      pregnant: input.pregnant,
    },
    needs: input.needs,
    note: input.note ?? null,
    gps: input.lat !== undefined && input.lng !== undefined ? { lat: input.lat, lng: input.lng, accuracyM: input.accuracyM ?? null } : null,
    now,
    actorId: ctx.actor.userId,
    actorLabel: ctx.actor.username,
  });
  await applyAssessment(ctx.db, { id, incidentId, villageCode: input.villageCode, assessedAt });
  ctx.audit.record({ action: 'incident.assessed', entityType: 'incident_assessment', entityId: id, regencyCode: input.villageCode.slice(0, 5), details: { incidentId, villageCode: input.villageCode, gps: input.lat !== undefined } });
  return (await store.find(ctx.db, id))!;
}

export async function listAssessments(ctx: Ctx, incidentId: string, q: { villageCode?: string | undefined; history: boolean }) {
  await loadIncident(ctx, incidentId);
  return { items: await store.list(ctx.db, incidentId, { ...(q.villageCode ? { villageCode: q.villageCode } : {}), history: q.history }) };
}
