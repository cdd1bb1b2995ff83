import { can, isWithin, type Permission } from '@pilar/domain';
import {
  cutoffInfo,
  planUsulan,
  batchMonthFor,
  usulanActionsFrom,
  USULAN_TRANSITIONS,
  returnPermission,
  VERIFICATION_CHECKLIST,
  type UsulanAction,
  type UsulanCreate,
  type UsulanStatus,
  type UsulanStep,
} from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { requireProgramme, resolveRecipient } from '../programmes/recipients';
import { withProgrammeRollup } from '../programmes/rollups';
import * as store from './usulan.store';

/** What a caller may do next with this usulan (the web app renders from it). */
function actionsFor(ctx: Ctx, row: store.UsulanRow): string[] {
  return usulanActionsFrom(row.status).filter((a) => {
    const permission = a === 'return' ? returnPermission(row.status) : USULAN_TRANSITIONS[a].permission;
    return permission !== null && can(ctx.actor, permission, { areaCode: row.villageCode });
  });
}

export function present(ctx: Ctx, row: store.UsulanRow) {
  const { nikHashSent: _h, verifierApprovedBy: _v, ...rest } = row;
  return { ...rest, actions: actionsFor(ctx, row) };
}

export async function loadUsulan(ctx: Ctx, id: string, permission: Permission = 'usulan.read'): Promise<store.UsulanRow> {
  requireAccess(ctx.actor, permission);
  const row = await store.find(ctx.db, id, scopeOf(ctx.actor, permission));
  if (!row) throw notFound({ id: 'Usulan tidak ditemukan', en: 'Usulan not found' });
  return row;
}

/** A resident's proposal for a programme, drafted at the desa (by a PSM or Dinsos staff). */
export async function createUsulan(ctx: Ctx, input: UsulanCreate) {
  requireAccess(ctx.actor, 'usulan.create');
  const r = await resolveRecipient(ctx, input);
  requireAccess(ctx.actor, 'usulan.create', { areaCode: r.villageCode });
  const programme = await requireProgramme(ctx, input.programmeCode, r.villageCode);
  const id = input.id ?? uuidv7();
  await ctx.db.query('SAVEPOINT usulan_insert');
  try {
    await withProgrammeRollup(ctx.db, 'usulan', { regencyCode: r.regencyCode, ids: [id] }, () =>
      store.insert(ctx.db, { id, regencyCode: r.regencyCode, villageCode: r.villageCode, programmeCode: programme.code, personId: r.personId, householdId: r.householdId, reason: input.reason }, ctx.actor.userId, ctx.clock.now()),
    );
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT usulan_insert');
    const e = err as { code?: string; constraint?: string };
    if (e.code === '23505' && e.constraint?.startsWith('usulan_open')) {
      throw new AppError(409, 'usulan_open', { id: 'Sudah ada usulan yang berjalan untuk program ini', en: 'An usulan for this programme is already under way' }, [
        { field: 'programmeCode', code: 'usulan.duplicate', message: { id: 'Usulan ganda', en: 'Duplicate usulan' } },
      ]);
    }
    if (e.code === '23505') throw new AppError(409, 'duplicate_id', { id: 'ID data sudah dipakai', en: 'This id is already used' }, [{ field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } }]);
    throw err;
  }
  await record(ctx, { id, regencyCode: r.regencyCode, villageCode: r.villageCode, personId: r.personId }, 'create', null, 'draft', null, { programme: programme.code });
  return view(ctx, (await store.find(ctx.db, id, ['ID']))!);
}

async function view(ctx: Ctx, row: store.UsulanRow) {
  return { ...present(ctx, row), events: await store.events(ctx.db, row) };
}

export async function getUsulan(ctx: Ctx, id: string) {
  const row = await loadUsulan(ctx, id);
  ctx.audit.record({ action: 'usulan.read', entityType: 'usulan', entityId: id, personId: row.personId, regencyCode: row.regencyCode });
  return view(ctx, row);
}

export async function listUsulan(ctx: Ctx, f: { area?: string; status?: string; programme?: string; batchMonth?: string; page: number; pageSize: number }) {
  requireAccess(ctx.actor, 'usulan.read');
  const { page, pageSize, ...filters } = f;
  const { rows, total } = await store.list(ctx.db, scopeOf(ctx.actor, 'usulan.read'), { ...filters, limit: pageSize, offset: (page - 1) * pageSize });
  if (rows.length) ctx.audit.record({ action: 'usulan.listed', entityType: 'usulan', details: { ids: rows.map((r) => r.id), page } });
  return { items: rows.map((r) => present(ctx, r)), page, pageSize, total };
}

/** The batch a proposal made now joins and its cut-off (17th, local time of the area). */
export function cutoff(ctx: Ctx, area: string) {
  requireAccess(ctx.actor, 'usulan.read');
  return { area, ...cutoffInfo(ctx.clock.now(), area) };
}

async function record(ctx: Ctx, u: { id: string; regencyCode: string; villageCode: string; personId: string | null }, action: string, from: UsulanStatus | null, to: UsulanStatus, reason: string | null, details: Record<string, unknown> = {}) {
  await store.insertEvent(ctx.db, { regencyCode: u.regencyCode, id: uuidv7(), usulanId: u.id, personId: u.personId, villageCode: u.villageCode, action, from, to, reason, details, at: ctx.clock.now(), actorId: ctx.actor.userId, actorLabel: ctx.actor.username });
  ctx.audit.record({ action: `usulan.${action}`, entityType: 'usulan', entityId: u.id, personId: u.personId, regencyCode: u.regencyCode, details: { from, to, ...details } });
}

const staleVersion = (v: number) =>
  new AppError(409, 'version_conflict', { id: `Usulan sudah diubah (versi ${v}); muat ulang`, en: `The usulan changed (version ${v}); reload` }, [
    { field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } },
  ]);

/**
 * Takes one step of the lifecycle for `row`: checks the role (403 without the permission,
 * 404 outside scope), the state machine, and the version; writes the columns, the event,
 * the audit and the rollup in the caller's transaction.
 */
export async function applyStep(
  ctx: Ctx,
  row: store.UsulanRow,
  action: UsulanAction,
  opts: { version: number | null; set?: Record<string, unknown>; reason?: string | null; deliberation?: 'musdes' | 'sptjm'; checklistComplete?: boolean; details?: Record<string, unknown> },
): Promise<UsulanStatus> {
  const plan = planUsulan({ status: row.status, verifierApprovedBy: row.verifierApprovedBy }, action, ctx.actor.userId, {
    reason: opts.reason ?? null,
    deliberation: opts.deliberation ?? null,
    checklistComplete: opts.checklistComplete ?? false,
  });
  if (plan.permission) requireAccess(ctx.actor, plan.permission, { areaCode: row.villageCode });
  if (!plan.ok) {
    const stateOnly = plan.errors.every((e) => e.code === 'usulan.transition.from' || e.code === 'usulan.four_eyes');
    if (stateOnly) throw new AppError(409, 'usulan_step_refused', plan.errors[0]!.message, plan.errors);
    throw badRequest(plan.errors);
  }
  const now = ctx.clock.now();
  const set: Record<string, unknown> = { status: plan.to, ...(opts.set ?? {}) };
  if (action === 'propose') Object.assign(set, { batch_month: `${batchMonthFor(now, row.villageCode)}-01`, proposed_at: now, return_reason: null });
  if (action === 'approve_verifier') Object.assign(set, { verifier_approved_by: ctx.actor.userId, verifier_approved_at: now });
  if (action === 'approve_head') Object.assign(set, { approved_by: ctx.actor.userId, approved_at: now });
  if (action === 'return') Object.assign(set, { return_reason: opts.reason });
  const ok = await withProgrammeRollup(ctx.db, 'usulan', { regencyCode: row.regencyCode, ids: [row.id] }, () =>
    store.update(ctx.db, { regencyCode: row.regencyCode, id: row.id, version: opts.version }, set, ctx.actor.userId, now),
  );
  if (!ok) throw staleVersion(row.version);
  await record(ctx, row, action, row.status, plan.to, opts.reason ?? null, {
    ...(action === 'propose' ? { batchMonth: String(set.batch_month).slice(0, 7) } : {}),
    ...(opts.details ?? {}),
  });
  return plan.to;
}

/** One step requested through the API (propose, SPTJM, verify, approvals, return, withdraw). */
export async function stepUsulan(ctx: Ctx, id: string, body: UsulanStep) {
  const row = await loadUsulan(ctx, id);
  const requireFile = async (fileId: string, field: string) => {
    if (!(await store.fileInArea(ctx.db, fileId, row.villageCode))) {
      throw badRequest([{ field, code: 'file.unknown', message: { id: 'Berkas tidak ditemukan untuk desa ini; unggah ulang', en: 'File not found for this village; upload it again' } }]);
    }
  };
  switch (body.action) {
    case 'sptjm': {
      if (!body.sptjmFileId || !body.sptjmSigner) {
        throw badRequest([{ field: body.sptjmFileId ? 'sptjmSigner' : 'sptjmFileId', code: 'usulan.sptjm', message: { id: 'Unggah SPTJM bertanda tangan dan isi nama penandatangan', en: 'Upload the signed SPTJM and give the signer' } }]);
      }
      await requireFile(body.sptjmFileId, 'sptjmFileId');
      await applyStep(ctx, row, 'deliberate', { version: body.version, deliberation: 'sptjm', set: { deliberation: 'sptjm', sptjm_file_id: body.sptjmFileId, sptjm_signer: body.sptjmSigner } });
      break;
    }
    case 'verify': {
      const checklist = body.checklist ?? {};
      const complete = VERIFICATION_CHECKLIST.every((c) => typeof checklist[c.code] === 'boolean');
      for (const [i, f] of (body.photoFileIds ?? []).entries()) await requireFile(f, `photoFileIds.${i}`);
      await applyStep(ctx, row, 'verify', {
        version: body.version,
        checklistComplete: complete,
        set: { checklist: JSON.stringify(checklist), verification_note: body.verificationNote ?? null, verification_photo_ids: body.photoFileIds ?? [], verified_by: ctx.actor.userId, verified_at: ctx.clock.now() },
        details: { checklistPassed: Object.values(checklist).every(Boolean), photos: body.photoFileIds?.length ?? 0 },
      });
      break;
    }
    default:
      await applyStep(ctx, row, body.action, { version: body.version, reason: body.reason ?? null });
  }
  return view(ctx, (await store.find(ctx.db, id, ['ID']))!);
}

export const USULAN_FILE_TYPES = {
  musdes_scan: ['image/jpeg', 'image/png', 'application/pdf'],
  sptjm: ['image/jpeg', 'image/png', 'application/pdf'],
  verification_photo: ['image/jpeg', 'image/png', 'image/webp'],
} as const;

/** Stores a musdes scan, SPTJM or verification photo for a village; readable with usulan.read there. */
export async function uploadUsulanFile(ctx: Ctx, villageCode: string, purpose: keyof typeof USULAN_FILE_TYPES, bytes: Buffer) {
  const permission: Permission = purpose === 'verification_photo' ? 'usulan.verify' : 'usulan.create';
  requireAccess(ctx.actor, permission);
  if (!scopeOf(ctx.actor, permission).some((s) => isWithin(villageCode, s))) throw notFound();
  const stored = await ctx.files.save(ctx, { bytes, areaCode: villageCode, readPermission: 'usulan.read', purpose: `usulan.${purpose}`, allowed: [...USULAN_FILE_TYPES[purpose]] });
  ctx.audit.record({ action: 'usulan.file_uploaded', entityType: 'stored_file', entityId: stored.id, regencyCode: villageCode.slice(0, 5), details: { purpose, contentType: stored.contentType } });
  return stored;
}
