import { DEFAULT_VICTIM_PPKS, HAZARDS, planIncidentStatus, withinAny } from '@pilar/domain';
import type { IncidentCreate, IncidentUpdate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { forbidden, requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, type FieldError } from '../../platform/errors';
import { incidentActions, loadIncident, requireManage, visibilityOf, type IncidentAccess } from './disasters.access';
import * as store from './incidents.store';

function present(acc: IncidentAccess) {
  return { ...acc.incident, areas: acc.areas, actions: incidentActions(acc) };
}

const staleVersion = (current: number) =>
  new AppError(409, 'version_conflict', {
    id: `Kejadian ini sudah diubah orang lain (versi sekarang ${current}); muat ulang lalu ulangi`,
    en: `Someone else changed this incident (current version ${current}); reload and try again`,
  }, [{ field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } }]);

async function checkVillages(ctx: Ctx, codes: string[], field: string): Promise<string[]> {
  const unique = [...new Set(codes)];
  const found = await store.existingVillages(ctx.db, unique);
  const missing = unique.filter((c) => !found.has(c));
  if (missing.length) {
    throw badRequest([{ field, code: 'area.unknown_village', message: { id: `Desa/kelurahan tidak dikenal: ${missing.join(', ')}`, en: `Unknown villages: ${missing.join(', ')}` } }]);
  }
  return unique;
}

function hazardErrors(kind: keyof typeof HAZARDS, hazard: string | null | undefined): FieldError[] {
  if (!hazard || HAZARDS[kind].includes(hazard)) return [];
  return [{ field: 'hazard', code: 'incident.hazard', message: { id: `Jenis ancaman tidak cocok dengan jenis kejadian (boleh: ${HAZARDS[kind].join(', ')})`, en: `The hazard does not fit the incident kind (allowed: ${HAZARDS[kind].join(', ')})` } }];
}

/**
 * Declares an incident (quick: kind, title, start, villages). The lead office defaults
 * to the regency of the first village and must lie in the caller's manage scope;
 * affected villages may lie beyond it (a flood crossing a regency border), and each
 * regency's Dinsos then sees the incident.
 */
export async function createIncident(ctx: Ctx, input: IncidentCreate) {
  requireAccess(ctx.actor, 'incident.manage');
  const errors = hazardErrors(input.kind, input.hazard);
  if (errors.length) throw badRequest(errors);
  if (input.id && (await store.findAny(ctx.db, input.id))) {
    // Sent again from the device: the first one stands.
    const again = await loadIncident(ctx, input.id);
    return present(again);
  }
  const villages = await checkVillages(ctx, input.villageCodes, 'villageCodes');
  const lead = input.leadOfficeCode ?? villages[0]!.slice(0, 5);
  if (!(await store.officeExists(ctx.db, lead))) {
    throw badRequest([{ field: 'leadOfficeCode', code: 'incident.lead_office', message: { id: 'Kode dinas (provinsi/kabupaten/kota) tidak dikenal', en: 'Unknown office area (province/regency)' } }]);
  }
  if (!withinAny(lead, scopeOf(ctx.actor, 'incident.manage'))) {
    throw badRequest([{ field: 'leadOfficeCode', code: 'outside_scope', message: { id: 'Dinas pemimpin di luar kewenangan Anda', en: 'The lead office is outside your scope' } }]);
  }
  const id = input.id ?? uuidv7();
  const now = ctx.clock.now();
  await store.insert(ctx.db, {
    id,
    kind: input.kind,
    hazard: input.hazard ?? null,
    title: input.title,
    startedAt: input.startedAt,
    leadOfficeCode: lead,
    ppksCode: input.ppksCode ?? DEFAULT_VICTIM_PPKS[input.kind],
    description: input.description ?? null,
    now,
    actorId: ctx.actor.userId,
  });
  await store.addAreas(ctx.db, id, villages, now, ctx.actor.userId);
  await store.insertStatusEvent(ctx.db, { id: uuidv7(), incidentId: id, from: null, to: 'emergency', note: null, at: now, userId: ctx.actor.userId, label: ctx.actor.username });
  ctx.audit.record({ action: 'incident.created', entityType: 'incident', entityId: id, regencyCode: lead.length === 5 ? lead : null, details: { kind: input.kind, villages: villages.length } });
  return present(await loadIncident(ctx, id));
}

export async function getIncident(ctx: Ctx, id: string) {
  return present(await loadIncident(ctx, id));
}

export async function listIncidents(ctx: Ctx, q: { status?: string | undefined; area?: string | undefined; page: number; pageSize: number }) {
  const v = visibilityOf(ctx);
  if (!v.respond.length && !v.manage.length && !v.rosterUserId) throw forbidden('incident.respond');
  const { rows, total } = await store.list(ctx.db, v, {
    ...(q.status ? { status: q.status } : {}),
    ...(q.area ? { area: q.area } : {}),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map((r) => ({ ...r, actions: ['read'] })), page: q.page, pageSize: q.pageSize, total };
}

/** Edits the incident; only new villages may be added by a Dinsos that manages them, the rest needs the lead office. */
export async function updateIncident(ctx: Ctx, id: string, patch: IncidentUpdate) {
  const acc = await loadIncident(ctx, id);
  const { version, addVillageCodes, ...fields } = patch;
  const villages = addVillageCodes ? await checkVillages(ctx, addVillageCodes, 'addVillageCodes') : [];
  const onlyAdding = Object.values(fields).every((x) => x === undefined);
  if (onlyAdding && villages.length) {
    if (!villages.every((v) => acc.managesIn(v))) requireManage(acc, acc.incident.leadOfficeCode);
  } else {
    requireManage(acc, acc.incident.leadOfficeCode);
  }
  const errors = hazardErrors(acc.incident.kind, fields.hazard);
  if (errors.length) throw badRequest(errors);
  const set: Record<string, unknown> = {};
  if (fields.title !== undefined) set.title = fields.title;
  if (fields.hazard !== undefined) set.hazard = fields.hazard;
  if (fields.description !== undefined) set.description = fields.description;
  if (fields.ppksCode !== undefined) set.ppks_code = fields.ppksCode;
  if (fields.leadOfficeCode !== undefined) {
    if (!(await store.officeExists(ctx.db, fields.leadOfficeCode)) || !withinAny(fields.leadOfficeCode, scopeOf(ctx.actor, 'incident.manage'))) {
      throw badRequest([{ field: 'leadOfficeCode', code: 'incident.lead_office', message: { id: 'Dinas pemimpin tidak dikenal atau di luar kewenangan Anda', en: 'The lead office is unknown or outside your scope' } }]);
    }
    set.lead_office_code = fields.leadOfficeCode;
  }
  const now = ctx.clock.now();
  if (!(await store.update(ctx.db, { id, version }, set, now, ctx.actor.userId))) throw staleVersion(acc.incident.version);
  const added = villages.length ? await store.addAreas(ctx.db, id, villages, now, ctx.actor.userId) : [];
  ctx.audit.record({ action: 'incident.updated', entityType: 'incident', entityId: id, details: { fields: Object.keys(set).sort(), villagesAdded: added } });
  return present(await loadIncident(ctx, id));
}

/** Emergency → recovery → closed (and back, see packages/domain disasters/incidents). */
export async function changeStatus(ctx: Ctx, id: string, input: { version: number; status: 'emergency' | 'recovery' | 'closed'; note?: string | undefined }) {
  const acc = await loadIncident(ctx, id);
  requireManage(acc, acc.incident.leadOfficeCode);
  const plan = planIncidentStatus(acc.incident.status, input.status);
  if (!plan.ok) throw new AppError(409, 'transition_not_allowed', plan.error.message, [plan.error]);
  const now = ctx.clock.now();
  if (!(await store.update(ctx.db, { id, version: input.version }, { status: input.status }, now, ctx.actor.userId))) throw staleVersion(acc.incident.version);
  await store.insertStatusEvent(ctx.db, { id: uuidv7(), incidentId: id, from: acc.incident.status, to: input.status, note: input.note ?? null, at: now, userId: ctx.actor.userId, label: ctx.actor.username });
  ctx.audit.record({ action: 'incident.status_changed', entityType: 'incident', entityId: id, details: { from: acc.incident.status, to: input.status } });
  return present(await loadIncident(ctx, id));
}
