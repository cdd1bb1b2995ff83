import { basicNeedsMet, type NeedKind } from '@pilar/domain';
import type { VictimRegister, VictimUpdate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { createCase } from '../cases/cases.service';
import { localDate } from '../cases/dates';
import { checkDuplicates, type Candidate } from '../people/duplicates.service';
import { createPerson, loadInScope } from '../people/people.service';
import { assignPpks, listPersonPpks } from '../people/ppks.service';
import { loadIncident, requireOpen, requireRespondIn, type IncidentAccess } from './disasters.access';
import * as logistics from './logistics.store';
import { contribution, shiftVictim } from './rollup';
import * as store from './victims.store';
import type { VictimRow } from './victims.store';

export const victimNotFound = () => notFound({ id: 'Data korban tidak ditemukan', en: 'Victim not found' });

const present = ({ regencyCode: _r, updatedAt: _u, ...v }: VictimRow) => v;

async function requirePost(ctx: Ctx, incidentId: string, postId: string | null | undefined): Promise<void> {
  if (!postId) return;
  const post = await logistics.findPost(ctx.db, postId);
  if (!post || post.incidentId !== incidentId) {
    throw badRequest([{ field: 'postId', code: 'post.unknown', message: { id: 'Pos tidak ditemukan pada kejadian ini', en: 'Post not found for this incident' } }]);
  }
}

/** The person a registration is about: the one chosen, the exact NIK match in scope, or a newly registered one. */
async function findOrCreatePerson(ctx: Ctx, acc: IncidentAccess, input: VictimRegister) {
  if ((input.personId === undefined) === (input.person === undefined)) {
    throw badRequest([{ field: 'person', code: 'victim.subject', message: { id: 'Pilih orang yang sudah ada (personId) atau isi data orang (person)', en: 'Choose an existing person (personId) or fill in the person form (person)' } }]);
  }
  if (input.personId) return { person: await loadInScope(ctx, input.personId, 'person.update'), created: false, candidates: [] as Candidate[] };
  const p = input.person!;
  requireRespondIn(acc, p.villageCode, 'person.villageCode');
  if (p.nik !== undefined && p.nikMissingReason !== undefined) {
    throw badRequest([{ field: 'person.nikMissingReason', code: 'nik.both', message: { id: 'Isi NIK atau alasan tidak ada NIK, bukan keduanya', en: 'Give either a NIK or the reason there is none, not both' } }]);
  }
  const dup = await checkDuplicates(ctx, {
    villageCode: p.villageCode,
    fullName: p.fullName,
    ...(p.nik !== undefined ? { nik: p.nik } : {}),
    ...(p.birthDate !== undefined ? { birthDate: p.birthDate } : {}),
  });
  if (dup.exact) return { person: await loadInScope(ctx, dup.exact.id, 'person.update'), created: false, candidates: [] as Candidate[] };
  if (dup.nikRegisteredElsewhere) {
    throw new AppError(409, 'nik_registered_elsewhere', { id: 'NIK ini sudah terdaftar di wilayah lain; hubungi Dinsos untuk perpindahan', en: 'This NIK is registered in another area; ask the Dinsos for a transfer' }, [
      { field: 'person.nik', code: 'nik.duplicate', message: { id: 'NIK sudah terdaftar', en: 'NIK already registered' } },
    ]);
  }
  // Near matches never block an emergency registration: they come back for a later merge.
  const made = await createPerson(ctx, {
    ...(p.id !== undefined ? { id: p.id } : {}),
    villageCode: p.villageCode,
    fullName: p.fullName,
    ...(p.nik !== undefined ? { nik: p.nik } : { nikMissingReason: p.nikMissingReason ?? 'tidak_diketahui' }),
    ...(p.sex !== undefined ? { sex: p.sex } : {}),
    ...(p.birthDate !== undefined ? { birthDate: p.birthDate } : {}),
    ...(p.phone !== undefined ? { phone: p.phone } : {}),
  });
  return { person: made, created: true, candidates: made.candidates };
}

/** PPKS 21/22 with the incident; an active assignment of the same category is reused. */
async function markPpks(ctx: Ctx, acc: IncidentAccess, personId: string, villageCode: string): Promise<string | null> {
  const code = acc.incident.ppksCode;
  try {
    const r = await assignPpks(ctx, personId, {
      ppksCode: code,
      assessedOn: localDate(ctx.clock.now(), villageCode),
      evidenceNote: `Korban kejadian "${acc.incident.title}" (id ${acc.incident.id})`,
    });
    return r.id;
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'ppks_already_assigned') throw err;
    const { items } = await listPersonPpks(ctx, personId);
    return items.find((i) => i.ppksCode === code && !i.endedOn)?.id ?? null;
  }
}

/**
 * Registers a victim (short form, also offline): finds or creates the person with the
 * people module's duplicate checks, marks PPKS 21/22 with the incident, records the
 * displacement and needs, and opens a case at once for a vulnerable victim if asked.
 * The same registration sent again (same id) returns the first result.
 */
export async function registerVictim(ctx: Ctx, incidentId: string, input: VictimRegister) {
  const acc = await loadIncident(ctx, incidentId);
  requireAccess(ctx.actor, 'person.read');
  if (input.id) {
    const existing = await store.find(ctx.db, input.id, scopeOf(ctx.actor, 'person.read'));
    if (existing && existing.incidentId === incidentId) return { ...present(existing), personCreated: false, candidates: [] };
    if (existing || (await store.idTaken(ctx.db, input.id))) {
      throw new AppError(409, 'duplicate_id', { id: 'ID korban sudah dipakai', en: 'This victim id is already used' }, [{ field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } }]);
    }
  }
  requireOpen(acc);
  if (input.openCase && input.vulnerabilities.length === 0) {
    throw badRequest([{ field: 'openCase', code: 'victim.case_needs_vulnerability', message: { id: 'Kasus langsung hanya untuk korban rentan (isi kelompok rentan)', en: 'A case is opened directly only for vulnerable victims (fill in the vulnerable group)' } }]);
  }
  await requirePost(ctx, incidentId, input.postId);
  const { person, created, candidates } = await findOrCreatePerson(ctx, acc, input);
  requireRespondIn(acc, person.villageCode, input.personId ? 'personId' : 'person.villageCode');
  const already = await store.findByPerson(ctx.db, incidentId, { regencyCode: person.regencyCode, personId: person.id });
  if (already) {
    throw new AppError(409, 'victim_already_registered', { id: `Orang ini sudah terdata sebagai korban kejadian ini (id ${already})`, en: `This person is already registered as a victim of this incident (id ${already})` }, [
      { field: input.personId ? 'personId' : 'person', code: 'victim.duplicate', message: { id: 'Sudah terdata', en: 'Already registered' } },
    ]);
  }
  const personPpksId = await markPpks(ctx, acc, person.id, person.villageCode);
  const opened = input.openCase ? await createCase(ctx, { personId: person.id, ppksCode: acc.incident.ppksCode, need: input.openCase.need }) : null;
  const id = input.id ?? uuidv7();
  const row = {
    regencyCode: person.regencyCode,
    id,
    incidentId,
    personId: person.id,
    villageCode: person.villageCode,
    displacement: input.displacement,
    postId: input.postId ?? null,
    displacementPlace: input.displacementPlace ?? null,
    condition: input.condition,
    needs: [...new Set(input.needs)],
    vulnerabilities: [...new Set(input.vulnerabilities)],
    ppksCode: acc.incident.ppksCode,
    personPpksId,
    caseId: opened?.id ?? null,
    now: ctx.clock.now(),
    actorId: ctx.actor.userId,
  };
  await store.insert(ctx.db, row);
  await shiftVictim(ctx.db, incidentId, person.villageCode, contribution(null), contribution({ ...row, basicNeedsMet: false }));
  ctx.audit.record({
    action: 'disaster_victim.registered',
    entityType: 'disaster_victim',
    entityId: id,
    personId: person.id,
    regencyCode: person.regencyCode,
    details: { incidentId, personCreated: created, ppksCode: acc.incident.ppksCode, caseOpened: opened !== null },
  });
  const saved = (await store.find(ctx.db, id, ['ID']))!;
  return { ...present(saved), personCreated: created, candidates };
}

export async function loadVictim(ctx: Ctx, victimId: string, incidentId?: string): Promise<VictimRow> {
  requireAccess(ctx.actor, 'person.read');
  const v = await store.find(ctx.db, victimId, scopeOf(ctx.actor, 'person.read'));
  if (!v || (incidentId && v.incidentId !== incidentId)) throw victimNotFound();
  return v;
}

const COLUMNS: Record<string, string> = {
  displacement: 'displacement',
  postId: 'post_id',
  displacementPlace: 'displacement_place',
  condition: 'condition',
  needs: 'needs',
  vulnerabilities: 'vulnerabilities',
};

/** Edits a victim's displacement, condition, needs or vulnerability (optimistic version). */
export async function updateVictim(ctx: Ctx, victimId: string, patch: VictimUpdate, incidentId?: string) {
  const v = await loadVictim(ctx, victimId, incidentId);
  const acc = await loadIncident(ctx, v.incidentId);
  requireRespondIn(acc, v.villageCode);
  requireOpen(acc);
  if (!scopeOf(ctx.actor, 'person.update').some((s) => s === 'ID' || v.villageCode === s || v.villageCode.startsWith(`${s}.`))) throw victimNotFound();
  await requirePost(ctx, v.incidentId, patch.postId);
  const set: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(COLUMNS)) {
    const value = (patch as Record<string, unknown>)[k];
    if (value !== undefined) set[col] = Array.isArray(value) ? [...new Set(value)] : value;
  }
  const needs = (set.needs as NeedKind[] | undefined) ?? (v.needs as NeedKind[]);
  const met = basicNeedsMet(needs, v.needsServed);
  set.basic_needs_met = met;
  const now = ctx.clock.now();
  if (!(await store.update(ctx.db, { regencyCode: v.regencyCode, id: victimId, version: patch.version }, set, now, ctx.actor.userId))) {
    throw new AppError(409, 'version_conflict', { id: `Data korban sudah diubah (versi sekarang ${v.version}); muat ulang`, en: `The victim record changed (current version ${v.version}); reload` }, [
      { field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } },
    ]);
  }
  const after = { displacement: (set.displacement as string | undefined) ?? v.displacement, vulnerabilities: (set.vulnerabilities as string[] | undefined) ?? v.vulnerabilities, basicNeedsMet: met };
  await shiftVictim(ctx.db, v.incidentId, v.villageCode, contribution(v), contribution(after));
  ctx.audit.record({ action: 'disaster_victim.updated', entityType: 'disaster_victim', entityId: victimId, personId: v.personId, regencyCode: v.regencyCode, details: { fields: Object.keys(set).sort() } });
  return present((await store.find(ctx.db, victimId, ['ID']))!);
}

/** Victims of the incident inside the caller's personal-data scope (NIK masked); the listing is audited. */
export async function listVictims(ctx: Ctx, incidentId: string, q: { villageCode?: string | undefined; page: number; pageSize: number }) {
  await loadIncident(ctx, incidentId);
  requireAccess(ctx.actor, 'person.read');
  const { rows, total } = await store.list(ctx.db, incidentId, scopeOf(ctx.actor, 'person.read'), {
    ...(q.villageCode ? { villageCode: q.villageCode } : {}),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  if (rows.length) ctx.audit.record({ action: 'disaster_victim.listed', entityType: 'disaster_victim', details: { incidentId, ids: rows.map((r) => r.id), page: q.page } });
  return { items: rows.map(present), page: q.page, pageSize: q.pageSize, total };
}

/** Aid of `needKind` reached the victim: the served set grows, and "basic needs met" (SPM 5) follows. */
export async function markServed(ctx: Ctx, v: VictimRow, needKind: string): Promise<void> {
  const key = { regencyCode: v.regencyCode, id: v.id };
  const cur = await store.lockForServe(ctx.db, key);
  if (!cur || cur.needsServed.includes(needKind)) return;
  const served = [...cur.needsServed, needKind].sort();
  const met = basicNeedsMet(cur.needs as NeedKind[], served);
  await store.setServed(ctx.db, key, served, met, ctx.clock.now(), ctx.actor.userId);
  if (met !== cur.basicNeedsMet) await shiftVictim(ctx.db, v.incidentId, cur.villageCode, contribution(cur), contribution({ ...cur, basicNeedsMet: met }));
}
