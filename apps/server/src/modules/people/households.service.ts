import { abilities, isWithin, maskKk, validateKk, type Issue, type Permission } from '@pilar/domain';
import type { HouseholdCreate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { requireVillage } from '../areas/areas.service';
import { areaLookup } from '../reference/reference.service';
import * as store from './households.store';
import { loadInScope } from './people.service';

const ACTIONS: Permission[] = ['person.update', 'person.reveal_nik'];

async function load(ctx: Ctx, id: string, permission: Permission): Promise<store.HouseholdRow> {
  requireAccess(ctx.actor, permission);
  const h = await store.find(ctx.db, id, scopeOf(ctx.actor, permission));
  if (!h) throw notFound({ id: 'Keluarga tidak ditemukan', en: 'Household not found' });
  return h;
}

async function view(ctx: Ctx, h: store.HouseholdRow) {
  const key = { regencyCode: h.regencyCode, id: h.id };
  return {
    ...h,
    members: await store.members(ctx.db, key),
    kkHistory: await store.kkHistory(ctx.db, key),
    actions: abilities(ctx.actor, { areaCode: h.villageCode }, ACTIONS),
  };
}

/** No. KK: validated (hard rules block, soft rules warn), then stored as keyed hash + ciphertext + mask. */
async function protectKk(ctx: Ctx, kk: string): Promise<{ kk: store.ProtectedKk; warnings: Issue[] }> {
  const r = validateKk(kk, await areaLookup(ctx.db), ctx.clock.now());
  if (!r.valid) throw badRequest(r.errors);
  const v = kk.trim();
  return { kk: { hash: ctx.ids.hash('kk', v), enc: ctx.ids.encrypt('kk', v), masked: maskKk(v) }, warnings: r.warnings };
}

const kkTaken = () =>
  new AppError(409, 'duplicate_kk', { id: 'No. KK ini sudah tercatat pada keluarga lain', en: 'This No. KK is already recorded for another household' }, [
    { field: 'kk', code: 'kk.duplicate', message: { id: 'No. KK sudah tercatat', en: 'No. KK already recorded' } },
  ]);

async function guarded<T>(ctx: Ctx, name: string, fn: () => Promise<T>): Promise<T> {
  await ctx.db.query(`SAVEPOINT ${name}`);
  try {
    return await fn();
  } catch (err) {
    await ctx.db.query(`ROLLBACK TO SAVEPOINT ${name}`);
    const c = (err as { constraint?: string }).constraint;
    if (c === 'household_kk_unique') throw kkTaken();
    if (c === 'household_member_current') {
      throw new AppError(409, 'already_member', { id: 'Orang ini sudah menjadi anggota keluarga ini', en: 'This person is already a member of the household' }, [
        { field: 'personId', code: 'member.duplicate', message: { id: 'Sudah menjadi anggota', en: 'Already a member' } },
      ]);
    }
    throw err;
  }
}

export async function createHousehold(ctx: Ctx, input: HouseholdCreate) {
  requireAccess(ctx.actor, 'person.create');
  const village = await requireVillage(ctx.db, input.villageCode, 'villageCode');
  if (!scopeOf(ctx.actor, 'person.create').some((s) => isWithin(village.code, s))) throw notFound();
  const p = input.kk ? await protectKk(ctx, input.kk) : null;
  const id = input.id ?? uuidv7();
  const regencyCode = village.code.slice(0, 5);
  const now = ctx.clock.now();
  await guarded(ctx, 'household_insert', async () => {
    await store.insert(ctx.db, { id, regencyCode, villageCode: village.code, rw: input.rw?.padStart(3, '0') ?? null, rt: input.rt?.padStart(3, '0') ?? null, address: input.address ?? null, kk: null, now, actorId: ctx.actor.userId });
    if (p) await store.setKk(ctx.db, { regencyCode, id, villageCode: village.code, version: null }, p.kk, input.kkIssuedOn ?? null, uuidv7(), now, ctx.actor.userId);
  });
  ctx.audit.record({ action: 'household.created', entityType: 'household', entityId: id, regencyCode, details: { kk: p ? 'provided' : 'none' } });
  return { ...(await view(ctx, (await store.find(ctx.db, id, ['ID']))!)), warnings: p?.warnings ?? [] };
}

export async function getHousehold(ctx: Ctx, id: string) {
  const h = await load(ctx, id, 'person.read');
  ctx.audit.record({ action: 'household.read', entityType: 'household', entityId: id, regencyCode: h.regencyCode });
  return view(ctx, h);
}

export async function listHouseholds(ctx: Ctx, f: { area?: string; page: number; pageSize: number }) {
  requireAccess(ctx.actor, 'person.read');
  const { rows, total } = await store.list(ctx.db, scopeOf(ctx.actor, 'person.read'), { ...(f.area ? { area: f.area } : {}), limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  if (rows.length) ctx.audit.record({ action: 'household.listed', entityType: 'household', details: { ids: rows.map((r) => r.id), page: f.page } });
  return { items: rows, page: f.page, pageSize: f.pageSize, total };
}

/** The card was reissued: a new No. KK; the old number stays in the history (DOMAIN.md §5). */
export async function reissueKk(ctx: Ctx, id: string, input: { version: number; kk: string; issuedOn?: string }) {
  const h = await load(ctx, id, 'person.update');
  const p = await protectKk(ctx, input.kk);
  const ok = await guarded(ctx, 'household_kk', () =>
    store.setKk(ctx.db, { regencyCode: h.regencyCode, id, villageCode: h.villageCode, version: input.version }, p.kk, input.issuedOn ?? null, uuidv7(), ctx.clock.now(), ctx.actor.userId),
  );
  if (!ok) {
    throw new AppError(409, 'version_conflict', { id: `Data keluarga sudah diubah (versi ${h.version}); muat ulang`, en: `The household changed (version ${h.version}); reload` }, [
      { field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } },
    ]);
  }
  ctx.audit.record({ action: 'household.kk_reissued', entityType: 'household', entityId: id, regencyCode: h.regencyCode });
  return { ...(await view(ctx, (await store.find(ctx.db, id, ['ID']))!)), warnings: p.warnings };
}

export async function addMember(ctx: Ctx, id: string, input: { personId: string; relationship: string; joinedOn?: string }) {
  const h = await load(ctx, id, 'person.update');
  const person = await loadInScope(ctx, input.personId, 'person.update');
  if (person.regencyCode !== h.regencyCode) {
    throw badRequest([{ field: 'personId', code: 'member.other_regency', message: { id: 'Orang ini terdaftar di kabupaten/kota lain', en: 'This person is registered in another regency' } }]);
  }
  if (input.relationship === 'kepala_keluarga' && (await store.hasCurrentHead(ctx.db, { regencyCode: h.regencyCode, id }))) {
    throw new AppError(409, 'household_has_head', { id: 'Keluarga ini sudah memiliki kepala keluarga', en: 'This household already has a head' }, [
      { field: 'relationship', code: 'member.head_exists', message: { id: 'Kepala keluarga sudah ada', en: 'Head already recorded' } },
    ]);
  }
  const memberId = uuidv7();
  await guarded(ctx, 'member_insert', () =>
    store.addMember(ctx.db, { regencyCode: h.regencyCode, id: memberId, householdId: id, personId: input.personId, villageCode: h.villageCode, relationship: input.relationship, joinedOn: input.joinedOn ?? null, now: ctx.clock.now(), actorId: ctx.actor.userId }),
  );
  ctx.audit.record({ action: 'household.member_added', entityType: 'household', entityId: id, personId: input.personId, regencyCode: h.regencyCode, details: { relationship: input.relationship } });
  return view(ctx, (await store.find(ctx.db, id, ['ID']))!);
}

export async function memberLeaves(ctx: Ctx, id: string, memberId: string, leftOn: string) {
  const h = await load(ctx, id, 'person.update');
  if (!(await store.leave(ctx.db, { regencyCode: h.regencyCode, householdId: id, memberId }, leftOn))) {
    throw notFound({ id: 'Anggota keluarga tidak ditemukan', en: 'Household member not found' });
  }
  ctx.audit.record({ action: 'household.member_left', entityType: 'household', entityId: id, regencyCode: h.regencyCode, details: { memberId } });
  return view(ctx, (await store.find(ctx.db, id, ['ID']))!);
}

/** The full No. KK for a stated reason (audited), like the NIK. */
export async function revealKk(ctx: Ctx, id: string, reason: string) {
  const h = await load(ctx, id, 'person.reveal_nik');
  const cipher = await store.readKkCipher(ctx.db, { regencyCode: h.regencyCode, id });
  if (!cipher) throw notFound({ id: 'Keluarga ini tidak memiliki No. KK tercatat', en: 'This household has no No. KK on record' });
  ctx.audit.record({ action: 'household.kk_revealed', entityType: 'household', entityId: id, regencyCode: h.regencyCode, purpose: reason });
  return { kk: ctx.ids.decrypt('kk', cipher) };
}
