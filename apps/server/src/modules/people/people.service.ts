import { abilities, maskNik, validateNik, type Issue, type Permission } from '@pilar/domain';
import type { PersonCreate, PersonUpdate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound, type FieldError } from '../../platform/errors';
import { requireVillage } from '../areas/areas.service';
import { areaLookup } from '../reference/reference.service';
import * as store from './people.store';
import { assertEditable } from './privacy-hooks';
import type { PersonRow } from './people.store';
import { candidatesFor, type Candidate } from './duplicates.service';
import { requireAttachedFile } from './files';
import { moveWithinRegency } from './relocate.store';

/** Actions a caller may be offered on a person record. */
const PERSON_ACTIONS: Permission[] = ['person.update', 'person.reveal_nik', 'person.history', 'person.merge', 'case.create', 'case.transfer'];

export type PersonView = PersonRow & { actions: Permission[] };

function present(ctx: Ctx, row: PersonRow): PersonView {
  return { ...row, actions: abilities(ctx.actor, { areaCode: row.villageCode }, PERSON_ACTIONS) };
}

const outsideScope = (field: string): AppError =>
  new AppError(403, 'outside_scope', { id: `${field}: wilayah di luar kewenangan Anda`, en: `${field}: the area is outside your scope` }, [
    { field, code: 'outside_scope', message: { id: 'Wilayah di luar kewenangan Anda', en: 'The area is outside your scope' } },
  ]);

/** Permissions that only read: a restricted person (UU PDP Pasal 11) stays readable for them. */
const READ_ONLY: ReadonlySet<Permission> = new Set<Permission>(['person.read', 'person.history', 'person.reveal_nik', 'privacy.manage']);

export async function loadInScope(ctx: Ctx, id: string, permission: Permission): Promise<PersonRow> {
  requireAccess(ctx.actor, permission);
  const row = await store.findPerson(ctx.db, id, scopeOf(ctx.actor, permission));
  if (!row) throw notFound({ id: 'Data orang tidak ditemukan', en: 'Person not found' });
  // Every change to a person or their records starts here: a restricted record is read-only (423).
  if (!READ_ONLY.has(permission)) assertEditable(ctx, row);
  return row;
}

interface ProtectedNik {
  hash: Buffer;
  enc: Buffer;
  masked: string;
  warnings: Issue[];
}

async function protectNik(ctx: Ctx, nik: string, declared: { sex?: 'L' | 'P' | null; birthDate?: string | null }): Promise<ProtectedNik> {
  const result = validateNik(
    nik,
    { ...(declared.sex ? { sex: declared.sex } : {}), ...(declared.birthDate ? { birthDate: declared.birthDate } : {}) },
    await areaLookup(ctx.db),
    ctx.clock.now(),
  );
  if (!result.valid) throw badRequest(result.errors);
  const value = nik.trim();
  return { hash: ctx.ids.hash('nik', value), enc: ctx.ids.encrypt('nik', value), masked: maskNik(value), warnings: result.warnings };
}

function nikChoiceErrors(nik: string | undefined, reason: string | undefined, required: boolean): FieldError[] {
  if (nik !== undefined && reason !== undefined) {
    return [{ field: 'nikMissingReason', code: 'nik.both', message: { id: 'Isi NIK atau alasan tidak ada NIK, bukan keduanya', en: 'Give either a NIK or the reason there is none, not both' } }];
  }
  if (required && nik === undefined && reason === undefined) {
    return [{ field: 'nik', code: 'nik.required', message: { id: 'NIK wajib diisi, atau pilih alasan tidak ada NIK', en: 'NIK is required, or choose why there is none' } }];
  }
  return [];
}

/** Maps the unique-NIK index violation to a 409 that reveals nothing outside the caller's scope. */
async function duplicateNik(ctx: Ctx, hash: Buffer): Promise<AppError> {
  const existing = await store.findPersonIdByNikHash(ctx.db, hash, scopeOf(ctx.actor, 'person.read'));
  return new AppError(
    409,
    existing ? 'duplicate_nik' : 'nik_registered_elsewhere',
    existing
      ? { id: `NIK ini sudah terdaftar (id ${existing}); buka data yang ada`, en: `This NIK is already registered (id ${existing}); open the existing record` }
      : { id: 'NIK ini sudah terdaftar di wilayah lain; ajukan perpindahan', en: 'This NIK is registered in another area; request a transfer' },
    [{ field: 'nik', code: 'nik.duplicate', message: { id: 'NIK sudah terdaftar', en: 'NIK already registered' } }],
  );
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === constraint;
}

/** Registers a person (pendataan). NIK is validated, hashed for dedup and encrypted. */
export async function createPerson(ctx: Ctx, input: PersonCreate): Promise<PersonView & { warnings: Issue[]; candidates: Candidate[] }> {
  requireAccess(ctx.actor, 'person.create');
  const errors = nikChoiceErrors(input.nik, input.nikMissingReason, true);
  if (errors.length) throw badRequest(errors);
  const village = await requireVillage(ctx.db, input.villageCode, 'villageCode');
  if (!scopeOf(ctx.actor, 'person.create').some((s) => s === 'ID' || village.code === s || village.code.startsWith(`${s}.`))) {
    throw outsideScope('villageCode');
  }
  const nik = input.nik !== undefined ? await protectNik(ctx, input.nik, input) : null;
  const id = input.id ?? uuidv7();
  const regencyCode = village.code.slice(0, 5);
  await ctx.db.query('SAVEPOINT person_insert');
  try {
    await store.insertPerson(
      ctx.db,
      {
        id,
        regencyCode,
        villageCode: village.code,
        rw: input.rw ? input.rw.padStart(3, '0') : null,
        rt: input.rt ? input.rt.padStart(3, '0') : null,
        fullName: input.fullName,
        aliases: input.aliases ?? [],
        sex: input.sex ?? null,
        birthDate: input.birthDate ?? null,
        birthDateEstimated: input.birthDateEstimated ?? false,
        birthPlace: input.birthPlace ?? null,
        nikHash: nik?.hash ?? null,
        nikEnc: nik?.enc ?? null,
        nikMasked: nik?.masked ?? null,
        nikMissingReason: nik ? null : (input.nikMissingReason ?? null),
        address: input.address ?? null,
        phone: input.phone ?? null,
        disabilityTypes: input.disabilityTypes ?? [],
        disabilitySeverity: input.disabilitySeverity ?? null,
        photoFileId: input.photoFileId ? await requireAttachedFile(ctx, input.photoFileId, village.code, 'photoFileId') : null,
      },
      ctx.actor.userId,
      ctx.clock.now(),
    );
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT person_insert');
    if (nik && isUniqueViolation(err, 'person_nik_unique')) throw await duplicateNik(ctx, nik.hash);
    if (isUniqueViolation(err, 'person_pkey')) {
      throw new AppError(409, 'duplicate_id', { id: 'ID data sudah dipakai', en: 'This id is already used' }, [
        { field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } },
      ]);
    }
    throw err;
  }
  ctx.audit.record({
    action: 'person.created',
    entityType: 'person',
    entityId: id,
    personId: id,
    regencyCode,
    details: { fields: Object.keys(input).filter((k) => k !== 'nik').sort(), nik: nik ? 'provided' : input.nikMissingReason },
  });
  const row = await store.findPerson(ctx.db, id, ['ID']);
  // Near matches never block registration: they are shown so the PSM can merge later.
  const candidates = await candidatesFor(ctx, {
    villageCode: village.code,
    fullName: input.fullName,
    birthYear: input.birthDate ? Number(input.birthDate.slice(0, 4)) : null,
    excludeId: id,
  });
  return { ...present(ctx, row!), warnings: nik?.warnings ?? [], candidates };
}

/** One person's record (masked NIK); the read is audited (UU PDP). */
export async function getPerson(ctx: Ctx, id: string): Promise<PersonView> {
  const row = await loadInScope(ctx, id, 'person.read');
  ctx.audit.record({ action: 'person.read', entityType: 'person', entityId: id, personId: id, regencyCode: row.regencyCode });
  return present(ctx, row);
}

export async function listPersons(ctx: Ctx, f: { area?: string; q?: string; ppks?: number; caseStatus?: string; page: number; pageSize: number }) {
  requireAccess(ctx.actor, 'person.read');
  const { rows, total } = await store.listPersons(ctx.db, scopeOf(ctx.actor, 'person.read'), {
    ...(f.area ? { area: f.area } : {}),
    ...(f.q ? { q: f.q } : {}),
    ...(f.ppks !== undefined ? { ppks: f.ppks } : {}),
    ...(f.caseStatus ? { caseStatus: f.caseStatus } : {}),
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  if (rows.length) {
    // Which records were shown (not the search text: it may be a name).
    ctx.audit.record({
      action: 'person.listed',
      entityType: 'person',
      details: { ids: rows.map((r) => r.id), area: f.area ?? null, searched: Boolean(f.q), page: f.page },
    });
  }
  return { items: rows.map((r) => ({ ...present(ctx, r), ppksCodes: r.ppksCodes })), page: f.page, pageSize: f.pageSize, total };
}

const COLUMN: Record<string, string> = {
  villageCode: 'village_code',
  rw: 'rw',
  rt: 'rt',
  fullName: 'full_name',
  aliases: 'aliases',
  sex: 'sex',
  birthDate: 'birth_date',
  birthDateEstimated: 'birth_date_estimated',
  birthPlace: 'birth_place',
  address: 'address',
  phone: 'phone',
  disabilityTypes: 'disability_types',
  disabilitySeverity: 'disability_severity',
  photoFileId: 'photo_file_id',
};

/** Edits a person; `version` must match (409 otherwise, never a silent overwrite). */
export async function updatePerson(ctx: Ctx, id: string, patch: PersonUpdate): Promise<PersonView & { warnings: Issue[]; candidates: Candidate[] }> {
  const row = await loadInScope(ctx, id, 'person.update');
  const errors = nikChoiceErrors(patch.nik, patch.nikMissingReason, false);
  if (errors.length) throw badRequest(errors);
  const set: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(COLUMN)) {
    const v = (patch as Record<string, unknown>)[k];
    if (v !== undefined) set[col] = (k === 'rw' || k === 'rt') && typeof v === 'string' ? v.padStart(3, '0') : v;
  }
  if (patch.villageCode !== undefined && patch.villageCode !== row.villageCode) {
    const village = await requireVillage(ctx.db, patch.villageCode, 'villageCode');
    if (village.code.slice(0, 5) !== row.regencyCode) {
      throw badRequest([{ field: 'villageCode', code: 'person.move_regency', message: { id: 'Pindah ke kabupaten/kota lain dilakukan lewat transfer kasus', en: 'Moving to another regency is done by a transfer' } }]);
    }
    if (!scopeOf(ctx.actor, 'person.update').some((s) => s === 'ID' || village.code === s || village.code.startsWith(`${s}.`))) {
      throw outsideScope('villageCode');
    }
  }
  if (patch.photoFileId) await requireAttachedFile(ctx, patch.photoFileId, patch.villageCode ?? row.villageCode, 'photoFileId');
  let warnings: Issue[] = [];
  if (patch.nik !== undefined) {
    const nik = await protectNik(ctx, patch.nik, {
      sex: patch.sex !== undefined ? patch.sex : row.sex,
      birthDate: patch.birthDate !== undefined ? patch.birthDate : row.birthDate,
    });
    Object.assign(set, { nik_hash: nik.hash, nik_enc: nik.enc, nik_masked: nik.masked, nik_missing_reason: null });
    warnings = nik.warnings;
  } else if (patch.nikMissingReason !== undefined) {
    if (row.nikMasked) {
      throw badRequest([{ field: 'nikMissingReason', code: 'nik.present', message: { id: 'Orang ini sudah memiliki NIK', en: 'This person already has a NIK' } }]);
    }
    set.nik_missing_reason = patch.nikMissingReason;
  }
  await ctx.db.query('SAVEPOINT person_update');
  let updated: boolean;
  try {
    updated = await store.updatePerson(ctx.db, { id, regencyCode: row.regencyCode, version: patch.version }, set, ctx.actor.userId, ctx.clock.now());
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT person_update');
    if (isUniqueViolation(err, 'person_nik_unique')) throw await duplicateNik(ctx, set.nik_hash as Buffer);
    throw err;
  }
  if (!updated) {
    throw new AppError(409, 'version_conflict', {
      id: `Data ini sudah diubah orang lain (versi sekarang ${row.version}); muat ulang lalu ulangi`,
      en: `Someone else changed this record (current version ${row.version}); reload and try again`,
    }, [{ field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } }]);
  }
  if (patch.villageCode !== undefined && patch.villageCode !== row.villageCode) {
    // The person's own rows (categories, cases, visits…) follow the owner's village, and so do the rollups.
    await moveWithinRegency(ctx.db, { regencyCode: row.regencyCode, personId: id, villageCode: patch.villageCode });
  }
  ctx.audit.record({
    action: 'person.updated',
    entityType: 'person',
    entityId: id,
    personId: id,
    regencyCode: row.regencyCode,
    details: { fields: Object.keys(patch).filter((k) => k !== 'version' && k !== 'nik').concat(patch.nik !== undefined ? ['nik'] : []).sort() },
  });
  const after = await store.findPerson(ctx.db, id, ['ID']);
  return { ...present(ctx, after!), warnings, candidates: [] };
}

/** The full NIK, for a stated reason; the reveal is audited with that reason as its purpose. */
export async function revealNik(ctx: Ctx, id: string, reason: string): Promise<{ nik: string }> {
  const row = await loadInScope(ctx, id, 'person.reveal_nik');
  const cipher = await store.readNikCipher(ctx.db, row);
  if (!cipher) throw notFound({ id: 'Orang ini tidak memiliki NIK tercatat', en: 'This person has no NIK on record' });
  ctx.audit.record({ action: 'person.nik_revealed', entityType: 'person', entityId: id, personId: id, regencyCode: row.regencyCode, purpose: reason });
  return { nik: ctx.ids.decrypt('nik', cipher) };
}

/** Who did what to this person's data and when (UU PDP: access requests include processing history). */
export async function processingHistory(ctx: Ctx, id: string) {
  const row = await loadInScope(ctx, id, 'person.history');
  const items = await store.processingHistory(ctx.db, id);
  ctx.audit.record({ action: 'person.history_read', entityType: 'person', entityId: id, personId: id, regencyCode: row.regencyCode });
  return { personId: id, items };
}
