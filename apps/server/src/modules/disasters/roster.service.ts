import type { RosterShiftCreate, VolunteerCreate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { forbidden } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { loadIncident, requireManage, requireOpen } from './disasters.access';
import * as logistics from './logistics.store';
import * as store from './roster.store';

/** Volunteer roster (issue 9 §5): volunteers, shifts at posts, check-in/out, the contact list. */
const presentShift = ({ volunteerUserId: _u, ...s }: store.ShiftRow) => s;

export async function addVolunteer(ctx: Ctx, incidentId: string, input: VolunteerCreate) {
  const acc = await loadIncident(ctx, incidentId);
  requireManage(acc);
  requireOpen(acc);
  if (input.id) {
    const existing = await store.findVolunteer(ctx.db, input.id);
    if (existing?.incidentId === incidentId) return (await listVolunteers(ctx, incidentId)).items.find((v) => v.id === input.id)!;
    if (existing) throw new AppError(409, 'duplicate_id', { id: 'ID relawan sudah dipakai', en: 'This volunteer id is already used' }, [{ field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } }]);
  }
  if (input.userId && !(await store.userExists(ctx.db, input.userId))) {
    throw badRequest([{ field: 'userId', code: 'user.unknown', message: { id: 'Pengguna tidak ditemukan atau tidak aktif', en: 'User not found or not active' } }]);
  }
  const id = input.id ?? uuidv7();
  await ctx.db.query('SAVEPOINT volunteer_insert');
  try {
    await store.insertVolunteer(ctx.db, {
      id, incidentId, kind: input.kind, name: input.name, phone: input.phone ?? null, organisation: input.organisation ?? null,
      userId: input.userId ?? null, now: ctx.clock.now(), actorId: ctx.actor.userId,
    });
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT volunteer_insert');
    if ((err as { constraint?: string }).constraint === 'incident_volunteer_user_unique') {
      throw new AppError(409, 'volunteer_exists', { id: 'Pengguna ini sudah terdaftar sebagai relawan kejadian ini', en: 'This user is already a volunteer of this incident' }, [
        { field: 'userId', code: 'volunteer.duplicate', message: { id: 'Sudah terdaftar', en: 'Already registered' } },
      ]);
    }
    throw err;
  }
  ctx.audit.record({ action: 'incident.volunteer_added', entityType: 'incident_volunteer', entityId: id, details: { incidentId, kind: input.kind, linkedUser: Boolean(input.userId) } });
  return (await listVolunteers(ctx, incidentId)).items.find((v) => v.id === id)!;
}

/** The incident's contact list; phone numbers only for its responders (rostered users and those who manage it). */
export async function listVolunteers(ctx: Ctx, incidentId: string) {
  const acc = await loadIncident(ctx, incidentId);
  const { rows, phonesVisible } = await store.listVolunteers(ctx.db, incidentId, { userId: ctx.actor.userId, asManager: acc.manages });
  if (phonesVisible && rows.some((r) => r.phone)) {
    ctx.audit.record({ action: 'incident.contacts_read', entityType: 'incident', entityId: incidentId, details: { volunteers: rows.length } });
  }
  return { items: rows, phonesVisible };
}

export async function addShift(ctx: Ctx, incidentId: string, input: RosterShiftCreate) {
  const acc = await loadIncident(ctx, incidentId);
  requireOpen(acc);
  const post = await logistics.findPost(ctx.db, input.postId);
  if (!post || post.incidentId !== incidentId) throw badRequest([{ field: 'postId', code: 'post.unknown', message: { id: 'Pos tidak ditemukan pada kejadian ini', en: 'Post not found for this incident' } }]);
  requireManage(acc, post.villageCode);
  const volunteer = await store.findVolunteer(ctx.db, input.volunteerId);
  if (!volunteer || volunteer.incidentId !== incidentId) {
    throw badRequest([{ field: 'volunteerId', code: 'volunteer.unknown', message: { id: 'Relawan tidak ditemukan pada kejadian ini', en: 'Volunteer not found for this incident' } }]);
  }
  if (new Date(input.endsAt) <= new Date(input.startsAt)) {
    throw badRequest([{ field: 'endsAt', code: 'shift.order', message: { id: 'Akhir giliran harus setelah awal', en: 'The shift must end after it starts' } }]);
  }
  if (input.id) {
    const existing = await store.findShift(ctx.db, input.id);
    if (existing?.incidentId === incidentId) return presentShift(existing);
    if (existing) throw new AppError(409, 'duplicate_id', { id: 'ID giliran sudah dipakai', en: 'This shift id is already used' }, [{ field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } }]);
  }
  const id = input.id ?? uuidv7();
  await store.insertShift(ctx.db, { id, incidentId, volunteerId: volunteer.id, postId: post.id, startsAt: input.startsAt, endsAt: input.endsAt, task: input.task ?? null, now: ctx.clock.now(), actorId: ctx.actor.userId });
  ctx.audit.record({ action: 'incident.shift_added', entityType: 'roster_shift', entityId: id, details: { incidentId, postId: post.id } });
  return presentShift((await store.findShift(ctx.db, id))!);
}

export async function listShifts(ctx: Ctx, incidentId: string, postId?: string) {
  await loadIncident(ctx, incidentId);
  return { items: (await store.listShifts(ctx.db, incidentId, postId)).map(presentShift) };
}

/** The volunteer checks in or out of their shift (or a manager does it for them). */
export async function checkShift(ctx: Ctx, incidentId: string, shiftId: string, step: 'in' | 'out', at?: string) {
  const acc = await loadIncident(ctx, incidentId);
  requireOpen(acc);
  const shift = await store.findShift(ctx.db, shiftId);
  if (!shift || shift.incidentId !== incidentId) throw notFound({ id: 'Giliran tidak ditemukan', en: 'Shift not found' });
  const self = shift.volunteerUserId !== null && shift.volunteerUserId === ctx.actor.userId;
  if (!self && !acc.manages) throw forbidden('incident.manage');
  const when = at ?? ctx.clock.now().toISOString();
  if (!(await store.check(ctx.db, shiftId, step, when))) {
    const msg =
      step === 'in'
        ? { id: 'Relawan sudah check-in pada giliran ini', en: 'Already checked in for this shift' }
        : { id: 'Check-out hanya setelah check-in, sekali, dan tidak sebelum waktu check-in', en: 'Check out only after checking in, once, and not before the check-in time' };
    throw new AppError(409, `shift_check_${step}`, msg, [{ field: 'at', code: `shift.check_${step}`, message: msg }]);
  }
  ctx.audit.record({ action: `incident.shift_check_${step}`, entityType: 'roster_shift', entityId: shiftId, details: { incidentId, self } });
  return presentShift((await store.findShift(ctx.db, shiftId))!);
}
