import type { Ctx } from '../../platform/access/unit-of-work';
import { listConsents } from '../people/consent.service';
import { getPerson } from '../people/people.service';
import { listPersonPpks } from '../people/ppks.service';
import { personStatus } from '../people/privacy-hooks';
import { personTimeline } from '../people/timeline.service';
import { officeFor } from './governance.service';
import { loadRequest } from './requests.service';
import * as store from './requests.store';

/**
 * The machine-readable answer to a request (UU PDP Pasal 7 and 32: the data and its
 * processing history): the person's record, legal bases, PPKS categories, timeline
 * and every audit event about the person. Other persons never appear: events found
 * through a list's `details.ids` show only this person, and any other id inside an
 * event's details is replaced.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OTHER = '(data lain)';

function scrub(v: unknown, personId: string): unknown {
  if (typeof v === 'string') return UUID.test(v) && v.toLowerCase() !== personId ? OTHER : v;
  if (Array.isArray(v)) return v.filter((x) => !(typeof x === 'string' && UUID.test(x) && x.toLowerCase() !== personId)).map((x) => scrub(x, personId));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x, personId)]));
  return v;
}

export async function processingHistoryFor(ctx: Ctx, personId: string) {
  const rows = await store.historyFor(ctx.db, personId);
  return rows.map((r) => {
    const aboutPerson = r.person_id === personId;
    const details = aboutPerson ? scrub(r.details, personId) : { ids: [personId] };
    return {
      at: new Date(r.occurred_at).toISOString(),
      actor: r.actor_label as string,
      action: r.action as string,
      entityType: r.entity_type as string,
      entityId: aboutPerson ? ((r.entity_id as string | null) ?? null) : null,
      purpose: (r.purpose as string | null) ?? null,
      details: details as Record<string, unknown>,
    };
  });
}

export async function subjectExport(ctx: Ctx, requestId: string) {
  const r = await loadRequest(ctx, requestId);
  const status = await personStatus(ctx.db, { regencyCode: r.regencyCode, id: r.personId });
  const present = status === 'active' || status === 'restricted';
  // The history is read first, so the reads this export makes are not half in it.
  const history = await processingHistoryFor(ctx, r.personId);
  const data = present
    ? {
        person: stripActions(await getPerson(ctx, r.personId)),
        consents: (await listConsents(ctx, r.personId)).items,
        ppksCategories: (await listPersonPpks(ctx, r.personId)).items,
        timeline: (await personTimeline(ctx, r.personId)).items,
      }
    : { person: null, consents: [], ppksCategories: [], timeline: [], note: 'Data identitas telah dihapus/dianonimkan; yang tersisa tercantum pada catatan retensi permintaan.' };
  const office = await officeFor(ctx.db, r.villageCode);
  ctx.audit.record({
    action: 'privacy.export_created',
    entityType: 'subject_request',
    entityId: r.id,
    personId: r.personId,
    regencyCode: r.regencyCode,
    purpose: 'permintaan_subjek_data',
    details: { kind: r.kind, historyEvents: history.length },
  });
  return {
    format: 'pilar.subject-access/1',
    generatedAt: ctx.clock.now().toISOString(),
    controller: office ? { name: office.officeName, dpo: { name: office.dpoName, email: office.dpoEmail, phone: office.dpoPhone } } : null,
    request: { id: r.id, kind: r.kind, receivedAt: new Date(r.receivedAt).toISOString(), dueAt: new Date(r.dueAt).toISOString() },
    ...data,
    processingHistory: history,
    retentionNote: r.retentionNote,
  };
}

function stripActions<T extends { actions: unknown }>(v: T): Omit<T, 'actions'> {
  const { actions: _a, ...rest } = v;
  return rest;
}
