import { abilities, can, type Permission } from '@pilar/domain';
import { deadlineFrom, deadlineState, type SubjectRequestCreate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { forbidden, requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { loadInScope } from '../people/people.service';
import * as store from './requests.store';
import type { RequestRow } from './requests.store';

/**
 * Data subject requests (UU PDP Pasal 5–13 and 32–34): registered by staff when the
 * person comes to the office or asks a PSM, identity checked, answered within
 * 3 × 24 hours of receipt. Every step is audited with the request as its entity.
 */
const REQUEST_ACTIONS: Permission[] = ['privacy.manage'];

export type RequestView = ReturnType<typeof present>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function present(ctx: Ctx, r: RequestRow, escalations: { level: 'near_due' | 'overdue'; raisedAt: string }[] = []) {
  const done = r.status === 'answered' || r.status === 'refused';
  return {
    id: r.id,
    personId: r.personId,
    regencyCode: r.regencyCode,
    villageCode: r.villageCode,
    kind: r.kind,
    status: r.status,
    channel: r.channel,
    requester: r.requester,
    details: r.details,
    receivedAt: iso(r.receivedAt)!,
    deadline: deadlineState(ctx.clock.now(), new Date(r.dueAt), done),
    identity: r.identityMethod
      ? { method: r.identityMethod, document: r.identityDocument!, checkedBy: r.identityCheckedBy, checkedAt: iso(r.identityCheckedAt)! }
      : null,
    answeredAt: iso(r.answeredAt),
    answerSummary: r.answerSummary,
    retentionNote: r.retentionNote,
    escalations,
    version: r.version,
    actions: done ? [] : abilities(ctx.actor, { areaCode: r.villageCode }, REQUEST_ACTIONS),
  };
}

/** A request inside the DPO's scope (404 otherwise). */
export async function loadRequest(ctx: Ctx, id: string): Promise<RequestRow> {
  requireAccess(ctx.actor, 'privacy.manage');
  const r = await store.find(ctx.db, id, scopeOf(ctx.actor, 'privacy.manage'));
  if (!r) throw notFound({ id: 'Permintaan subjek data tidak ditemukan', en: 'Data subject request not found' });
  return r;
}

export const staleVersion = (current: number) =>
  new AppError(409, 'version_conflict', {
    id: `Permintaan ini sudah diubah (versi sekarang ${current}); muat ulang lalu ulangi`,
    en: `This request was changed (current version ${current}); reload and try again`,
  }, [{ field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } }]);

export const alreadyClosed = () =>
  new AppError(409, 'request_closed', { id: 'Permintaan ini sudah dijawab atau ditolak', en: 'This request was already answered or refused' });

/**
 * Registers a request. Staff with privacy.request (operators, PSM) register it for
 * the DPO; privacy.manage may too. The 3 × 24 h run from `receivedAt`.
 */
export async function registerRequest(ctx: Ctx, input: SubjectRequestCreate) {
  const permission: Permission = can(ctx.actor, 'privacy.manage') ? 'privacy.manage' : 'privacy.request';
  if (!can(ctx.actor, permission)) throw forbidden('privacy.request');
  const now = ctx.clock.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000) {
    throw badRequest([{ field: 'receivedAt', code: 'request.future', message: { id: 'Waktu penerimaan tidak boleh di masa depan', en: 'The time received cannot be in the future' } }]);
  }
  const person = await loadInScope(ctx, input.personId, permission);
  const id = uuidv7();
  await store.insert(ctx.db, {
    id,
    regencyCode: person.regencyCode,
    personId: person.id,
    villageCode: person.villageCode,
    kind: input.kind,
    channel: input.channel,
    requester: input.requester,
    details: input.details ?? null,
    receivedAt,
    dueAt: deadlineFrom(receivedAt),
    now,
    actorId: ctx.actor.userId,
  });
  ctx.audit.record({
    action: 'privacy.request_received',
    entityType: 'subject_request',
    entityId: id,
    personId: person.id,
    regencyCode: person.regencyCode,
    purpose: 'permintaan_subjek_data',
    details: { kind: input.kind, channel: input.channel, requester: input.requester },
  });
  const row = (await store.find(ctx.db, id, ['ID']))!;
  return present(ctx, row);
}

export async function getRequest(ctx: Ctx, id: string) {
  const r = await loadRequest(ctx, id);
  const esc = await store.escalationsOf(ctx.db, 'request', [id]);
  return present(ctx, r, esc.get(id) ?? []);
}

export async function listRequests(ctx: Ctx, q: { status: 'open' | 'closed' | 'all'; page: number; pageSize: number }) {
  requireAccess(ctx.actor, 'privacy.manage');
  const { rows, total } = await store.list(ctx.db, scopeOf(ctx.actor, 'privacy.manage'), { status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const esc = await store.escalationsOf(ctx.db, 'request', rows.map((r) => r.id));
  return { items: rows.map((r) => present(ctx, r, esc.get(r.id) ?? [])), total };
}

/** Records how the requester's identity was checked (method, document, who, when). */
export async function recordIdentityCheck(ctx: Ctx, id: string, input: { version: number; method: string; document: string }) {
  const r = await loadRequest(ctx, id);
  if (r.status !== 'received') throw alreadyChecked(r.status);
  const ok = await store.update(ctx.db, { regencyCode: r.regencyCode, id, version: input.version }, {
    status: 'identity_verified',
    identity_method: input.method,
    identity_document: input.document,
    identity_checked_by: ctx.actor.userId,
    identity_checked_at: ctx.clock.now(),
  });
  if (!ok) throw staleVersion(r.version);
  ctx.audit.record({
    action: 'privacy.identity_checked',
    entityType: 'subject_request',
    entityId: id,
    personId: r.personId,
    regencyCode: r.regencyCode,
    purpose: 'permintaan_subjek_data',
    details: { method: input.method, document: input.document },
  });
  return getRequest(ctx, id);
}

function alreadyChecked(status: string): AppError {
  return status === 'identity_verified'
    ? new AppError(409, 'identity_already_checked', { id: 'Identitas pemohon sudah diperiksa', en: 'The requester’s identity was already checked' })
    : alreadyClosed();
}

/** Refuses a request with a reason (e.g. identity could not be confirmed; UU PDP Pasal 15 exceptions). */
export async function refuseRequest(ctx: Ctx, id: string, input: { version: number; reason: string }) {
  const r = await loadRequest(ctx, id);
  if (r.status === 'answered' || r.status === 'refused') throw alreadyClosed();
  const ok = await store.update(ctx.db, { regencyCode: r.regencyCode, id, version: input.version }, {
    status: 'refused',
    answered_at: ctx.clock.now(),
    answer_summary: input.reason,
  });
  if (!ok) throw staleVersion(r.version);
  ctx.audit.record({ action: 'privacy.request_refused', entityType: 'subject_request', entityId: id, personId: r.personId, regencyCode: r.regencyCode, purpose: 'permintaan_subjek_data' });
  return getRequest(ctx, id);
}

/** Restricted persons in the DPO's scope: lists hide them from everyone else. */
export async function listRestricted(ctx: Ctx) {
  requireAccess(ctx.actor, 'privacy.manage');
  const items = await store.restrictedPersons(ctx.db, scopeOf(ctx.actor, 'privacy.manage'));
  if (items.length) ctx.audit.record({ action: 'person.listed', entityType: 'person', purpose: 'permintaan_subjek_data', details: { ids: items.map((i) => i.id), restricted: true } });
  return { items };
}
