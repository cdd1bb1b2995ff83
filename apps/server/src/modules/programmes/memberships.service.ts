import { abilities, type Permission } from '@pilar/domain';
import type { MembershipCreate, MembershipUpdate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import * as store from './programmes.store';
import { requireProgramme, resolveRecipient } from './recipients';
import { withProgrammeRollup } from './rollups';

const ACTIONS: Permission[] = ['programme.enrol', 'person.reveal_nik'];

function present(ctx: Ctx, row: store.MembershipRow) {
  return { ...row, actions: abilities(ctx.actor, { areaCode: row.villageCode }, ACTIONS) };
}

/** How a KKS number is shown: first and last four digits. */
export const maskKks = (kks: string) => `${kks.slice(0, 4)}********${kks.slice(-4)}`;

/** KKS (Kartu Keluarga Sejahtera) number: protected like the NIK — keyed hash, ciphertext, mask. */
function protectKks(ctx: Ctx, kks: string) {
  const v = kks.trim();
  return { hash: ctx.ids.hash('kks', v), enc: ctx.ids.encrypt('kks', v), masked: maskKks(v) };
}

const alreadyMember = () =>
  new AppError(409, 'already_member', { id: 'Sudah tercatat sebagai peserta aktif program ini', en: 'Already a current member of this programme' }, [
    { field: 'programmeCode', code: 'membership.duplicate', message: { id: 'Keanggotaan ganda', en: 'Duplicate membership' } },
  ]);

function periodErrors(start: string | null | undefined, end: string | null | undefined) {
  return start && end && end < start
    ? [{ field: 'periodEnd', code: 'membership.period', message: { id: 'Akhir periode sebelum awalnya', en: 'The period ends before it starts' } }]
    : [];
}

async function insertGuarded(ctx: Ctx, w: store.MembershipWrite): Promise<void> {
  await ctx.db.query('SAVEPOINT membership_insert');
  try {
    await withProgrammeRollup(ctx.db, 'membership', { regencyCode: w.regencyCode, ids: [w.id] }, () => store.insertMembership(ctx.db, w, ctx.actor.userId, ctx.clock.now()));
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT membership_insert');
    const c = (err as { code?: string; constraint?: string });
    if (c.code === '23505' && c.constraint?.startsWith('programme_membership_current')) throw alreadyMember();
    if (c.code === '23505') throw new AppError(409, 'duplicate_id', { id: 'ID data sudah dipakai', en: 'This id is already used' }, [{ field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } }]);
    throw err;
  }
}

/** Records that a person or household is in a programme (with where the information came from). */
export async function createMembership(ctx: Ctx, input: MembershipCreate) {
  requireAccess(ctx.actor, 'programme.enrol');
  const r = await resolveRecipient(ctx, input);
  requireAccess(ctx.actor, 'programme.enrol', { areaCode: r.villageCode });
  const programme = await requireProgramme(ctx, input.programmeCode, r.villageCode);
  // A family programme may be recorded on the household or on its KPM representative; a personal one only on a person.
  if (programme.target === 'perorangan' && r.personId === null) {
    throw badRequest([{ field: 'householdId', code: 'membership.target', message: { id: 'Program ini untuk perorangan', en: 'This programme is for a person' } }]);
  }
  const errors = periodErrors(input.periodStart, input.periodEnd);
  if (errors.length) throw badRequest(errors);
  const id = input.id ?? uuidv7();
  await insertGuarded(ctx, {
    id,
    regencyCode: r.regencyCode,
    villageCode: r.villageCode,
    programmeCode: programme.code,
    personId: r.personId,
    householdId: r.householdId,
    status: input.status,
    periodStart: input.periodStart ?? null,
    periodEnd: input.periodEnd ?? null,
    dtsenId: input.dtsenId ?? null,
    kks: input.kks ? protectKks(ctx, input.kks) : null,
    decile: input.decile ?? null,
    source: input.source,
    infoDate: input.infoDate,
    usulanId: null,
    note: input.note ?? null,
  });
  ctx.audit.record({
    action: 'programme.membership_created',
    entityType: 'programme_membership',
    entityId: id,
    personId: r.personId,
    regencyCode: r.regencyCode,
    details: { programme: programme.code, status: input.status, source: input.source, kks: input.kks ? 'provided' : 'none' },
  });
  return present(ctx, (await store.findMembership(ctx.db, id, ['ID']))!);
}

/** A membership made by a SIKS-NG result "ditetapkan" (called by the usulan import, in its transaction). */
export async function enrolFromUsulan(ctx: Ctx, u: { id: string; regencyCode: string; villageCode: string; programmeCode: string; personId: string | null; householdId: string | null }, infoDate: string): Promise<string> {
  const existing = await store.currentMembershipId(ctx.db, u);
  if (existing) return existing;
  const id = uuidv7();
  await insertGuarded(ctx, { id, regencyCode: u.regencyCode, villageCode: u.villageCode, programmeCode: u.programmeCode, personId: u.personId, householdId: u.householdId, status: 'aktif', periodStart: infoDate, periodEnd: null, dtsenId: null, kks: null, decile: null, source: 'usulan', infoDate, usulanId: u.id, note: null });
  ctx.audit.record({ action: 'programme.membership_created', entityType: 'programme_membership', entityId: id, personId: u.personId, regencyCode: u.regencyCode, details: { programme: u.programmeCode, status: 'aktif', source: 'usulan', usulanId: u.id } });
  return id;
}

async function load(ctx: Ctx, id: string, permission: Permission) {
  requireAccess(ctx.actor, permission);
  const row = await store.findMembership(ctx.db, id, scopeOf(ctx.actor, permission));
  if (!row) throw notFound({ id: 'Keanggotaan program tidak ditemukan', en: 'Programme membership not found' });
  return row;
}

export async function getMembership(ctx: Ctx, id: string) {
  const row = await load(ctx, id, 'programme.read');
  ctx.audit.record({ action: 'programme.membership_read', entityType: 'programme_membership', entityId: id, personId: row.personId, regencyCode: row.regencyCode });
  return present(ctx, row);
}

/**
 * The memberships of many persons at once (a programme list being imported), grouped by
 * person. The caller reads them to decide what to write; nothing is shown, so no read is audited.
 */
export async function membershipsByPerson(ctx: Ctx, personIds: string[]): Promise<Map<string, store.MembershipRow[]>> {
  requireAccess(ctx.actor, 'programme.enrol');
  const byPerson = new Map<string, store.MembershipRow[]>();
  for (const m of await store.membershipsOfPersons(ctx.db, scopeOf(ctx.actor, 'programme.enrol'), personIds)) {
    const list = byPerson.get(m.personId!);
    if (list) list.push(m);
    else byPerson.set(m.personId!, [m]);
  }
  return byPerson;
}

export async function listMemberships(ctx: Ctx, f: { area?: string; programme?: string; status?: string; personId?: string; householdId?: string; page: number; pageSize: number }) {
  requireAccess(ctx.actor, 'programme.read');
  const { page, pageSize, ...filters } = f;
  const { rows, total } = await store.listMemberships(ctx.db, scopeOf(ctx.actor, 'programme.read'), { ...filters, limit: pageSize, offset: (page - 1) * pageSize });
  if (rows.length) ctx.audit.record({ action: 'programme.memberships_listed', entityType: 'programme_membership', details: { ids: rows.map((r) => r.id), page } });
  return { items: rows.map((r) => present(ctx, r)), page, pageSize, total };
}

const COLUMNS: Record<string, string> = { status: 'status', periodStart: 'period_start', periodEnd: 'period_end', dtsenId: 'dtsen_id', decile: 'decile', source: 'source', infoDate: 'info_date', note: 'note' };

export async function updateMembership(ctx: Ctx, id: string, patch: MembershipUpdate) {
  const row = await load(ctx, id, 'programme.enrol');
  const errors = periodErrors(patch.periodStart !== undefined ? patch.periodStart : row.periodStart, patch.periodEnd !== undefined ? patch.periodEnd : row.periodEnd);
  if (errors.length) throw badRequest(errors);
  const set: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(COLUMNS)) {
    const v = (patch as Record<string, unknown>)[k];
    if (v !== undefined) set[col] = v;
  }
  if (patch.kks !== undefined) {
    const k = protectKks(ctx, patch.kks);
    Object.assign(set, { kks_hash: k.hash, kks_enc: k.enc, kks_masked: k.masked });
  }
  await ctx.db.query('SAVEPOINT membership_update');
  let ok: boolean;
  try {
    ok = await withProgrammeRollup(ctx.db, 'membership', { regencyCode: row.regencyCode, ids: [id] }, () =>
      store.updateMembership(ctx.db, { regencyCode: row.regencyCode, id, version: patch.version }, set, ctx.actor.userId, ctx.clock.now()),
    );
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT membership_update');
    if ((err as { constraint?: string }).constraint?.startsWith('programme_membership_current')) throw alreadyMember();
    throw err;
  }
  if (!ok) {
    throw new AppError(409, 'version_conflict', { id: `Data ini sudah diubah (versi ${row.version}); muat ulang`, en: `This record changed (version ${row.version}); reload` }, [
      { field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } },
    ]);
  }
  ctx.audit.record({
    action: 'programme.membership_updated',
    entityType: 'programme_membership',
    entityId: id,
    personId: row.personId,
    regencyCode: row.regencyCode,
    details: { fields: Object.keys(patch).filter((k) => k !== 'version').sort() },
  });
  return present(ctx, (await store.findMembership(ctx.db, id, ['ID']))!);
}

/** The full KKS number for a stated reason (audited, like a NIK reveal). */
export async function revealKks(ctx: Ctx, id: string, reason: string) {
  const row = await load(ctx, id, 'person.reveal_nik');
  const cipher = await store.readKksCipher(ctx.db, row);
  if (!cipher) throw notFound({ id: 'Tidak ada nomor KKS tercatat', en: 'No KKS number on record' });
  ctx.audit.record({ action: 'programme.kks_revealed', entityType: 'programme_membership', entityId: id, personId: row.personId, regencyCode: row.regencyCode, purpose: reason });
  return { kks: ctx.ids.decrypt('kks', cipher) };
}
