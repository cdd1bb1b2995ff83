import { abilities, isWithin, parseAreaCode, type Permission } from '@pilar/domain';
import type { BoardCreate, UnitCreate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, unauthenticated } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound, type FieldError } from '../../platform/errors';
import { memberSummaries, memberVillage } from '../members/members.service';
import * as store from './org.store';
import type { BoardRow, UnitRow } from './org.store';

/**
 * IPSM organisation: units at every level (nasional → desa), boards (pengurus) per
 * term with positions, and the unit's coordination (announcements, events with
 * attendance, a library of training material). Managing needs org.manage within the
 * unit's area; reading needs only to be signed in (the structure is not personal data).
 */
const ORG_ACTIONS: Permission[] = ['org.manage'];
const LEVEL = { national: 'nasional', province: 'provinsi', regency: 'kabkota', district: 'kecamatan', village: 'desa' } as const;
const unitNotFound = () => notFound({ id: 'Unit IPSM tidak ditemukan', en: 'IPSM unit not found' });
const fe = (field: string, code: string, id: string, en: string): FieldError => ({ field, code, message: { id, en } });

function signedIn(ctx: Ctx) {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
}

const actions = (ctx: Ctx, areaCode: string) => abilities(ctx.actor, { areaCode }, ORG_ACTIONS);

async function presentBoards(ctx: Ctx, unit: UnitRow, boards: BoardRow[]) {
  const positions = await store.positionsOf(ctx.db, boards.map((b) => b.id));
  return boards.map((b) => ({
    id: b.id,
    unitId: b.unitId,
    termStart: b.termStart,
    termEnd: b.termEnd,
    chosenBy: b.chosenBy,
    chosenOn: b.chosenOn,
    minutesFileId: b.minutesFileId,
    sk: { number: b.skNumber, date: b.skDate, issuer: b.skIssuer },
    status: b.status,
    endedOn: b.endedOn,
    positions: positions.filter((p) => p.boardId === b.id).map(({ boardId: _b, ...p }) => p),
    version: b.version,
    // History is kept as it was: only the current board can be corrected.
    actions: b.status === 'current' ? actions(ctx, unit.areaCode) : [],
  }));
}

async function loadUnit(ctx: Ctx, id: string): Promise<UnitRow> {
  signedIn(ctx);
  const unit = await store.findUnit(ctx.db, id);
  if (!unit) throw unitNotFound();
  return unit;
}

async function manageUnit(ctx: Ctx, id: string): Promise<UnitRow> {
  const unit = await loadUnit(ctx, id);
  requireAccess(ctx.actor, 'org.manage', { areaCode: unit.areaCode });
  return unit;
}

export async function createUnit(ctx: Ctx, input: UnitCreate) {
  requireAccess(ctx.actor, 'org.manage', { areaCode: input.areaCode });
  let level: UnitRow['level'] = 'nasional';
  let areaName = 'Indonesia';
  if (input.areaCode !== 'ID') {
    const parsed = parseAreaCode(input.areaCode);
    const { rows } = await ctx.db.query(`SELECT name FROM area WHERE code = $1`, [input.areaCode]);
    if (!parsed.ok || !rows[0]) throw badRequest([fe('areaCode', 'area.unknown', `Wilayah ${input.areaCode} tidak ada`, `No area ${input.areaCode}`)]);
    level = LEVEL[parsed.level];
    areaName = rows[0].name;
  }
  const id = uuidv7();
  const name = input.name ?? (level === 'nasional' ? 'IPSM Nasional' : `IPSM ${areaName}`);
  await ctx.db.query('SAVEPOINT unit_insert');
  try {
    await store.insertUnit(ctx.db, { id, areaCode: input.areaCode, level, name, address: input.address ?? null }, ctx.actor.userId, ctx.clock.now());
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT unit_insert');
    if ((err as { code?: string }).code === '23505') {
      const msg = { id: `Unit IPSM untuk wilayah ${input.areaCode} sudah ada`, en: `An IPSM unit for ${input.areaCode} already exists` };
      throw new AppError(409, 'unit_exists', msg, [{ field: 'areaCode', code: 'unit.exists', message: msg }]);
    }
    throw err;
  }
  ctx.audit.record({ action: 'org.unit_created', entityType: 'ipsm_unit', entityId: id, regencyCode: input.areaCode.length >= 5 ? input.areaCode.slice(0, 5) : null, details: { areaCode: input.areaCode } });
  return getUnit(ctx, id);
}

export async function getUnit(ctx: Ctx, id: string) {
  const unit = await loadUnit(ctx, id);
  const current = await store.currentBoard(ctx.db, id);
  const [board] = current ? await presentBoards(ctx, unit, [current]) : [];
  return { ...unit, currentBoard: board ?? null, actions: actions(ctx, unit.areaCode) };
}

export async function listUnits(ctx: Ctx, q: { area?: string | undefined; level?: string | undefined; page: number; pageSize: number }) {
  signedIn(ctx);
  const { rows, total } = await store.listUnits(ctx.db, { ...(q.area ? { area: q.area } : {}), ...(q.level ? { level: q.level } : {}), limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map((u) => ({ ...u, actions: actions(ctx, u.areaCode) })), page: q.page, pageSize: q.pageSize, total };
}

export async function updateUnit(ctx: Ctx, id: string, patch: { name?: string | undefined; address?: string | null | undefined; version: number }) {
  await manageUnit(ctx, id);
  const set = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.address !== undefined ? { address: patch.address } : {}) };
  if (!(await store.updateUnit(ctx.db, id, patch.version, set, ctx.clock.now()))) throw conflict();
  ctx.audit.record({ action: 'org.unit_updated', entityType: 'ipsm_unit', entityId: id, details: { fields: Object.keys(set) } });
  return getUnit(ctx, id);
}

const conflict = () =>
  new AppError(409, 'version_conflict', { id: 'Data ini sudah diubah orang lain; muat ulang lalu ulangi', en: 'Someone else changed this record; reload and try again' }, [
    { field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } },
  ]);

/** Resolves positions: a linked member must be readable and live in the unit's area; its name is kept with the board. */
async function resolvePositions(ctx: Ctx, unit: UnitRow, positions: BoardCreate['positions']) {
  const errors: FieldError[] = [];
  const found = await memberSummaries(ctx, positions.flatMap((p) => (p.memberId ? [p.memberId] : [])));
  const out = positions.map((p, i) => {
    if (!p.memberId && !p.personName) errors.push(fe(`positions[${i}]`, 'position.who', 'Pilih anggota atau tulis nama', 'Choose a member or give a name'));
    const m = p.memberId ? found.get(p.memberId) : undefined;
    if (p.memberId && (!m || !isWithin(m.villageCode, unit.areaCode))) {
      errors.push(fe(`positions[${i}].memberId`, 'position.member_unknown', 'Anggota tidak ditemukan di wilayah unit ini', 'No such member in this unit’s area'));
    }
    return { id: uuidv7(), position: p.position, title: p.title ?? null, memberId: p.memberId ?? null, name: m?.fullName ?? p.personName ?? '' };
  });
  if (errors.length) throw badRequest(errors);
  return out;
}

async function checkFile(ctx: Ctx, unit: UnitRow, fileId: string | undefined, field: string) {
  if (fileId && !(await store.fileExists(ctx.db, fileId, unit.areaCode))) {
    throw badRequest([fe(field, 'file.unknown', 'Berkas tidak ditemukan untuk unit ini; unggah dulu', 'No such file for this unit; upload it first')]);
  }
}

/**
 * Records a new board for a term. The previous board's term ends (kept as history,
 * never overwritten).
 */
export async function createBoard(ctx: Ctx, unitId: string, input: BoardCreate) {
  const unit = await manageUnit(ctx, unitId);
  if (input.termEnd < input.termStart) throw badRequest([fe('termEnd', 'term.order', 'Akhir masa bakti sebelum awalnya', 'The term ends before it starts')]);
  await checkFile(ctx, unit, input.minutesFileId, 'minutesFileId');
  const positions = await resolvePositions(ctx, unit, input.positions);
  const previous = await store.currentBoard(ctx.db, unitId, true);
  if (previous && input.termStart < previous.termStart) {
    const msg = { id: `Masa bakti baru (${input.termStart}) tidak boleh sebelum masa bakti sekarang (${previous.termStart})`, en: `The new term (${input.termStart}) cannot start before the current one (${previous.termStart})` };
    throw new AppError(409, 'term_order', msg, [{ field: 'termStart', code: 'term.before_current', message: msg }]);
  }
  const now = ctx.clock.now();
  if (previous) await store.endBoard(ctx.db, previous.id, input.chosenOn ?? now.toISOString().slice(0, 10), now);
  const id = uuidv7();
  await store.insertBoard(ctx.db, {
    id, unitId, termStart: input.termStart, termEnd: input.termEnd, chosenBy: input.chosenBy, chosenOn: input.chosenOn ?? null,
    minutesFileId: input.minutesFileId ?? null, skNumber: input.skNumber ?? null, skDate: input.skDate ?? null, skIssuer: input.skIssuer ?? null,
  }, ctx.actor.userId, now);
  await store.replacePositions(ctx.db, id, positions);
  ctx.audit.record({ action: 'org.board_created', entityType: 'ipsm_board', entityId: id, details: { unitId, term: `${input.termStart}-${input.termEnd}`, ended: previous?.id ?? null } });
  const [board] = await presentBoards(ctx, unit, [(await store.findBoard(ctx.db, id))!]);
  return board!;
}

/** Corrects the current board (SK, positions…); past boards are history and stay as they were. */
export async function updateBoard(ctx: Ctx, boardId: string, patch: Partial<BoardCreate> & { version: number }) {
  signedIn(ctx);
  const board = await store.findBoard(ctx.db, boardId, true);
  if (!board) throw notFound({ id: 'Pengurus tidak ditemukan', en: 'Board not found' });
  const unit = await manageUnit(ctx, board.unitId);
  if (board.status !== 'current') {
    const msg = { id: 'Kepengurusan yang sudah berakhir adalah riwayat dan tidak diubah', en: 'A past board is history and is not changed' };
    throw new AppError(409, 'board_ended', msg, [{ field: 'id', code: 'board.ended', message: msg }]);
  }
  if (board.version !== patch.version) throw conflict();
  await checkFile(ctx, unit, patch.minutesFileId, 'minutesFileId');
  const COLS: Record<string, string> = { termStart: 'term_start', termEnd: 'term_end', chosenBy: 'chosen_by', chosenOn: 'chosen_on', minutesFileId: 'minutes_file_id', skNumber: 'sk_number', skDate: 'sk_date', skIssuer: 'sk_issuer' };
  const set: Record<string, unknown> = {};
  for (const [k, c] of Object.entries(COLS)) if ((patch as Record<string, unknown>)[k] !== undefined) set[c] = (patch as Record<string, unknown>)[k];
  if ((patch.termEnd ?? board.termEnd) < (patch.termStart ?? board.termStart)) throw badRequest([fe('termEnd', 'term.order', 'Akhir masa bakti sebelum awalnya', 'The term ends before it starts')]);
  if (patch.positions) await store.replacePositions(ctx.db, boardId, await resolvePositions(ctx, unit, patch.positions));
  if (!(await store.updateBoard(ctx.db, boardId, patch.version, set, ctx.clock.now()))) throw conflict();
  ctx.audit.record({ action: 'org.board_updated', entityType: 'ipsm_board', entityId: boardId, details: { fields: Object.keys(patch).filter((k) => k !== 'version') } });
  const [b] = await presentBoards(ctx, unit, [(await store.findBoard(ctx.db, boardId))!]);
  return b!;
}

export async function listBoards(ctx: Ctx, unitId: string) {
  const unit = await loadUnit(ctx, unitId);
  return { items: await presentBoards(ctx, unit, await store.boardsOf(ctx.db, unitId)) };
}

/** Stores a file for a unit (minutes, training material), readable by members of its area. */
export async function uploadUnitFile(ctx: Ctx, unitId: string, bytes: Buffer, purpose: 'minutes' | 'library') {
  const unit = await manageUnit(ctx, unitId);
  const file = await ctx.files.save(ctx, { bytes, areaCode: unit.areaCode, readPermission: 'member.read', purpose: `org.${purpose}`, allowed: ['application/pdf', 'image/jpeg', 'image/png'], sharedWithArea: true });
  ctx.audit.record({ action: 'org.file_uploaded', entityType: 'ipsm_unit', entityId: unitId, details: { fileId: file.id, purpose } });
  return { fileId: file.id, contentType: file.contentType, sizeBytes: file.sizeBytes };
}

export async function createAnnouncement(ctx: Ctx, unitId: string, input: { title: string; body: string }) {
  await manageUnit(ctx, unitId);
  const id = uuidv7();
  await store.insertRow(ctx.db, 'ipsm_announcement', { id, unit_id: unitId, title: input.title, body: input.body, published_at: ctx.clock.now(), created_by: ctx.actor.userId });
  ctx.audit.record({ action: 'org.announcement_published', entityType: 'ipsm_announcement', entityId: id, details: { unitId } });
  return (await store.announcementsOfUnit(ctx.db, unitId)).find((a) => a.id === id)!;
}

export async function unitAnnouncements(ctx: Ctx, unitId: string) {
  await loadUnit(ctx, unitId);
  return { items: await store.announcementsOfUnit(ctx.db, unitId) };
}

/** Announcements addressed to an area: those of every unit whose area contains it (and IPSM Nasional). */
export async function announcementsForArea(ctx: Ctx, area: string) {
  signedIn(ctx);
  const parts = area === 'ID' ? [] : area.split('.');
  const codes = ['ID', ...parts.map((_, i) => parts.slice(0, i + 1).join('.'))];
  return { items: await store.announcementsFor(ctx.db, codes) };
}

/** What a member sees: announcements of the units whose area contains the member's village. */
export async function announcementsForMember(ctx: Ctx, memberId: string) {
  return announcementsForArea(ctx, await memberVillage(ctx, memberId));
}

export async function createEvent(ctx: Ctx, unitId: string, input: { kind: string; title: string; startsOn: string; endsOn?: string | undefined; place?: string | undefined; agenda?: string | undefined }) {
  await manageUnit(ctx, unitId);
  if (input.endsOn && input.endsOn < input.startsOn) throw badRequest([fe('endsOn', 'event.dates', 'Tanggal selesai sebelum tanggal mulai', 'The event ends before it starts')]);
  const id = uuidv7();
  await store.insertRow(ctx.db, 'ipsm_event', {
    id, unit_id: unitId, kind: input.kind, title: input.title, starts_on: input.startsOn, ends_on: input.endsOn ?? null,
    place: input.place ?? null, agenda: input.agenda ?? null, created_at: ctx.clock.now(), created_by: ctx.actor.userId,
  });
  ctx.audit.record({ action: 'org.event_created', entityType: 'ipsm_event', entityId: id, details: { unitId, kind: input.kind } });
  return getEvent(ctx, id);
}

interface EventRow {
  id: string;
  unitId: string;
  kind: 'munas' | 'musda' | 'muscab' | 'mukernas' | 'rakor' | 'bulan_bhakti' | 'sarasehan' | 'studi_banding' | 'pelatihan' | 'lainnya';
  title: string;
  startsOn: string;
  endsOn: string | null;
  place: string | null;
  agenda: string | null;
  attendees: number;
}

export async function listEvents(ctx: Ctx, unitId: string) {
  const unit = await loadUnit(ctx, unitId);
  return { items: ((await store.eventsOfUnit(ctx.db, unitId)) as EventRow[]).map((e) => ({ ...e, actions: actions(ctx, unit.areaCode) })) };
}

/** An event with its attendance list (names of members the caller may read). */
export async function getEvent(ctx: Ctx, id: string) {
  signedIn(ctx);
  const e = (await store.findEvent(ctx.db, id)) as EventRow | null;
  if (!e) throw notFound({ id: 'Kegiatan tidak ditemukan', en: 'Event not found' });
  const unit = (await store.findUnit(ctx.db, e.unitId))!;
  const att = await store.attendance(ctx.db, id);
  const names = await memberSummaries(ctx, att.map((a) => a.memberId));
  const { attendees: _n, ...event } = e;
  return {
    ...event,
    attendance: att.flatMap((a) => {
      const m = names.get(a.memberId);
      return m ? [{ memberId: a.memberId, fullName: m.fullName, villageName: m.villageName }] : [];
    }),
    actions: actions(ctx, unit.areaCode),
  };
}

/** Replaces the attendance list: members must be readable by the caller and live in the unit's area. */
export async function setAttendance(ctx: Ctx, eventId: string, memberIds: string[]) {
  signedIn(ctx);
  const e = await store.findEvent(ctx.db, eventId);
  if (!e) throw notFound({ id: 'Kegiatan tidak ditemukan', en: 'Event not found' });
  const unit = await manageUnit(ctx, e.unitId);
  const found = await memberSummaries(ctx, memberIds);
  const bad = [...new Set(memberIds)].map((id, i) => ({ id, i })).filter(({ id }) => !found.get(id) || !isWithin(found.get(id)!.villageCode, unit.areaCode));
  if (bad.length) throw badRequest(bad.map(({ i }) => fe(`memberIds[${i}]`, 'attendance.member_unknown', 'Anggota tidak ditemukan di wilayah unit ini', 'No such member in this unit’s area')));
  await store.replaceAttendance(ctx.db, eventId, [...found.entries()].map(([id, m]) => ({ id, regencyCode: m.regencyCode })), ctx.clock.now());
  ctx.audit.record({ action: 'org.attendance_recorded', entityType: 'ipsm_event', entityId: eventId, details: { count: found.size } });
  return getEvent(ctx, eventId);
}

export async function addLibraryItem(ctx: Ctx, unitId: string, input: { title: string; description?: string | undefined; url?: string | undefined; fileId?: string | undefined }) {
  const unit = await manageUnit(ctx, unitId);
  if (!!input.url === !!input.fileId) throw badRequest([fe('url', 'library.file_or_url', 'Isi tautan (url) atau berkas (fileId), salah satu', 'Give either a link (url) or a file (fileId)')]);
  await checkFile(ctx, unit, input.fileId, 'fileId');
  const id = uuidv7();
  await store.insertRow(ctx.db, 'ipsm_library_item', {
    id, unit_id: unitId, title: input.title, description: input.description ?? null, url: input.url ?? null, file_id: input.fileId ?? null,
    created_at: ctx.clock.now(), created_by: ctx.actor.userId,
  });
  ctx.audit.record({ action: 'org.library_item_added', entityType: 'ipsm_library_item', entityId: id, details: { unitId } });
  return (await store.libraryOfUnit(ctx.db, unitId)).find((x) => x.id === id)!;
}

export async function library(ctx: Ctx, unitId: string) {
  await loadUnit(ctx, unitId);
  return { items: await store.libraryOfUnit(ctx.db, unitId) };
}
