import { abilities, can, type Permission } from '@pilar/domain';
import type { PartnerCreate, PartnerUpdate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { forbidden, requireAccess } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { getUser } from '../users/users.service';
import * as store from './partners.store';

const ACTIONS: Permission[] = ['partner.manage'];
const partnerNotFound = () => notFound({ id: 'Mitra tidak ditemukan', en: 'Partner not found' });

function present(ctx: Ctx, p: store.PartnerRow) {
  return { ...p, actions: abilities(ctx.actor, { areaCode: p.areaCode }, ACTIONS) };
}

/** Anyone who refers (case.read), manages partners, or acts for a partner may see partner records. */
function requireSeePartners(ctx: Ctx): void {
  if (!(can(ctx.actor, 'case.read') || can(ctx.actor, 'partner.manage') || can(ctx.actor, 'referral.respond'))) requireAccess(ctx.actor, 'case.read');
}

async function checkKind(ctx: Ctx, kind: string | undefined, psksCode: string | null | undefined): Promise<void> {
  if (kind === 'psks' && !psksCode) {
    throw badRequest([{ field: 'psksCode', code: 'partner.psks_required', message: { id: 'Pilih jenis PSKS', en: 'Choose the PSKS kind' } }]);
  }
  if (kind !== undefined && kind !== 'psks' && psksCode) {
    throw badRequest([{ field: 'psksCode', code: 'partner.psks_unused', message: { id: 'Jenis PSKS hanya untuk mitra PSKS', en: 'A PSKS kind is only for PSKS partners' } }]);
  }
  if (psksCode && !(await store.psksExists(ctx.db, psksCode))) {
    throw badRequest([{ field: 'psksCode', code: 'partner.psks_unknown', message: { id: 'Jenis PSKS tidak dikenal', en: 'Unknown PSKS kind' } }]);
  }
}

export async function createPartner(ctx: Ctx, input: PartnerCreate) {
  requireAccess(ctx.actor, 'partner.manage', { areaCode: input.areaCode });
  const area = await ctx.db.query(`SELECT 1 FROM area WHERE code = $1`, [input.areaCode]);
  if (!area.rows.length) throw badRequest([{ field: 'areaCode', code: 'area.unknown', message: { id: 'Kode wilayah tidak dikenal', en: 'Unknown area code' } }]);
  await checkKind(ctx, input.kind, input.psksCode);
  const id = input.id ?? uuidv7();
  await store.insert(ctx.db, {
    id, areaCode: input.areaCode, kind: input.kind, psksCode: input.psksCode ?? null, name: input.name, address: input.address ?? null,
    phone: input.phone ?? null, services: input.services ?? [], now: ctx.clock.now(), by: ctx.actor.userId,
  });
  ctx.audit.record({ action: 'partner.created', entityType: 'partner', entityId: id, regencyCode: input.areaCode.slice(0, 5), details: { kind: input.kind } });
  return present(ctx, (await store.find(ctx.db, id))!);
}

export async function updatePartner(ctx: Ctx, id: string, patch: PartnerUpdate) {
  requireAccess(ctx.actor, 'partner.manage');
  const p = await store.find(ctx.db, id);
  if (!p) throw partnerNotFound();
  requireAccess(ctx.actor, 'partner.manage', { areaCode: p.areaCode });
  if (patch.areaCode) requireAccess(ctx.actor, 'partner.manage', { areaCode: patch.areaCode });
  await checkKind(ctx, patch.kind ?? p.kind, patch.psksCode !== undefined ? patch.psksCode : p.psksCode);
  const cols: Record<string, string> = { areaCode: 'area_code', kind: 'kind', psksCode: 'psks_code', name: 'name', address: 'address', phone: 'phone', services: 'services', active: 'active' };
  const set: Record<string, unknown> = {};
  for (const [k, c] of Object.entries(cols)) if ((patch as Record<string, unknown>)[k] !== undefined) set[c] = (patch as Record<string, unknown>)[k];
  if (!(await store.update(ctx.db, id, patch.version, set, ctx.clock.now()))) {
    throw new AppError(409, 'version_conflict', { id: 'Data mitra sudah diubah; muat ulang', en: 'The partner changed; reload' }, [
      { field: 'version', code: 'version.stale', message: { id: 'Versi sudah usang', en: 'Stale version' } },
    ]);
  }
  ctx.audit.record({ action: 'partner.updated', entityType: 'partner', entityId: id, details: { fields: Object.keys(set) } });
  return present(ctx, (await store.find(ctx.db, id))!);
}

export async function getPartner(ctx: Ctx, id: string) {
  requireSeePartners(ctx);
  const p = await store.find(ctx.db, id);
  if (!p) throw partnerNotFound();
  return present(ctx, p);
}

export async function listPartners(ctx: Ctx, q: { area?: string; kind?: string; q?: string; page: number; pageSize: number }) {
  requireSeePartners(ctx);
  const { rows, total } = await store.list(ctx.db, { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map((r) => present(ctx, r)), page: q.page, pageSize: q.pageSize, total };
}

/** The partners the caller acts for (a mitra user). */
export async function myPartners(ctx: Ctx) {
  requireAccess(ctx.actor, 'referral.respond');
  return { items: (await store.forUser(ctx.db, ctx.actor.userId ?? '00000000-0000-0000-0000-000000000000')).map((p) => present(ctx, p)) };
}

async function manageable(ctx: Ctx, id: string) {
  requireAccess(ctx.actor, 'partner.manage');
  const p = await store.find(ctx.db, id);
  if (!p) throw partnerNotFound();
  if (!can(ctx.actor, 'partner.manage', { areaCode: p.areaCode })) throw forbidden('partner.manage');
  return p;
}

export async function listPartnerUsers(ctx: Ctx, id: string) {
  await manageable(ctx, id);
  return { items: await store.users(ctx.db, id) };
}

/** Links a user holding the `mitra` role to the partner they act for. */
export async function linkPartnerUser(ctx: Ctx, id: string, userId: string) {
  await manageable(ctx, id);
  const user = await getUser(ctx, userId).catch(() => null);
  if (!user || !user.grants.some((g) => g.role === 'mitra')) {
    throw badRequest([{ field: 'userId', code: 'partner.user_not_mitra', message: { id: 'Pengguna harus memiliki peran mitra', en: 'The user must hold the mitra role' } }]);
  }
  await store.link(ctx.db, id, userId, ctx.clock.now(), ctx.actor.userId);
  ctx.audit.record({ action: 'partner.user_linked', entityType: 'partner', entityId: id, details: { userId } });
  return { items: await store.users(ctx.db, id) };
}

export async function unlinkPartnerUser(ctx: Ctx, id: string, userId: string) {
  await manageable(ctx, id);
  if (!(await store.unlink(ctx.db, id, userId))) throw notFound({ id: 'Pengguna tidak terhubung dengan mitra ini', en: 'The user is not linked to this partner' });
  ctx.audit.record({ action: 'partner.user_unlinked', entityType: 'partner', entityId: id, details: { userId } });
  return { items: await store.users(ctx.db, id) };
}
