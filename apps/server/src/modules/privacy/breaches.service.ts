import {
  BREACH_QUERY_ACTIONS,
  deadlineFrom,
  deadlineState,
  missingNoticeContents,
  NOTICE_FIELD_LABELS,
  type AffectedQuery,
  type BreachCreate,
  type NoticeUpdate,
} from '@pilar/domain/contracts';
import { isWithin } from '@pilar/domain';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import * as store from './breaches.store';
import { escalationsOf } from './requests.store';

/**
 * Breach workflow (UU PDP Pasal 46, checklist point 7): record the incident, find the
 * affected persons from the audit, notify the persons and the authority within
 * 3 × 24 hours of discovery with the three mandatory contents, log each delivery.
 */
const PURPOSE = 'penanganan_insiden';
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

async function loadBreach(ctx: Ctx, id: string) {
  requireAccess(ctx.actor, 'privacy.manage');
  const b = await store.find(ctx.db, id, scopeOf(ctx.actor, 'privacy.manage'));
  if (!b) throw notFound({ id: 'Insiden tidak ditemukan', en: 'Incident not found' });
  return b;
}

async function present(ctx: Ctx, b: store.BreachRow) {
  const notices = await store.notices(ctx.db, b.id);
  const deliveries = await store.deliveries(ctx.db, notices.map((n) => n.id));
  const esc = await escalationsOf(ctx.db, 'breach', [b.id]);
  return {
    id: b.id,
    areaCode: b.areaCode,
    title: b.title,
    description: b.description,
    how: b.how,
    systems: b.systems,
    discoveredAt: iso(b.discoveredAt)!,
    occurredFrom: iso(b.occurredFrom),
    occurredTo: iso(b.occurredTo),
    status: b.status,
    deadline: deadlineState(ctx.clock.now(), new Date(b.dueAt), b.status !== 'open'),
    affectedCount: b.affectedCount,
    notices: notices.map((n) => presentNotice(n, deliveries.filter((d) => d.noticeId === n.id))),
    escalations: esc.get(b.id) ?? [],
  };
}

function presentNotice(n: store.NoticeRow, deliveries: { id: string; channel: string; recipients: number; deliveredAt: string; note: string | null }[]) {
  return {
    id: n.id,
    breachId: n.breachId,
    audience: n.audience,
    dataExposed: n.dataExposed,
    whenAndHow: n.whenAndHow,
    measuresTaken: n.measuresTaken,
    contact: n.contact,
    status: n.status,
    missing: missingNoticeContents(n),
    readyAt: iso(n.readyAt),
    version: n.version,
    deliveries: deliveries.map(({ id, channel, recipients, deliveredAt, note }) => ({ id, channel, recipients, deliveredAt, note })),
  };
}

export async function recordBreach(ctx: Ctx, input: BreachCreate) {
  requireAccess(ctx.actor, 'privacy.manage');
  if (!scopeOf(ctx.actor, 'privacy.manage').some((s) => isWithin(input.areaCode, s))) {
    throw badRequest([{ field: 'areaCode', code: 'outside_scope', message: { id: 'Wilayah di luar kewenangan Anda', en: 'The area is outside your scope' } }]);
  }
  const now = ctx.clock.now();
  const discoveredAt = new Date(input.discoveredAt);
  if (discoveredAt.getTime() > now.getTime() + 60_000) {
    throw badRequest([{ field: 'discoveredAt', code: 'breach.future', message: { id: 'Waktu diketahui tidak boleh di masa depan', en: 'The discovery time cannot be in the future' } }]);
  }
  const from = input.occurredFrom ? new Date(input.occurredFrom) : null;
  const to = input.occurredTo ? new Date(input.occurredTo) : null;
  if (from && to && from > to) {
    throw badRequest([{ field: 'occurredTo', code: 'breach.range', message: { id: 'Akhir kejadian sebelum awalnya', en: 'The end of the incident is before its start' } }]);
  }
  const id = uuidv7();
  await store.insert(ctx.db, {
    id, areaCode: input.areaCode, title: input.title, description: input.description, how: input.how, systems: input.systems,
    occurredFrom: from, occurredTo: to, discoveredAt, dueAt: deadlineFrom(discoveredAt), now, by: ctx.actor.userId,
  });
  ctx.audit.record({ action: 'privacy.breach_recorded', entityType: 'breach_incident', entityId: id, purpose: PURPOSE, details: { areaCode: input.areaCode, systems: input.systems } });
  return present(ctx, (await store.find(ctx.db, id, ['ID']))!);
}

export async function getBreach(ctx: Ctx, id: string) {
  return present(ctx, await loadBreach(ctx, id));
}

export async function listBreaches(ctx: Ctx) {
  requireAccess(ctx.actor, 'privacy.manage');
  const rows = await store.list(ctx.db, scopeOf(ctx.actor, 'privacy.manage'));
  return { items: await Promise.all(rows.map((b) => present(ctx, b))) };
}

/**
 * "Persons whose records user X processed between T1 and T2": from the audit trail,
 * limited to the DPO's scope. With `record`, they become the breach's affected persons
 * and each person's history shows the breach.
 */
export async function findAffected(ctx: Ctx, breachId: string, q: AffectedQuery) {
  const b = await loadBreach(ctx, breachId);
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (from > to) throw badRequest([{ field: 'to', code: 'range.reversed', message: { id: '"to" sebelum "from"', en: '"to" is before "from"' } }]);
  const actions = q.actions ?? BREACH_QUERY_ACTIONS;
  const found = await store.personsProcessedBy(ctx.db, { userId: q.userId, from, to, actions }, scopeOf(ctx.actor, 'privacy.manage'));
  let recorded = 0;
  if (q.record) {
    const foundBy = { userId: q.userId, from: from.toISOString(), to: to.toISOString(), actions };
    for (const p of found) {
      if (await store.addAffected(ctx.db, b.id, p, foundBy, ctx.clock.now())) {
        recorded++;
        ctx.audit.record({ action: 'privacy.breach_person_affected', entityType: 'breach_incident', entityId: b.id, personId: p.personId, regencyCode: p.regencyCode, purpose: PURPOSE });
      }
    }
  }
  ctx.audit.record({ action: 'privacy.breach_query', entityType: 'breach_incident', entityId: b.id, purpose: PURPOSE, details: { userId: q.userId, from: from.toISOString(), to: to.toISOString(), actions, found: found.length, recorded } });
  return { items: found.map(({ regencyCode: _r, ...p }) => p), total: found.length, recorded };
}

export async function listAffected(ctx: Ctx, breachId: string) {
  const b = await loadBreach(ctx, breachId);
  const rows = await store.affected(ctx.db, b.id, scopeOf(ctx.actor, 'privacy.manage'));
  if (rows.length) ctx.audit.record({ action: 'person.listed', entityType: 'person', purpose: PURPOSE, details: { ids: rows.map((r) => r.personId), breachId: b.id } });
  return { items: rows.map((r) => ({ personId: r.personId, villageCode: r.villageCode, addedAt: new Date(r.addedAt).toISOString() })) };
}

async function loadNotice(ctx: Ctx, breachId: string, audience: string) {
  const b = await loadBreach(ctx, breachId);
  const n = await store.notice(ctx.db, b.id, audience);
  if (!n) throw notFound();
  return { b, n };
}

const noticeSent = () => new AppError(409, 'notice_sent', { id: 'Pemberitahuan sudah dikirim; buat catatan pengiriman baru bila perlu', en: 'The notice was already sent; record another delivery if needed' });

export async function updateNotice(ctx: Ctx, breachId: string, audience: string, input: NoticeUpdate) {
  const { b, n } = await loadNotice(ctx, breachId, audience);
  if (n.status === 'sent') throw noticeSent();
  const set: Record<string, unknown> = {};
  const cols = { dataExposed: 'data_exposed', whenAndHow: 'when_and_how', measuresTaken: 'measures_taken', contact: 'contact' } as const;
  for (const [k, col] of Object.entries(cols)) {
    const v = input[k as keyof typeof cols];
    if (v !== undefined) set[col] = v;
  }
  // An edited notice must be checked again before it is ready.
  set.status = 'draft';
  set.ready_at = null;
  set.updated_at = ctx.clock.now();
  if (!(await store.updateNotice(ctx.db, n.id, set, input.version ?? null))) {
    throw new AppError(409, 'version_conflict', { id: 'Pemberitahuan sudah diubah; muat ulang', en: 'The notice was changed; reload' }, [{ field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } }]);
  }
  ctx.audit.record({ action: 'privacy.notice_updated', entityType: 'breach_notice', entityId: n.id, purpose: PURPOSE, details: { breachId: b.id, audience, fields: Object.keys(input).filter((k) => k !== 'version').sort() } });
  return present(ctx, (await store.find(ctx.db, b.id, ['ID']))!);
}

/** UU PDP Pasal 46(2): refuses to mark a notice ready while a mandatory content is empty. */
export async function markNoticeReady(ctx: Ctx, breachId: string, audience: string) {
  const { b, n } = await loadNotice(ctx, breachId, audience);
  if (n.status === 'sent') throw noticeSent();
  const missing = missingNoticeContents(n);
  if (missing.length) {
    throw badRequest(
      missing.map((f) => ({ field: f, code: 'notice.mandatory', message: { id: `Wajib diisi (UU PDP Pasal 46 ayat 2): ${NOTICE_FIELD_LABELS[f].id}`, en: `Required (UU PDP Art. 46(2)): ${NOTICE_FIELD_LABELS[f].en}` } })),
      { id: `Pemberitahuan belum lengkap: ${missing.join(', ')}`, en: `The notice is incomplete: ${missing.join(', ')}` },
    );
  }
  await store.updateNotice(ctx.db, n.id, { status: 'ready', ready_at: ctx.clock.now(), updated_at: ctx.clock.now() }, null);
  ctx.audit.record({ action: 'privacy.notice_ready', entityType: 'breach_notice', entityId: n.id, purpose: PURPOSE, details: { breachId: b.id, audience } });
  return present(ctx, (await store.find(ctx.db, b.id, ['ID']))!);
}

/**
 * Logs a delivery of a ready notice. The breach counts as notified (its timer stops)
 * once the authority was notified and, when persons are affected, the persons too.
 */
export async function recordDelivery(ctx: Ctx, breachId: string, audience: string, input: { channel: string; recipients: number; deliveredAt: string; note?: string | undefined }) {
  const { b, n } = await loadNotice(ctx, breachId, audience);
  if (n.status === 'draft') {
    throw new AppError(409, 'notice_not_ready', { id: 'Tandai pemberitahuan siap (isi wajib lengkap) sebelum mengirim', en: 'Mark the notice ready (mandatory contents complete) before sending it' });
  }
  const id = uuidv7();
  await store.insertDelivery(ctx.db, { id, noticeId: n.id, channel: input.channel, recipients: input.recipients, deliveredAt: new Date(input.deliveredAt), note: input.note ?? null, by: ctx.actor.userId });
  await store.updateNotice(ctx.db, n.id, { status: 'sent', updated_at: ctx.clock.now() }, null);
  const sent = new Set((await store.notices(ctx.db, b.id)).filter((x) => x.status === 'sent').map((x) => x.audience));
  if (b.status === 'open' && sent.has('authority') && (b.affectedCount === 0 || sent.has('subjects'))) {
    await store.setStatus(ctx.db, b.id, 'notified', ctx.clock.now());
  }
  ctx.audit.record({ action: 'privacy.notice_delivered', entityType: 'breach_notice', entityId: n.id, purpose: PURPOSE, details: { breachId: b.id, audience, channel: input.channel, recipients: input.recipients } });
  return present(ctx, (await store.find(ctx.db, b.id, ['ID']))!);
}

export async function noticeForLetter(ctx: Ctx, breachId: string, audience: string) {
  const { b, n } = await loadNotice(ctx, breachId, audience);
  ctx.audit.record({ action: 'privacy.notice_rendered', entityType: 'breach_notice', entityId: n.id, purpose: PURPOSE, details: { breachId: b.id, audience } });
  return { breach: b, notice: n };
}
