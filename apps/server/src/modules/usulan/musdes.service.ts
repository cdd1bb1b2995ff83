import type { MusdesCreate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { badRequest, notFound } from '../../platform/errors';
import { requireVillage } from '../areas/areas.service';
import { applyStep } from './usulan.service';
import * as store from './usulan.store';

/**
 * Digital minutes of a musyawarah desa/kelurahan (DOMAIN.md §3): date, place, attendees
 * and their roles, the list decided and the signed scan. Recording them moves every
 * usulan on the list to "deliberated" — all or none.
 */
export async function createMusdes(ctx: Ctx, input: MusdesCreate) {
  requireAccess(ctx.actor, 'usulan.create');
  const village = await requireVillage(ctx.db, input.villageCode, 'villageCode');
  requireAccess(ctx.actor, 'usulan.create', { areaCode: village.code });
  const roleTotal = input.attendeeRoles.reduce((s, r) => s + r.count, 0);
  if (roleTotal > input.attendeeCount) {
    throw badRequest([{ field: 'attendeeRoles', code: 'musdes.attendees', message: { id: 'Jumlah per peran melebihi jumlah hadir', en: 'Counts per role exceed the attendee count' } }]);
  }
  if (input.signedScanFileId && !(await store.fileInArea(ctx.db, input.signedScanFileId, village.code))) {
    throw badRequest([{ field: 'signedScanFileId', code: 'file.unknown', message: { id: 'Berkas pindaian tidak ditemukan untuk desa ini', en: 'Scan not found for this village' } }]);
  }
  const ids = [...new Set(input.usulanIds)];
  const rows = await store.findMany(ctx.db, ids, scopeOf(ctx.actor, 'usulan.create'));
  const bad = ids.filter((id) => {
    const r = rows.find((x) => x.id === id);
    return !r || r.villageCode !== village.code || r.status !== 'proposed';
  });
  if (bad.length) {
    throw badRequest(
      bad.map((id) => ({ field: `usulanIds.${input.usulanIds.indexOf(id)}`, code: 'musdes.usulan', message: { id: 'Usulan tidak ada, dari desa lain, atau belum berstatus diusulkan', en: 'Usulan unknown, from another village, or not in status proposed' } })),
    );
  }
  const id = input.id ?? uuidv7();
  const regencyCode = village.code.slice(0, 5);
  await store.insertMusdes(ctx.db, {
    regencyCode,
    id,
    villageCode: village.code,
    kind: input.kind,
    heldOn: input.heldOn,
    place: input.place,
    attendeeCount: input.attendeeCount,
    attendeeRoles: input.attendeeRoles,
    decidedCount: ids.length,
    signedScanFileId: input.signedScanFileId ?? null,
    notes: input.notes ?? null,
    at: ctx.clock.now(),
    by: ctx.actor.userId,
  });
  for (const row of rows) {
    await applyStep(ctx, row, 'deliberate', { version: null, deliberation: 'musdes', set: { deliberation: 'musdes', musdes_id: id }, details: { musdesId: id } });
  }
  ctx.audit.record({ action: 'usulan.musdes_recorded', entityType: 'musdes', entityId: id, regencyCode, details: { usulan: ids.length, attendees: input.attendeeCount, scan: Boolean(input.signedScanFileId) } });
  return (await store.findMusdes(ctx.db, id, ['ID']))!;
}

export async function getMusdes(ctx: Ctx, id: string) {
  requireAccess(ctx.actor, 'usulan.read');
  const m = await store.findMusdes(ctx.db, id, scopeOf(ctx.actor, 'usulan.read'));
  if (!m) throw notFound({ id: 'Berita acara tidak ditemukan', en: 'Minutes not found' });
  ctx.audit.record({ action: 'usulan.musdes_read', entityType: 'musdes', entityId: id, regencyCode: m.regencyCode });
  const { regencyCode: _r, ...rest } = m;
  return rest;
}
