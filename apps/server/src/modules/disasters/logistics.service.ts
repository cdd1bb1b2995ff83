import { fromHundredths, insufficientStockIssue, isLowStock, toHundredths } from '@pilar/domain';
import type { AidItemCreate, AidPostCreate, StockIssue, StockReceipt } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { forbidden, requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import * as households from '../people/households.store';
import { loadIncident, requireManage, requireOpen, type IncidentAccess } from './disasters.access';
import * as store from './logistics.store';
import { countAidIssue } from './rollup';
import { loadVictim, markServed } from './victims.service';

/** Aid logistics (issue 9 §4): posts, items, stock received and issued, balances with a low-stock warning. */
const duplicateId = (what: string) =>
  new AppError(409, 'duplicate_id', { id: `ID ${what} sudah dipakai`, en: `This ${what} id is already used` }, [{ field: 'id', code: 'id.duplicate', message: { id: 'ID sudah dipakai', en: 'Id already used' } }]);

export async function createPost(ctx: Ctx, incidentId: string, input: AidPostCreate) {
  const acc = await loadIncident(ctx, incidentId);
  requireManage(acc, input.villageCode);
  requireOpen(acc);
  if (input.id) {
    const existing = await store.findPost(ctx.db, input.id);
    if (existing?.incidentId === incidentId) return existing;
    if (existing) throw duplicateId('pos');
  }
  const { rows } = await ctx.db.query(`SELECT 1 FROM area WHERE code = $1 AND level = 'village'`, [input.villageCode]);
  if (!rows.length) throw badRequest([{ field: 'villageCode', code: 'area.unknown_village', message: { id: 'Desa/kelurahan tidak dikenal', en: 'Unknown village' } }]);
  const id = input.id ?? uuidv7();
  await store.insertPost(ctx.db, { id, incidentId, name: input.name, kind: input.kind, villageCode: input.villageCode, now: ctx.clock.now(), actorId: ctx.actor.userId });
  ctx.audit.record({ action: 'aid.post_created', entityType: 'aid_post', entityId: id, regencyCode: input.villageCode.slice(0, 5), details: { incidentId, kind: input.kind } });
  return (await store.findPost(ctx.db, id))!;
}

export async function listPosts(ctx: Ctx, incidentId: string) {
  await loadIncident(ctx, incidentId);
  return { items: await store.listPosts(ctx.db, incidentId) };
}

function thresholdValue(v: number | null | undefined, field: string): number | null {
  if (v === null || v === undefined) return null;
  if (v === 0) return 0;
  const h = toHundredths(v, field);
  if (!h.ok) throw badRequest([h.error]);
  return fromHundredths(h.value);
}

export async function createItem(ctx: Ctx, incidentId: string, input: AidItemCreate) {
  const acc = await loadIncident(ctx, incidentId);
  requireManage(acc);
  requireOpen(acc);
  if (input.id) {
    const existing = await store.findItem(ctx.db, input.id);
    if (existing?.incidentId === incidentId) return existing;
    if (existing) throw duplicateId('barang');
  }
  const id = input.id ?? uuidv7();
  await ctx.db.query('SAVEPOINT aid_item_insert');
  try {
    await store.insertItem(ctx.db, {
      id, incidentId, name: input.name, unit: input.unit, needKind: input.needKind,
      lowStockThreshold: thresholdValue(input.lowStockThreshold, 'lowStockThreshold'), now: ctx.clock.now(), actorId: ctx.actor.userId,
    });
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT aid_item_insert');
    if ((err as { constraint?: string }).constraint === 'aid_item_name_unique') {
      throw new AppError(409, 'item_exists', { id: 'Barang dengan nama dan satuan ini sudah ada', en: 'An item with this name and unit already exists' }, [
        { field: 'name', code: 'item.duplicate', message: { id: 'Sudah ada', en: 'Already exists' } },
      ]);
    }
    throw err;
  }
  ctx.audit.record({ action: 'aid.item_created', entityType: 'aid_item', entityId: id, details: { incidentId, needKind: input.needKind } });
  return (await store.findItem(ctx.db, id))!;
}

export async function setItemThreshold(ctx: Ctx, incidentId: string, itemId: string, threshold: number | null) {
  const acc = await loadIncident(ctx, incidentId);
  requireManage(acc);
  const item = await store.findItem(ctx.db, itemId);
  if (!item || item.incidentId !== incidentId) throw notFound({ id: 'Barang tidak ditemukan', en: 'Item not found' });
  await store.setThreshold(ctx.db, itemId, thresholdValue(threshold, 'lowStockThreshold'));
  ctx.audit.record({ action: 'aid.item_threshold_set', entityType: 'aid_item', entityId: itemId, details: { incidentId, threshold } });
  return (await store.findItem(ctx.db, itemId))!;
}

export async function listItems(ctx: Ctx, incidentId: string) {
  await loadIncident(ctx, incidentId);
  return { items: await store.listItems(ctx.db, incidentId) };
}

/** The post and item of a movement, both of this incident, and the caller working at the post. */
async function placeOf(ctx: Ctx, acc: IncidentAccess, postId: string, itemId: string) {
  const post = await store.findPost(ctx.db, postId);
  if (!post || post.incidentId !== acc.incident.id) throw badRequest([{ field: 'postId', code: 'post.unknown', message: { id: 'Pos tidak ditemukan pada kejadian ini', en: 'Post not found for this incident' } }]);
  const item = await store.findItem(ctx.db, itemId);
  if (!item || item.incidentId !== acc.incident.id) throw badRequest([{ field: 'itemId', code: 'item.unknown', message: { id: 'Barang tidak ditemukan pada kejadian ini', en: 'Item not found for this incident' } }]);
  if (!acc.worksAt(post.villageCode)) throw forbidden('incident.respond');
  return { post, item };
}

function quantityOf(q: number): number {
  const h = toHundredths(q);
  if (!h.ok) throw badRequest([h.error]);
  return h.value;
}

async function result(ctx: Ctx, m: store.MovementRow) {
  const item = (await store.findItem(ctx.db, m.itemId))!;
  const balance = await store.balanceOf(ctx.db, m);
  return { ...m, balance, lowStock: isLowStock(Math.round(balance * 100), item.lowStockThreshold === null ? null : Math.round(item.lowStockThreshold * 100)) };
}

async function replayed(ctx: Ctx, id: string | undefined, incidentId: string, kind: 'received' | 'issued') {
  if (!id) return null;
  const m = await store.findMovement(ctx.db, id);
  if (m && m.incidentId === incidentId && m.kind === kind) return result(ctx, m);
  if (m) throw duplicateId('catatan stok');
  return null;
}

export async function receiveStock(ctx: Ctx, incidentId: string, input: StockReceipt) {
  const acc = await loadIncident(ctx, incidentId);
  const again = await replayed(ctx, input.id, incidentId, 'received');
  if (again) return again;
  requireOpen(acc);
  const { post, item } = await placeOf(ctx, acc, input.postId, input.itemId);
  const qty = fromHundredths(quantityOf(input.quantity));
  await store.receive(ctx.db, { incidentId, postId: post.id, itemId: item.id }, qty);
  const id = input.id ?? uuidv7();
  const now = ctx.clock.now();
  await store.insertMovement(ctx.db, {
    id, incidentId, postId: post.id, itemId: item.id, kind: 'received', quantity: qty, donor: input.donor, regencyCode: post.villageCode.slice(0, 5),
    victimId: null, householdId: null, evidenceFileId: null, note: input.note ?? null, occurredAt: input.occurredAt ?? now.toISOString(),
    now, actorId: ctx.actor.userId, actorLabel: ctx.actor.username,
  });
  ctx.audit.record({ action: 'aid.received', entityType: 'stock_movement', entityId: id, regencyCode: post.villageCode.slice(0, 5), details: { incidentId, itemId: item.id, quantity: qty } });
  return result(ctx, (await store.findMovement(ctx.db, id))!);
}

async function requireEvidence(ctx: Ctx, fileId: string, villageCode: string): Promise<void> {
  const { rows } = await ctx.db.query(`SELECT area_code, purpose FROM stored_file WHERE id = $1`, [fileId]);
  if (!rows[0] || rows[0].area_code !== villageCode || rows[0].purpose !== 'disaster.aid_evidence') {
    throw badRequest([{ field: 'evidenceFileId', code: 'file.unknown', message: { id: 'Bukti (tanda tangan/foto) tidak ditemukan untuk pos ini; unggah ulang', en: 'Evidence (signature/photo) not found for this post; upload it again' } }]);
  }
}

/**
 * Issues aid to a victim or a household. Beyond the post's balance it is refused
 * with the quantity left; the conditional UPDATE keeps concurrent issues from ever
 * driving the balance below zero.
 */
export async function issueStock(ctx: Ctx, incidentId: string, input: StockIssue) {
  const acc = await loadIncident(ctx, incidentId);
  const again = await replayed(ctx, input.id, incidentId, 'issued');
  if (again) return again;
  requireOpen(acc);
  if ((input.victimId === undefined) === (input.householdId === undefined)) {
    throw badRequest([{ field: 'victimId', code: 'aid.recipient', message: { id: 'Pilih satu penerima: korban (victimId) atau keluarga (householdId)', en: 'Choose one recipient: a victim (victimId) or a household (householdId)' } }]);
  }
  const { post, item } = await placeOf(ctx, acc, input.postId, input.itemId);
  requireAccess(ctx.actor, 'person.read');
  const victim = input.victimId ? await loadVictim(ctx, input.victimId, incidentId) : null;
  const household = input.householdId ? await households.find(ctx.db, input.householdId, scopeOf(ctx.actor, 'person.read')) : null;
  if (input.householdId && !household) throw notFound({ id: 'Keluarga tidak ditemukan', en: 'Household not found' });
  if (input.evidenceFileId) await requireEvidence(ctx, input.evidenceFileId, post.villageCode);
  const wanted = quantityOf(input.quantity);
  const balance = await store.issue(ctx.db, { postId: post.id, itemId: item.id }, fromHundredths(wanted));
  if (balance === null) {
    const available = Math.round((await store.balanceOf(ctx.db, { postId: post.id, itemId: item.id })) * 100);
    const e = insufficientStockIssue(item, fromHundredths(available), fromHundredths(wanted));
    throw new AppError(409, 'stock_insufficient', e.message, [e]);
  }
  const id = input.id ?? uuidv7();
  const now = ctx.clock.now();
  const regency = victim?.regencyCode ?? household?.regencyCode ?? post.villageCode.slice(0, 5);
  await store.insertMovement(ctx.db, {
    id, incidentId, postId: post.id, itemId: item.id, kind: 'issued', quantity: fromHundredths(wanted), donor: null, regencyCode: regency,
    victimId: victim?.id ?? null, householdId: household ? input.householdId! : null, evidenceFileId: input.evidenceFileId ?? null,
    note: input.note ?? null, occurredAt: input.occurredAt ?? now.toISOString(), now, actorId: ctx.actor.userId, actorLabel: ctx.actor.username,
  });
  if (victim && item.needKind !== 'lainnya') await markServed(ctx, victim, item.needKind);
  await countAidIssue(ctx.db, incidentId, post.villageCode);
  ctx.audit.record({
    action: 'aid.issued',
    entityType: 'stock_movement',
    entityId: id,
    personId: victim?.personId ?? null,
    regencyCode: regency,
    details: { incidentId, itemId: item.id, quantity: fromHundredths(wanted), to: victim ? 'victim' : 'household', balance },
  });
  return result(ctx, (await store.findMovement(ctx.db, id))!);
}

export async function listBalances(ctx: Ctx, incidentId: string, q: { postId?: string | undefined; lowOnly: boolean }) {
  await loadIncident(ctx, incidentId);
  const rows = await store.balances(ctx.db, incidentId, q.postId);
  const items = rows.map((r) => ({
    ...r,
    lowStock: isLowStock(Math.round(r.balance * 100), r.lowStockThreshold === null ? null : Math.round(r.lowStockThreshold * 100)),
  }));
  return { items: q.lowOnly ? items.filter((i) => i.lowStock) : items };
}

export async function listMovements(ctx: Ctx, incidentId: string, q: { postId?: string | undefined; page: number; pageSize: number }) {
  await loadIncident(ctx, incidentId);
  const { rows, total } = await store.listMovements(ctx.db, incidentId, { ...(q.postId ? { postId: q.postId } : {}), limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows, page: q.page, pageSize: q.pageSize, total };
}

/** A signature or photo of a handover, stored for the post's village and readable with person.read there. */
export async function uploadEvidence(ctx: Ctx, incidentId: string, postId: string, bytes: Buffer) {
  const acc = await loadIncident(ctx, incidentId);
  const post = await store.findPost(ctx.db, postId);
  if (!post || post.incidentId !== incidentId) throw badRequest([{ field: 'postId', code: 'post.unknown', message: { id: 'Pos tidak ditemukan pada kejadian ini', en: 'Post not found for this incident' } }]);
  if (!acc.worksAt(post.villageCode)) throw forbidden('incident.respond');
  const stored = await ctx.files.save(ctx, { bytes, areaCode: post.villageCode, readPermission: 'person.read', purpose: 'disaster.aid_evidence', allowed: ['image/jpeg', 'image/png', 'image/webp'] });
  ctx.audit.record({ action: 'aid.evidence_uploaded', entityType: 'stored_file', entityId: stored.id, regencyCode: post.villageCode.slice(0, 5), details: { incidentId, postId } });
  return stored;
}
