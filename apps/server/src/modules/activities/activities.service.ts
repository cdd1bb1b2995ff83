import { can, isWithin, type Permission } from '@pilar/domain';
import type { ActivityCreate, ActivityListQuery, ActivityUpdate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { forbidden, requireAccess, scopeOf, unauthenticated } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound, type FieldError } from '../../platform/errors';
import { requireVillage } from '../areas/areas.service';
import * as store from './activities.store';
import type { ActivityRow } from './activities.store';

/**
 * The PSM activity log (issue 7 §1). A PSM records their own work by hand (photo, GPS
 * place, offline through sync); entries from case work are made by the database
 * (migration 0040) in the transaction of that work. Dinsos and IPSM read the logs of
 * their area (activity.read); a PSM sees their own.
 */
export const activityNotFound = () => notFound({ id: 'Kegiatan tidak ditemukan', en: 'Activity not found' });

export function visibilityOf(ctx: Ctx): store.Visibility {
  return { userId: ctx.actor.userId, readScopes: scopeOf(ctx.actor, 'activity.read') };
}

function actionsFor(ctx: Ctx, a: ActivityRow): string[] {
  const own = a.userId === ctx.actor.userId && can(ctx.actor, 'activity.record', { areaCode: a.villageCode });
  return own && a.source === 'manual' && a.status === 'active' ? ['update', 'delete'] : [];
}

export const present = (ctx: Ctx, a: ActivityRow) => {
  const { regencyCode: _r, ...rest } = a;
  return { ...rest, actions: actionsFor(ctx, a) };
};

/** The village a PSM works in: the given one inside their scope, or their only village grant. */
export async function villageFor(ctx: Ctx, given: string | undefined): Promise<string> {
  const scopes = scopeOf(ctx.actor, 'activity.record');
  if (given) {
    const v = await requireVillage(ctx.db, given, 'villageCode');
    if (!scopes.some((s) => isWithin(v.code, s))) {
      throw new AppError(403, 'outside_scope', { id: 'villageCode: wilayah di luar kewenangan Anda', en: 'villageCode: the area is outside your scope' }, [
        { field: 'villageCode', code: 'outside_scope', message: { id: 'Wilayah di luar kewenangan Anda', en: 'The area is outside your scope' } },
      ]);
    }
    return v.code;
  }
  const villages = scopes.filter((s) => s.split('.').length === 4);
  if (villages.length !== 1) {
    throw badRequest([{ field: 'villageCode', code: 'activity.village_required', message: { id: 'Pilih desa/kelurahan kegiatan', en: 'Choose the village of the activity' } }]);
  }
  return villages[0]!;
}

function checkShape(input: { duty?: string | undefined; programmeCode?: string | null | undefined; lat?: number | null | undefined; lng?: number | null | undefined }, current?: ActivityRow): FieldError[] {
  const errors: FieldError[] = [];
  const duty = input.duty ?? current?.duty;
  const programme = input.programmeCode !== undefined ? input.programmeCode : current?.programmeCode;
  if (duty === 'program' && !programme) {
    errors.push({ field: 'programmeCode', code: 'activity.programme_required', message: { id: 'Pilih program yang didampingi', en: 'Choose the programme accompanied' } });
  }
  if (duty !== 'program' && programme) {
    errors.push({ field: 'programmeCode', code: 'activity.programme_only', message: { id: 'Program hanya untuk kegiatan pendampingan program', en: 'A programme is only for programme accompaniment' } });
  }
  if ((input.lat === undefined) !== (input.lng === undefined) || (input.lat === null) !== (input.lng === null)) {
    errors.push({ field: 'lng', code: 'activity.gps', message: { id: 'Isi lintang dan bujur bersama-sama', en: 'Give latitude and longitude together' } });
  }
  return errors;
}

async function requirePhoto(ctx: Ctx, fileId: string, villageCode: string): Promise<string> {
  const { rows } = await ctx.db.query(`SELECT area_code, purpose FROM stored_file WHERE id = $1`, [fileId]);
  if (!rows[0] || rows[0].purpose !== 'activity.photo' || !isWithin(villageCode, rows[0].area_code)) {
    throw badRequest([{ field: 'photoFileId', code: 'file.unknown', message: { id: 'Foto tidak ditemukan; unggah ulang', en: 'Photo not found; upload it again' } }]);
  }
  return fileId;
}

/** A PSM records an activity by hand. Sending the same id again returns it unchanged (offline retries). */
export async function createActivity(ctx: Ctx, input: ActivityCreate) {
  requireAccess(ctx.actor, 'activity.record');
  if (!ctx.actor.userId) throw unauthenticated();
  if (input.id) {
    const existing = await store.find(ctx.db, input.id, { userId: ctx.actor.userId, readScopes: [] });
    if (existing) return present(ctx, existing);
  }
  const errors = checkShape(input);
  if (input.programmeCode && !(await store.programmeExists(ctx.db, input.programmeCode))) {
    errors.push({ field: 'programmeCode', code: 'programme.unknown', message: { id: 'Program tidak dikenal', en: 'Unknown programme' } });
  }
  if (errors.length) throw badRequest(errors);
  if (new Date(input.occurredAt).getTime() > ctx.clock.now().getTime() + 5 * 60_000) {
    throw badRequest([{ field: 'occurredAt', code: 'activity.future', message: { id: 'Waktu kegiatan tidak boleh di masa depan', en: 'The activity cannot be in the future' } }]);
  }
  const villageCode = await villageFor(ctx, input.villageCode);
  const id = input.id ?? uuidv7();
  await ctx.db.query('SAVEPOINT activity_insert');
  try {
    await store.insert(
      ctx.db,
      {
        regencyCode: villageCode.slice(0, 5), id, userId: ctx.actor.userId, villageCode, duty: input.duty, programmeCode: input.programmeCode ?? null,
        title: input.title, note: input.note ?? null, occurredAt: input.occurredAt, lat: input.lat ?? null, lng: input.lng ?? null,
        accuracyM: input.accuracyM ?? null, photoFileId: input.photoFileId ? await requirePhoto(ctx, input.photoFileId, villageCode) : null,
      },
      ctx.clock.now(),
    );
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT activity_insert');
    if ((err as { code?: string }).code === '23505') {
      throw new AppError(409, 'duplicate_id', { id: 'ID kegiatan sudah dipakai', en: 'This activity id is already used' }, [
        { field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } },
      ]);
    }
    throw err;
  }
  ctx.audit.record({ action: 'activity.recorded', entityType: 'activity', entityId: id, regencyCode: villageCode.slice(0, 5), details: { duty: input.duty, photo: Boolean(input.photoFileId), gps: input.lat !== undefined } });
  return present(ctx, (await store.find(ctx.db, id, { userId: ctx.actor.userId, readScopes: [] }))!);
}

export async function getActivity(ctx: Ctx, id: string) {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
  const a = await store.find(ctx.db, id, visibilityOf(ctx));
  if (!a) throw activityNotFound();
  return present(ctx, a);
}

/** A PSM's own log, or (activity.read) every PSM's in an area. */
export async function listActivities(ctx: Ctx, q: ActivityListQuery) {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
  const readScopes = scopeOf(ctx.actor, 'activity.read');
  if (!readScopes.length && !can(ctx.actor, 'activity.record')) throw forbidden('activity.read');
  const user = q.user === 'me' || (q.user === undefined && !readScopes.length) ? (ctx.actor.userId ?? undefined) : q.user;
  const from = q.month ? `${q.month}-01` : undefined;
  const to = q.month ? nextMonth(q.month) : undefined;
  const { rows, total } = await store.list(ctx.db, visibilityOf(ctx), {
    ...(user ? { userId: user } : {}),
    ...(q.area ? { area: q.area } : {}),
    ...(from ? { fromDate: from, toDate: to! } : {}),
    ...(q.duty ? { duty: q.duty } : {}),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map((r) => present(ctx, r)), page: q.page, pageSize: q.pageSize, total };
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

async function loadOwn(ctx: Ctx, id: string): Promise<ActivityRow> {
  requireAccess(ctx.actor, 'activity.record');
  const a = await store.find(ctx.db, id, { userId: ctx.actor.userId, readScopes: [] });
  if (!a || a.userId !== ctx.actor.userId || a.status !== 'active') throw activityNotFound();
  if (a.source !== 'manual') {
    const msg = { id: 'Kegiatan dari kerja kasus tidak diubah di sini; ajukan keberatan pada laporan bulanan', en: 'Entries from case work are not edited here; dispute them in the monthly report' };
    throw new AppError(409, 'activity_derived', msg, [{ field: 'id', code: 'activity.derived', message: msg }]);
  }
  return a;
}

const stale = (version: number) =>
  new AppError(409, 'version_conflict', { id: `Kegiatan sudah diubah (versi ${version}); muat ulang`, en: `The activity changed (version ${version}); reload` }, [
    { field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } },
  ]);

export async function updateActivity(ctx: Ctx, id: string, patch: ActivityUpdate) {
  const a = await loadOwn(ctx, id);
  const errors = checkShape(patch, a);
  if (patch.programmeCode && !(await store.programmeExists(ctx.db, patch.programmeCode))) {
    errors.push({ field: 'programmeCode', code: 'programme.unknown', message: { id: 'Program tidak dikenal', en: 'Unknown programme' } });
  }
  if (errors.length) throw badRequest(errors);
  const { version, ...fields } = patch;
  if (fields.photoFileId) await requirePhoto(ctx, fields.photoFileId, a.villageCode);
  if (!(await store.update(ctx.db, { regencyCode: a.regencyCode, id, version }, fields, ctx.actor.userId, ctx.clock.now()))) throw stale(a.version);
  ctx.audit.record({ action: 'activity.updated', entityType: 'activity', entityId: id, regencyCode: a.regencyCode, details: { fields: Object.keys(fields).sort() } });
  return present(ctx, (await store.find(ctx.db, id, visibilityOf(ctx)))!);
}

export async function deleteActivity(ctx: Ctx, id: string, version: number) {
  const a = await loadOwn(ctx, id);
  if (!(await store.update(ctx.db, { regencyCode: a.regencyCode, id, version }, { status: 'deleted' }, ctx.actor.userId, ctx.clock.now()))) throw stale(a.version);
  ctx.audit.record({ action: 'activity.deleted', entityType: 'activity', entityId: id, regencyCode: a.regencyCode });
  return present(ctx, (await store.find(ctx.db, id, visibilityOf(ctx)))!);
}

/**
 * A photo of an activity, uploaded before the entry that points at it. Readable with
 * member.read in the village: the PSM, their IPSM board and Dinsos (PSM work records).
 */
export async function uploadActivityPhoto(ctx: Ctx, villageCode: string | undefined, bytes: Buffer) {
  requireAccess(ctx.actor, 'activity.record');
  const village = await villageFor(ctx, villageCode);
  const readPermission: Permission = 'member.read';
  const stored = await ctx.files.save(ctx, { bytes, areaCode: village, readPermission, purpose: 'activity.photo', allowed: ['image/jpeg', 'image/png', 'image/webp'] });
  ctx.audit.record({ action: 'activity.photo_uploaded', entityType: 'stored_file', entityId: stored.id, regencyCode: village.slice(0, 5), details: { contentType: stored.contentType } });
  return stored;
}

/** The caller's own active entries of a month (local dates): what their monthly report is made of. */
export async function ownEntriesOfMonth(ctx: Ctx, month: string): Promise<ActivityRow[]> {
  requireAccess(ctx.actor, 'activity.record');
  if (!ctx.actor.userId) throw unauthenticated();
  return store.forUserBetween(ctx.db, ctx.actor.userId, `${month}-01`, nextMonth(month));
}
