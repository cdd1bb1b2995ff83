import { randomBytes } from 'node:crypto';
import { abilities, can, isWithin, maskNik, validateNik, type Issue, type Permission } from '@pilar/domain';
import {
  isSatyalancana,
  MEMBER_TRANSITIONS,
  requirementMet,
  SATYALANCANA_MIN_YEARS,
  transitionsFrom,
  yearsSince,
  type MemberCreate,
  type MemberTransition,
  type MemberTransitionBody,
  type MemberUpdate,
} from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { forbidden, requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound, type FieldError } from '../../platform/errors';
import type { FileType } from '../../platform/files/files';
import { requireVillage } from '../areas/areas.service';
import { areaLookup } from '../reference/reference.service';
import { contribution, recordCoverageChange, type CoverageFacts } from './members.coverage';
import * as store from './members.store';
import type { MemberRow } from './members.store';

/**
 * The PSM registry (issue 4): registration (by the PSM, IPSM or Dinsos) →
 * verification by Dinsos kab/kota → active; KTA, trainings, awards, transfers and
 * the status lifecycle. NIK is protected as for persons (hash + ciphertext + mask).
 * Every change updates the coverage rollup in the same transaction.
 */
const MEMBER_ACTIONS: Permission[] = ['member.update', 'member.verify', 'member.issue_kta'];

const memberNotFound = () => notFound({ id: 'Data PSM tidak ditemukan', en: 'PSM not found' });

export const outsideScope = (field: string): AppError =>
  new AppError(403, 'outside_scope', { id: `${field}: wilayah di luar kewenangan Anda`, en: `${field}: the area is outside your scope` }, [
    { field, code: 'outside_scope', message: { id: 'Wilayah di luar kewenangan Anda', en: 'The area is outside your scope' } },
  ]);

const inScope = (scopes: string[], code: string) => scopes.some((s) => isWithin(code, s));

function transitionsFor(ctx: Ctx, row: MemberRow): MemberTransition[] {
  return transitionsFrom(row.status).filter((t) => can(ctx.actor, MEMBER_TRANSITIONS[t].permission, { areaCode: row.villageCode }));
}

function actionsFor(ctx: Ctx, row: MemberRow): Permission[] {
  const target = { areaCode: row.villageCode };
  // A KTA is issued to verified (active) members only.
  return abilities(ctx.actor, target, MEMBER_ACTIONS).filter((p) => p !== 'member.issue_kta' || row.status === 'aktif');
}

export function presentListItem(ctx: Ctx, r: MemberRow) {
  return {
    id: r.id,
    villageCode: r.villageCode,
    villageName: r.villageName,
    fullName: r.fullName,
    sex: r.sex,
    nikMasked: r.nikMasked,
    status: r.status,
    ktaNumber: r.ktaNumber,
    hasSk: !!r.skNumber,
    hasTraining: r.hasTraining,
    actions: actionsFor(ctx, r),
    transitions: transitionsFor(ctx, r),
  };
}

async function present(ctx: Ctx, r: MemberRow) {
  // One connection: the queries run one after another.
  const trainings = await store.trainings(ctx.db, r);
  const awards = await store.awards(ctx.db, r);
  const transfers = await store.transfers(ctx.db, r);
  const history = await store.statusHistory(ctx.db, r);
  const reqs = await store.requirements(ctx.db, r.regencyCode);
  const now = ctx.clock.now();
  const facts = { hasNik: true, birthDate: r.birthDate, livesInVillage: r.livesInVillage, trainings: trainings.length, healthStatement: r.healthStatement, skNumber: r.skNumber };
  const requirements = reqs.filter((q) => q.enabled).map((q) => ({ code: q.code, label: q.label, labelEn: q.labelEn, met: requirementMet(q.code, facts, now) }));
  return {
    id: r.id,
    regencyCode: r.regencyCode,
    villageCode: r.villageCode,
    villageName: r.villageName,
    districtName: r.districtName,
    regencyName: r.regencyName,
    rw: r.rw,
    fullName: r.fullName,
    sex: r.sex,
    birthDate: r.birthDate,
    age: yearsSince(r.birthDate, now) ?? 0,
    nikMasked: r.nikMasked,
    phone: r.phone,
    address: r.address,
    photoFileId: r.photoFileId,
    membershipKind: r.membershipKind,
    livesInVillage: r.livesInVillage,
    healthStatement: r.healthStatement,
    sk: r.skNumber ? { number: r.skNumber, date: r.skDate, issuer: r.skIssuer, fileId: r.skFileId } : null,
    kta: r.ktaNumber && r.ktaKind ? { number: r.ktaNumber, kind: r.ktaKind, date: r.ktaDate } : null,
    status: r.status,
    statusDate: r.statusDate,
    statusReason: r.statusReason,
    statusBasis: r.statusBasis,
    returnReason: r.returnReason,
    activeSince: r.activeSince,
    source: r.source,
    requirements,
    requirementsMet: requirements.every((q) => q.met),
    trainings,
    awards,
    transfers,
    statusHistory: history,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    actions: actionsFor(ctx, r),
    transitions: transitionsFor(ctx, r),
  };
}
export type MemberView = Awaited<ReturnType<typeof present>>;

const facts = (r: MemberRow): CoverageFacts => ({ villageCode: r.villageCode, status: r.status, skNumber: r.skNumber, ktaNumber: r.ktaNumber, hasTraining: r.hasTraining });

async function loadInScope(ctx: Ctx, id: string, permission: Permission, forUpdate = false): Promise<MemberRow> {
  requireAccess(ctx.actor, permission);
  const row = await store.findMember(ctx.db, id, scopeOf(ctx.actor, permission), forUpdate);
  if (!row) throw memberNotFound();
  return row;
}

const versionConflict = (current: number) =>
  new AppError(409, 'version_conflict', {
    id: `Data ini sudah diubah orang lain (versi sekarang ${current}); muat ulang lalu ulangi`,
    en: `Someone else changed this record (current version ${current}); reload and try again`,
  }, [{ field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } }]);

function checkVersion(row: MemberRow, version: number) {
  if (row.version !== version) throw versionConflict(row.version);
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === constraint;
}

export interface ProtectedNik {
  hash: Buffer;
  enc: Buffer;
  masked: string;
  warnings: Issue[];
}

/** Validates (hard rules reject, soft rules warn) and protects a NIK. */
export async function protectNik(ctx: Ctx, nik: string, declared: { sex: 'L' | 'P'; birthDate: string }): Promise<ProtectedNik | { errors: Issue[] }> {
  const result = validateNik(nik, declared, await areaLookup(ctx.db), ctx.clock.now());
  if (!result.valid) return { errors: result.errors };
  const value = nik.trim();
  return { hash: ctx.ids.hash('nik', value), enc: ctx.ids.encrypt('nik', value), masked: maskNik(value), warnings: result.warnings };
}

/** A random token for the card's QR code (not derived from the id or NIK). */
export const newVerifyToken = () => randomBytes(18).toString('base64url');

function sourceOf(ctx: Ctx): 'ipsm' | 'dinsos' {
  return ctx.actor.grants.some((g) => g.role === 'ipsm_pengurus') && !ctx.actor.grants.some((g) => g.role.startsWith('dinsos')) ? 'ipsm' : 'dinsos';
}

function ageWarnings(birthDate: string, now: Date): Issue[] {
  const age = yearsSince(birthDate, now);
  return age !== null && age < 18
    ? [{ code: 'member.age_under_18', field: 'birthDate', message: { id: `Usia ${age} tahun: syarat usia minimal 18 tahun belum terpenuhi`, en: `Age ${age}: the minimum age of 18 is not met` } }]
    : [];
}

interface NewMember {
  input: Omit<MemberCreate, 'membershipKind'> & { membershipKind?: 'biasa' | 'kehormatan' | undefined };
  source: 'mandiri' | 'ipsm' | 'dinsos';
}

/** Inserts a registration (status diajukan) after the caller checked who may do it. */
async function insertRegistration(ctx: Ctx, { input, source }: NewMember, opts: { revealExisting: boolean }) {
  const village = await requireVillage(ctx.db, input.villageCode, 'villageCode');
  const nik = await protectNik(ctx, input.nik, { sex: input.sex, birthDate: input.birthDate });
  if ('errors' in nik) throw badRequest(nik.errors);
  const id = input.id ?? uuidv7();
  const now = ctx.clock.now();
  const regencyCode = village.code.slice(0, 5);
  await ctx.db.query('SAVEPOINT member_insert');
  try {
    await store.insertMembers(ctx.db, [
      {
        id,
        regency_code: regencyCode,
        village_code: village.code,
        rw: input.rw ? input.rw.padStart(3, '0') : null,
        full_name: input.fullName,
        sex: input.sex,
        birth_date: input.birthDate,
        nik_hash: nik.hash,
        nik_enc: nik.enc,
        nik_masked: nik.masked,
        phone: input.phone ?? null,
        address: input.address ?? null,
        membership_kind: input.membershipKind ?? 'biasa',
        lives_in_village: input.livesInVillage ?? true,
        health_statement: input.healthStatement ?? false,
        sk_number: input.skNumber ?? null,
        sk_date: input.skDate ?? null,
        sk_issuer: input.skIssuer ?? null,
        kta_number: null,
        kta_kind: null,
        kta_date: null,
        status: 'diajukan',
        status_date: null,
        active_since: null,
        source,
        verify_token: newVerifyToken(),
        has_training: false,
        created_at: now,
        created_by: ctx.actor.userId,
        updated_at: now,
        updated_by: ctx.actor.userId,
      },
    ]);
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT member_insert');
    if (isUniqueViolation(err, 'member_nik_unique')) {
      const existing = opts.revealExisting ? (await store.findByNikHashes(ctx.db, [nik.hash])).get(nik.hash.toString('hex')) : undefined;
      const visible = existing && inScope(scopeOf(ctx.actor, 'member.read'), existing.villageCode);
      throw new AppError(
        409,
        'duplicate_nik',
        visible
          ? { id: `NIK ini sudah terdaftar sebagai PSM (id ${existing.id})`, en: `This NIK is already registered as a PSM (id ${existing.id})` }
          : { id: 'NIK ini sudah terdaftar sebagai PSM', en: 'This NIK is already registered as a PSM' },
        [{ field: 'nik', code: 'nik.duplicate', message: { id: 'NIK sudah terdaftar', en: 'NIK already registered' } }],
      );
    }
    if (isUniqueViolation(err, 'member_pkey')) {
      throw new AppError(409, 'duplicate_id', { id: 'ID data sudah dipakai', en: 'This id is already used' }, [
        { field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } },
      ]);
    }
    throw err;
  }
  await store.insertStatusEvent(ctx.db, {
    regencyCode, id: uuidv7(), memberId: id, from: null, to: 'diajukan', note: `sumber: ${source}`, at: now, actorId: ctx.actor.userId, actorLabel: ctx.actor.username,
  });
  ctx.audit.record({
    action: 'member.registered',
    entityType: 'member',
    entityId: id,
    personId: id,
    regencyCode,
    details: { source, fields: Object.keys(input).filter((k) => k !== 'nik').sort() },
  });
  return { id, warnings: [...nik.warnings, ...ageWarnings(input.birthDate, now)] };
}

/** Registers a PSM by IPSM (member.create) or Dinsos: lands as `diajukan`, to be verified by Dinsos. */
export async function createMember(ctx: Ctx, input: MemberCreate) {
  requireAccess(ctx.actor, 'member.create');
  if (!inScope(scopeOf(ctx.actor, 'member.create'), input.villageCode)) throw outsideScope('villageCode');
  const { id, warnings } = await insertRegistration(ctx, { input, source: sourceOf(ctx) }, { revealExisting: true });
  const row = await store.findMember(ctx.db, id, ['ID']);
  return { ...(await present(ctx, row!)), warnings };
}

export async function getMember(ctx: Ctx, id: string) {
  const row = await loadInScope(ctx, id, 'member.read');
  ctx.audit.record({ action: 'member.read', entityType: 'member', entityId: id, personId: id, regencyCode: row.regencyCode });
  return present(ctx, row);
}

export async function listMembers(ctx: Ctx, f: Omit<store.MemberFilter, 'limit' | 'offset'> & { page: number; pageSize: number }) {
  requireAccess(ctx.actor, 'member.read');
  const { page, pageSize, ...filter } = f;
  const { rows, total } = await store.listMembers(ctx.db, scopeOf(ctx.actor, 'member.read'), { ...filter, limit: pageSize, offset: (page - 1) * pageSize });
  if (rows.length) {
    ctx.audit.record({ action: 'member.listed', entityType: 'member', details: { ids: rows.map((r) => r.id), area: f.area ?? null, searched: Boolean(f.q), page } });
  }
  return { items: rows.map((r) => presentListItem(ctx, r)), page, pageSize, total };
}

const COLUMN: Record<string, string> = {
  rw: 'rw',
  fullName: 'full_name',
  sex: 'sex',
  birthDate: 'birth_date',
  phone: 'phone',
  address: 'address',
  membershipKind: 'membership_kind',
  livesInVillage: 'lives_in_village',
  healthStatement: 'health_statement',
  skNumber: 'sk_number',
  skDate: 'sk_date',
  skIssuer: 'sk_issuer',
};

/** Edits a PSM's record (never its village: that is a transfer); version checked. */
export async function updateMember(ctx: Ctx, id: string, patch: MemberUpdate) {
  const row = await loadInScope(ctx, id, 'member.update', true);
  checkVersion(row, patch.version);
  const set: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(COLUMN)) {
    const v = (patch as Record<string, unknown>)[k];
    if (v !== undefined) set[col] = k === 'rw' && typeof v === 'string' ? v.padStart(3, '0') : v;
  }
  if (patch.skNumber === null) Object.assign(set, { sk_date: null, sk_issuer: null, sk_file_id: null });
  if (!(await store.updateMember(ctx.db, { id, regencyCode: row.regencyCode, version: patch.version }, set, ctx.actor.userId, ctx.clock.now()))) {
    throw versionConflict(row.version);
  }
  const after = (await store.findMember(ctx.db, id, ['ID']))!;
  await recordCoverageChange(ctx.db, facts(row), facts(after));
  ctx.audit.record({
    action: 'member.updated', entityType: 'member', entityId: id, personId: id, regencyCode: row.regencyCode,
    details: { fields: Object.keys(patch).filter((k) => k !== 'version').sort() },
  });
  const warnings = patch.birthDate ? ageWarnings(patch.birthDate, ctx.clock.now()) : [];
  return { ...(await present(ctx, after)), warnings };
}

const fieldError = (field: string, code: string, id: string, en: string): FieldError => ({ field, code, message: { id, en } });

/** One lifecycle step (verify, return, resubmit, deactivate, reactivate, stop), recorded as history. */
export async function transition(ctx: Ctx, id: string, body: MemberTransitionBody) {
  const name = body.transition as MemberTransition;
  const rule = MEMBER_TRANSITIONS[name];
  const row = await loadInScope(ctx, id, 'member.read', true);
  requireAccess(ctx.actor, rule.permission, { areaCode: row.villageCode });
  checkVersion(row, body.version);
  if (!(rule.from as readonly string[]).includes(row.status)) {
    const msg = {
      id: `Tidak dapat ${name} dari status ${row.status} (hanya dari: ${rule.from.join(', ')})`,
      en: `Cannot ${name} from status ${row.status} (only from: ${rule.from.join(', ')})`,
    };
    throw new AppError(409, 'invalid_transition', msg, [{ field: 'transition', code: 'member.invalid_transition', message: msg }]);
  }
  const errors: FieldError[] = [];
  if (name === 'return' && !body.reason) errors.push(fieldError('reason', 'reason.required', 'Alasan pengembalian wajib diisi', 'A reason is required to return a registration'));
  if (name === 'stop' && !body.stopReason) errors.push(fieldError('stopReason', 'stopReason.required', 'Alasan berhenti wajib dipilih', 'Choose why the membership stops'));
  if (errors.length) throw badRequest(errors);
  const now = ctx.clock.now();
  const today = body.date ?? now.toISOString().slice(0, 10);
  const set: Record<string, unknown> = { status: rule.to, status_date: today, status_basis: body.basis ?? null, status_reason: null };
  if (name === 'verify') {
    set.active_since = row.activeSince ?? today;
    set.return_reason = null;
  }
  if (name === 'return') set.return_reason = body.reason;
  if (name === 'stop') set.status_reason = body.stopReason;
  if (!(await store.updateMember(ctx.db, { id, regencyCode: row.regencyCode, version: body.version }, set, ctx.actor.userId, now))) {
    throw versionConflict(row.version);
  }
  await store.insertStatusEvent(ctx.db, {
    regencyCode: row.regencyCode, id: uuidv7(), memberId: id, from: row.status, to: rule.to,
    reason: name === 'stop' ? (body.stopReason ?? null) : (body.reason ?? null), basis: body.basis ?? null, note: body.note ?? null,
    effectiveDate: today, at: now, actorId: ctx.actor.userId, actorLabel: ctx.actor.username,
  });
  const after = (await store.findMember(ctx.db, id, ['ID']))!;
  await recordCoverageChange(ctx.db, facts(row), facts(after));
  ctx.audit.record({
    action: `member.${name}`, entityType: 'member', entityId: id, personId: id, regencyCode: row.regencyCode,
    details: { from: row.status, to: rule.to, ...(body.stopReason ? { stopReason: body.stopReason } : {}) },
  });
  return present(ctx, after);
}

/**
 * Issues (or upgrades) the KTA. Sementara: by IPSM kab/kota (member.issue_kta over the
 * member's area); tetap: by IPSM Nasional only (DOMAIN.md §1). Active members only.
 */
export async function issueKta(ctx: Ctx, id: string, body: { number: string; kind: 'sementara' | 'tetap'; date: string; version: number }) {
  const row = await loadInScope(ctx, id, 'member.read', true);
  requireAccess(ctx.actor, 'member.issue_kta', { areaCode: row.villageCode });
  checkVersion(row, body.version);
  if (body.kind === 'tetap' && !scopeOf(ctx.actor, 'member.issue_kta').includes('ID')) {
    const msg = { id: 'KTA tetap diterbitkan oleh IPSM Nasional', en: 'A permanent KTA is issued by IPSM Nasional' };
    throw new AppError(403, 'kta_national_only', msg, [{ field: 'kind', code: 'kta.national_only', message: msg }]);
  }
  if (row.status !== 'aktif') {
    const msg = { id: `KTA hanya untuk PSM aktif (status sekarang ${row.status})`, en: `A KTA is issued to active PSM only (status is ${row.status})` };
    throw new AppError(409, 'member_not_active', msg, [{ field: 'status', code: 'member.not_active', message: msg }]);
  }
  await ctx.db.query('SAVEPOINT kta');
  try {
    if (!(await store.updateMember(ctx.db, { id, regencyCode: row.regencyCode, version: body.version }, { kta_number: body.number, kta_kind: body.kind, kta_date: body.date }, ctx.actor.userId, ctx.clock.now()))) {
      throw versionConflict(row.version);
    }
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT kta');
    if (isUniqueViolation(err, 'member_kta_unique')) {
      const msg = { id: `Nomor KTA ${body.number} sudah dipakai`, en: `KTA number ${body.number} is already used` };
      throw new AppError(409, 'duplicate_kta', msg, [{ field: 'number', code: 'kta.duplicate', message: msg }]);
    }
    throw err;
  }
  const after = (await store.findMember(ctx.db, id, ['ID']))!;
  await recordCoverageChange(ctx.db, facts(row), facts(after));
  ctx.audit.record({ action: 'member.kta_issued', entityType: 'member', entityId: id, personId: id, regencyCode: row.regencyCode, details: { kind: body.kind, previous: row.ktaKind } });
  return present(ctx, after);
}

/**
 * A PSM moves to another village: a recorded transfer, not an edit. Within the regency
 * the village changes; to another regency the record is re-keyed (delete + insert with
 * the same id and its whole history) in this transaction.
 */
export async function transfer(ctx: Ctx, id: string, body: { toVillageCode: string; movedOn: string; reason: string; version: number }) {
  const row = await loadInScope(ctx, id, 'member.update', true);
  checkVersion(row, body.version);
  const village = await requireVillage(ctx.db, body.toVillageCode, 'toVillageCode');
  if (village.code === row.villageCode) {
    throw badRequest([fieldError('toVillageCode', 'transfer.same_village', 'Desa tujuan sama dengan desa sekarang', 'The destination is the current village')]);
  }
  if (!inScope(scopeOf(ctx.actor, 'member.update'), village.code)) throw outsideScope('toVillageCode');
  const now = ctx.clock.now();
  const toRegency = village.code.slice(0, 5);
  if (toRegency !== row.regencyCode) {
    await store.moveRegency(ctx.db, id, row.regencyCode, toRegency, village.code);
    await store.updateMember(ctx.db, { id, regencyCode: toRegency, version: row.version }, {}, ctx.actor.userId, now);
  } else {
    await store.updateMember(ctx.db, { id, regencyCode: row.regencyCode, version: row.version }, { village_code: village.code }, ctx.actor.userId, now);
  }
  await store.insertRows(ctx.db, 'member_transfer', ['regency_code', 'id', 'member_id', 'from_village_code', 'to_village_code', 'moved_on', 'reason', 'at', 'actor_id'], [
    [toRegency, uuidv7(), id, row.villageCode, village.code, body.movedOn, body.reason, now, ctx.actor.userId],
  ]);
  const after = (await store.findMember(ctx.db, id, ['ID']))!;
  await recordCoverageChange(ctx.db, facts(row), facts(after));
  ctx.audit.record({
    action: 'member.transferred', entityType: 'member', entityId: id, personId: id, regencyCode: row.regencyCode,
    details: { from: row.villageCode, to: village.code, regencyChanged: toRegency !== row.regencyCode },
  });
  if (toRegency !== row.regencyCode) {
    ctx.audit.record({ action: 'member.transferred_in', entityType: 'member', entityId: id, personId: id, regencyCode: toRegency, details: { from: row.villageCode, to: village.code } });
  }
  return present(ctx, after);
}

export async function addTraining(ctx: Ctx, id: string, body: { trainedOn: string; title: string; organiser: string; certificateFileId?: string | undefined }) {
  const row = await loadInScope(ctx, id, 'member.update', true);
  const trainingId = uuidv7();
  const now = ctx.clock.now();
  await store.insertRows(ctx.db, 'member_training', ['regency_code', 'id', 'member_id', 'trained_on', 'title', 'organiser', 'certificate_file_id', 'created_at', 'created_by'], [
    [row.regencyCode, trainingId, id, body.trainedOn, body.title, body.organiser, body.certificateFileId ?? null, now, ctx.actor.userId],
  ]);
  if (!row.hasTraining) {
    await store.updateMember(ctx.db, { id, regencyCode: row.regencyCode, version: row.version }, { has_training: true }, ctx.actor.userId, now);
  }
  const after = (await store.findMember(ctx.db, id, ['ID']))!;
  await recordCoverageChange(ctx.db, facts(row), facts(after));
  ctx.audit.record({ action: 'member.training_added', entityType: 'member', entityId: id, personId: id, regencyCode: row.regencyCode, details: { trainingId } });
  return present(ctx, after);
}

/** Records an award; warns when a Satyalancana Kebaktian Sosial comes before 5 years of service. */
export async function addAward(ctx: Ctx, id: string, body: { level: 'desa' | 'kecamatan' | 'kabkota' | 'provinsi' | 'nasional'; awardType: string; skNumber?: string | undefined; awardedOn: string }) {
  const row = await loadInScope(ctx, id, 'member.update', true);
  const warnings: Issue[] = [];
  if (isSatyalancana(body.awardType)) {
    if (body.level !== 'nasional') warnings.push({ code: 'award.satyalancana_national', field: 'level', message: { id: 'Satyalancana Kebaktian Sosial adalah penghargaan tingkat nasional', en: 'The Satyalancana Kebaktian Sosial is a national award' } });
    const years = row.activeSince ? yearsSince(row.activeSince, new Date(`${body.awardedOn}T12:00:00`)) : null;
    if (years === null || years < SATYALANCANA_MIN_YEARS) {
      warnings.push({
        code: 'award.satyalancana_service',
        field: 'awardedOn',
        message: {
          id: `Masa pengabdian ${years ?? 0} tahun; Satyalancana Kebaktian Sosial biasanya minimal ${SATYALANCANA_MIN_YEARS} tahun`,
          en: `${years ?? 0} years of service; the Satyalancana Kebaktian Sosial usually needs at least ${SATYALANCANA_MIN_YEARS}`,
        },
      });
    }
  }
  const awardId = uuidv7();
  await store.insertRows(ctx.db, 'member_award', ['regency_code', 'id', 'member_id', 'level', 'award_type', 'sk_number', 'awarded_on', 'created_at', 'created_by'], [
    [row.regencyCode, awardId, id, body.level, body.awardType, body.skNumber ?? null, body.awardedOn, ctx.clock.now(), ctx.actor.userId],
  ]);
  ctx.audit.record({ action: 'member.award_added', entityType: 'member', entityId: id, personId: id, regencyCode: row.regencyCode, details: { awardId, level: body.level } });
  return { ...(await present(ctx, row)), warnings };
}

const DOCUMENT_TYPES: Record<'photo' | 'sk' | 'certificate', FileType[]> = {
  photo: ['image/jpeg', 'image/png'],
  sk: ['application/pdf', 'image/jpeg', 'image/png'],
  certificate: ['application/pdf', 'image/jpeg', 'image/png'],
};

/** Stores a photo, scanned SK or training certificate for a member (readable with member.read in its area). */
export async function uploadDocument(ctx: Ctx, id: string, kind: 'photo' | 'sk' | 'certificate', bytes: Buffer) {
  const row = await loadInScope(ctx, id, 'member.update', true);
  const file = await ctx.files.save(ctx, { bytes, areaCode: row.villageCode, readPermission: 'member.read', purpose: `member.${kind}`, allowed: DOCUMENT_TYPES[kind] });
  if (kind !== 'certificate') {
    await store.updateMember(ctx.db, { id, regencyCode: row.regencyCode, version: row.version }, kind === 'photo' ? { photo_file_id: file.id } : { sk_file_id: file.id }, ctx.actor.userId, ctx.clock.now());
  }
  ctx.audit.record({ action: `member.${kind}_uploaded`, entityType: 'member', entityId: id, personId: id, regencyCode: row.regencyCode, details: { fileId: file.id } });
  return { fileId: file.id, contentType: file.contentType, sizeBytes: file.sizeBytes };
}

/** The requirement checklist as configured for a regency. */
export async function requirementSettings(ctx: Ctx, regencyCode: string) {
  requireAccess(ctx.actor, 'member.read', { areaCode: regencyCode });
  const items = await store.requirements(ctx.db, regencyCode);
  return { regencyCode, items, actions: abilities(ctx.actor, { areaCode: regencyCode }, ['member.verify']) };
}

/** Dinsos kab/kota (member.verify) switches requirements on or off for its regency. */
export async function updateRequirementSettings(ctx: Ctx, regencyCode: string, items: { code: string; enabled: boolean }[]) {
  requireAccess(ctx.actor, 'member.verify', { areaCode: regencyCode });
  await requireVillageOrRegency(ctx, regencyCode);
  const known = await store.knownRequirementCodes(ctx.db);
  const unknown = items.map((i, n) => ({ i, n })).filter(({ i }) => !known.has(i.code));
  if (unknown.length) {
    throw badRequest(unknown.map(({ i, n }) => fieldError(`items[${n}].code`, 'requirement.unknown', `Syarat ${i.code} tidak dikenal`, `Unknown requirement ${i.code}`)));
  }
  await store.upsertRequirementSettings(ctx.db, regencyCode, items, ctx.actor.userId, ctx.clock.now());
  ctx.audit.record({ action: 'member.requirements_configured', entityType: 'member_requirement', entityId: regencyCode, regencyCode, details: { items } });
  return requirementSettings(ctx, regencyCode);
}

async function requireVillageOrRegency(ctx: Ctx, code: string) {
  const { rows } = await ctx.db.query(`SELECT 1 FROM area WHERE code = $1 AND level = 'regency'`, [code]);
  if (!rows[0]) throw notFound({ id: `Kabupaten/kota ${code} tidak ditemukan`, en: `No regency ${code}` });
}

export { forbidden, memberNotFound, facts as coverageFacts, insertRegistration };

/** Names and villages of members the caller may read (for other modules: boards, events). */
export async function memberSummaries(ctx: Ctx, ids: string[]): Promise<Map<string, { fullName: string; villageCode: string; villageName: string; regencyCode: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await store.findMembers(ctx.db, [...new Set(ids)], scopeOf(ctx.actor, 'member.read'));
  return new Map(rows.map((r) => [r.id, { fullName: r.fullName, villageCode: r.villageCode, villageName: r.villageName, regencyCode: r.regencyCode }]));
}

/** The village of a member the caller may read (404 otherwise): for announcements addressed to it. */
export async function memberVillage(ctx: Ctx, id: string): Promise<string> {
  const row = await loadInScope(ctx, id, 'member.read');
  return row.villageCode;
}

export interface BulkMember {
  villageCode: string;
  fullName: string;
  sex: 'L' | 'P';
  birthDate: string;
  nik: string;
  phone: string | null;
  sk: { number: string; date: string; issuer: string } | null;
  kta: { number: string; kind: 'sementara' | 'tetap'; date: string } | null;
  status: 'diajukan' | 'aktif' | 'tidak_aktif' | 'berhenti';
  stopReason: 'mengundurkan_diri' | 'meninggal' | 'pindah_domisili' | 'diberhentikan' | null;
  activeSince: string | null;
  training: { trainedOn: string; title: string; organiser: string } | null;
  healthStatement: boolean;
}

/**
 * Bulk registration (demo data, future import jobs): the same rules as one by one —
 * valid NIK (hard rules), village in the caller's member.create scope — written with
 * multi-row inserts, its history and the coverage rollup in the caller's transaction.
 * Returns the new ids in input order. Audit: one summary event per regency.
 */
export async function bulkLoadMembers(ctx: Ctx, input: BulkMember[], source: 'demo' | 'impor'): Promise<string[]> {
  requireAccess(ctx.actor, 'member.create');
  const scopes = scopeOf(ctx.actor, 'member.create');
  const lookup = await areaLookup(ctx.db);
  const now = ctx.clock.now();
  const rows: store.MemberInsert[] = [];
  const trainings: unknown[][] = [];
  const events: unknown[][] = [];
  for (const [i, m] of input.entries()) {
    if (!inScope(scopes, m.villageCode)) throw outsideScope(`[${i}].villageCode`);
    const check = validateNik(m.nik, { sex: m.sex, birthDate: m.birthDate }, lookup, now);
    if (!check.valid) throw badRequest(check.errors.map((e) => ({ ...e, field: `[${i}].${e.field}` })));
    const id = uuidv7();
    const regency = m.villageCode.slice(0, 5);
    rows.push({
      id, regency_code: regency, village_code: m.villageCode, rw: null, full_name: m.fullName, sex: m.sex, birth_date: m.birthDate,
      nik_hash: ctx.ids.hash('nik', m.nik), nik_enc: ctx.ids.encrypt('nik', m.nik), nik_masked: maskNik(m.nik), phone: m.phone, address: null,
      membership_kind: 'biasa', lives_in_village: true, health_statement: m.healthStatement, sk_number: m.sk?.number ?? null, sk_date: m.sk?.date ?? null,
      sk_issuer: m.sk?.issuer ?? null, kta_number: m.kta?.number ?? null, kta_kind: m.kta?.kind ?? null, kta_date: m.kta?.date ?? null,
      status: m.status, status_date: m.status === 'diajukan' ? null : (m.activeSince ?? null), active_since: m.activeSince, source,
      verify_token: newVerifyToken(), has_training: !!m.training, created_at: now, created_by: ctx.actor.userId, updated_at: now, updated_by: ctx.actor.userId,
    });
    if (m.status === 'berhenti') rows[rows.length - 1]!.status_reason = m.stopReason ?? 'mengundurkan_diri';
    if (m.training) trainings.push([regency, uuidv7(), id, m.training.trainedOn, m.training.title, m.training.organiser, now, ctx.actor.userId]);
    events.push([regency, uuidv7(), id, null, m.status, `sumber: ${source}`, now, ctx.actor.userId, ctx.actor.username]);
  }
  const cols = [...store.MEMBER_COLUMNS, 'status_reason'] as const;
  for (let i = 0; i < rows.length; i += 500) {
    await store.insertRows(ctx.db, 'member', cols, rows.slice(i, i + 500).map((r) => cols.map((c) => (r as Record<string, unknown>)[c] ?? null)));
  }
  for (let i = 0; i < trainings.length; i += 1000) {
    await store.insertRows(ctx.db, 'member_training', ['regency_code', 'id', 'member_id', 'trained_on', 'title', 'organiser', 'created_at', 'created_by'], trainings.slice(i, i + 1000));
  }
  for (let i = 0; i < events.length; i += 1000) {
    await store.insertRows(ctx.db, 'member_status_event', ['regency_code', 'id', 'member_id', 'from_status', 'to_status', 'note', 'at', 'actor_id', 'actor_label'], events.slice(i, i + 1000));
  }
  await store.applyCoverageDeltas(ctx.db, input.map((m) => contribution({ villageCode: m.villageCode, status: m.status, skNumber: m.sk?.number ?? null, ktaNumber: m.kta?.number ?? null, hasTraining: !!m.training })));
  const byRegency = new Map<string, number>();
  for (const r of rows) byRegency.set(r.regency_code as string, (byRegency.get(r.regency_code as string) ?? 0) + 1);
  for (const [regencyCode, count] of byRegency) ctx.audit.record({ action: `member.bulk_loaded`, entityType: 'member', regencyCode, details: { source, count } });
  return rows.map((r) => r.id as string);
}
