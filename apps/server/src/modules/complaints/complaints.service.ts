import { createHash, randomBytes } from 'node:crypto';
import { can, type Permission } from '@pilar/domain';
import { formatTrackingCode, planComplaintStage, stageDueAt, type ComplaintCreate, type ComplaintStage, type ComplaintStageBody } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { requireVillage } from '../areas/areas.service';
import { loadInScope } from '../people/people.service';
import { requireProgramme } from '../programmes/recipients';
import * as store from './complaints.store';

/** A new tracking code and the hash stored for it (the code itself is shown once, to the filer). */
export function newTrackingCode(): { code: string; hash: Buffer } {
  const code = formatTrackingCode(randomBytes(20));
  return { code, hash: trackingHash(code) };
}
export const trackingHash = (code: string) => createHash('sha256').update(`complaint:${code}`).digest();

const ACTIONS: Permission[] = ['complaint.handle'];

/** Staff view; the filer's name and contact only for those who handle complaints there. */
function present(ctx: Ctx, c: store.ComplaintRow) {
  const handles = can(ctx.actor, 'complaint.handle', { areaCode: c.villageCode });
  const now = ctx.clock.now().getTime();
  return {
    ...c,
    filerName: handles ? c.filerName : null,
    filerContact: handles ? c.filerContact : null,
    overdue: c.stageDueAt !== null && new Date(c.stageDueAt).getTime() < now,
    actions: ACTIONS.filter((p) => can(ctx.actor, p, { areaCode: c.villageCode })),
  };
}

export interface NewComplaint {
  id: string;
  channel: 'publik' | 'psm' | 'dinsos';
  villageCode: string;
  personId: string | null;
  programmeCode: string | null;
  input: Omit<ComplaintCreate, 'id' | 'personId' | 'villageCode' | 'programmeCode'>;
  formNonce: string | null;
}

/** Writes a complaint at stage "diterima" with its first history entry; returns the tracking code. */
export async function insertComplaint(ctx: Ctx, n: NewComplaint): Promise<string> {
  const { code, hash } = newTrackingCode();
  const now = ctx.clock.now();
  const regencyCode = n.villageCode.slice(0, 5);
  await store.insert(ctx.db, {
    id: n.id, regencyCode, villageCode: n.villageCode, channel: n.channel, category: n.input.category, personId: n.personId, programmeCode: n.programmeCode,
    description: n.input.description, subjectName: n.input.subjectName ?? null, filerName: n.input.filerName ?? null, filerContact: n.input.filerContact ?? null,
    trackingHash: hash, formNonce: n.formNonce, stageDueAt: stageDueAt('diterima', now), at: now, by: ctx.actor.userId,
  });
  await store.insertEvent(ctx.db, { regencyCode, id: uuidv7(), complaintId: n.id, villageCode: n.villageCode, from: null, to: 'diterima', publicNote: 'Pengaduan diterima', internalNote: null, at: now, actorId: ctx.actor.userId, actorLabel: ctx.actor.username });
  ctx.audit.record({ action: 'complaint.filed', entityType: 'complaint', entityId: n.id, personId: n.personId, regencyCode, details: { channel: n.channel, category: n.input.category } });
  return code;
}

/** A complaint taken by a PSM or Dinsos staff, linked to the person and programme where known. */
export async function fileComplaint(ctx: Ctx, input: ComplaintCreate) {
  requireAccess(ctx.actor, 'complaint.file');
  const village = await requireVillage(ctx.db, input.villageCode, 'villageCode');
  requireAccess(ctx.actor, 'complaint.file', { areaCode: village.code });
  if (input.personId) {
    const p = await loadInScope(ctx, input.personId, 'person.read');
    if (p.villageCode !== village.code) {
      throw badRequest([{ field: 'personId', code: 'complaint.person_village', message: { id: 'Orang ini tinggal di desa/kelurahan lain', en: 'This person lives in another village' } }]);
    }
  }
  if (input.programmeCode) await requireProgramme(ctx, input.programmeCode, village.code);
  const id = input.id ?? uuidv7();
  const channel = ctx.actor.grants.some((g) => g.role === 'psm') ? 'psm' : 'dinsos';
  const { id: _id, personId, villageCode: _v, programmeCode, ...rest } = input;
  await ctx.db.query('SAVEPOINT complaint_insert');
  let trackingCode: string;
  try {
    trackingCode = await insertComplaint(ctx, { id, channel, villageCode: village.code, personId: personId ?? null, programmeCode: programmeCode ?? null, input: rest, formNonce: null });
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT complaint_insert');
    if ((err as { code?: string }).code === '23505') throw new AppError(409, 'duplicate_id', { id: 'ID data sudah dipakai', en: 'This id is already used' }, [{ field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } }]);
    throw err;
  }
  return { ...(await view(ctx, (await store.find(ctx.db, id, ['ID']))!)), trackingCode };
}

async function view(ctx: Ctx, c: store.ComplaintRow) {
  return { ...present(ctx, c), history: await store.history(ctx.db, c, false) };
}

async function load(ctx: Ctx, id: string, permission: Permission) {
  requireAccess(ctx.actor, permission);
  const c = await store.find(ctx.db, id, scopeOf(ctx.actor, permission));
  if (!c) throw notFound({ id: 'Pengaduan tidak ditemukan', en: 'Complaint not found' });
  return c;
}

export async function getComplaint(ctx: Ctx, id: string) {
  const c = await load(ctx, id, 'complaint.read');
  ctx.audit.record({ action: 'complaint.read', entityType: 'complaint', entityId: id, personId: c.personId, regencyCode: c.regencyCode });
  return view(ctx, c);
}

export async function listComplaints(ctx: Ctx, f: { area?: string; stage?: string; category?: string; page: number; pageSize: number }) {
  requireAccess(ctx.actor, 'complaint.read');
  const { page, pageSize, ...filters } = f;
  const { rows, total } = await store.list(ctx.db, scopeOf(ctx.actor, 'complaint.read'), { ...filters, limit: pageSize, offset: (page - 1) * pageSize });
  if (rows.length) ctx.audit.record({ action: 'complaint.listed', entityType: 'complaint', details: { ids: rows.map((r) => r.id), page } });
  return { items: rows.map((r) => present(ctx, r)), page, pageSize, total };
}

/** Moves a complaint to its next stage; the outcome is recorded on "selesai" and shown to the filer. */
export async function moveStage(ctx: Ctx, id: string, body: ComplaintStageBody) {
  const c = await load(ctx, id, 'complaint.read');
  requireAccess(ctx.actor, 'complaint.handle', { areaCode: c.villageCode });
  const errors = planComplaintStage(c.stage, body.stage, { outcome: body.outcome ?? null, outcomeNote: body.outcomeNote ?? null });
  if (errors.length) {
    if (errors[0]!.code === 'complaint.stage') throw new AppError(409, 'complaint_stage_refused', errors[0]!.message, errors);
    throw badRequest(errors);
  }
  const now = ctx.clock.now();
  const to: ComplaintStage = body.stage;
  const ok = await store.moveStage(ctx.db, { regencyCode: c.regencyCode, id, version: body.version }, {
    stage: to, dueAt: stageDueAt(to, now), outcome: to === 'selesai' ? body.outcome! : null, outcomeNote: to === 'selesai' ? body.outcomeNote! : null,
    closedAt: to === 'ditutup' ? now : null, at: now, by: ctx.actor.userId,
  });
  if (!ok) throw new AppError(409, 'version_conflict', { id: `Pengaduan sudah diubah (versi ${c.version}); muat ulang`, en: `The complaint changed (version ${c.version}); reload` }, [{ field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } }]);
  await store.insertEvent(ctx.db, { regencyCode: c.regencyCode, id: uuidv7(), complaintId: id, villageCode: c.villageCode, from: c.stage, to, publicNote: body.publicNote ?? (to === 'selesai' ? body.outcomeNote! : null), internalNote: body.internalNote ?? null, at: now, actorId: ctx.actor.userId, actorLabel: ctx.actor.username });
  ctx.audit.record({ action: 'complaint.stage_moved', entityType: 'complaint', entityId: id, personId: c.personId, regencyCode: c.regencyCode, details: { from: c.stage, to, outcome: body.outcome ?? null } });
  return view(ctx, (await store.find(ctx.db, id, ['ID']))!);
}
