import type { Queryable } from '../../platform/db/pool';
import { scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError } from '../../platform/errors';
import { scopePredicate } from '../people/people.store';
import type { SyncEntity, SyncRecord } from '../sync/sync.entity';

/** Domain separation for the QR hash the phone receives (see below). */
export const QR_HASH_PREFIX = 'pilar-distribution-qr:';

/**
 * The frozen recipient lists travel to the phone so a PSM can check people in with no
 * signal. Each row carries its event's programme, place and date (the event has no
 * village of its own to scope it by). Read-only on the phone: check-ins are their own
 * entity (`distribution_checkin`). Only the masked NIK leaves the server.
 *
 * The invitation's QR token stays on the server as well: it proves that whoever held the
 * invitation was there, and the list travels to every PSM of the village. The phone gets
 * `qrHash` = hex SHA-256 of "pilar-distribution-qr:<event id>:<token>": enough to
 * recognise a scanned or typed code offline, useless for forging one (the token has 128
 * random bits). The check-in then carries the token and the server verifies it.
 * apps/web/src/modules/distributions/field/qrCode.ts computes the same hash.
 */
async function rows(db: Queryable, where: string, params: unknown[], scopes: string[]) {
  const { rows: found } = await db.query(
    `SELECT r.id, r.event_id AS "eventId", r.village_code AS "villageCode", a.name AS "villageName", r.display_name AS "displayName",
            r.nik_masked AS "nikMasked", e.programme_code AS "programmeCode", p.name AS "programmeName", e.place, e.held_on::text AS "heldOn",
            e.period_label AS "periodLabel", e.status AS "eventStatus",
            encode(sha256(convert_to('${QR_HASH_PREFIX}' || r.event_id::text || ':' || r.qr_token, 'UTF8')), 'hex') AS "qrHash"
     FROM distribution_recipient r
     JOIN distribution_event e ON e.regency_code = r.regency_code AND e.id = r.event_id
     JOIN programme p ON p.code = e.programme_code
     JOIN area a ON a.code = r.village_code
     WHERE ${where} AND ${scopePredicate('r.village_code', scopes, params)}`,
    params,
  );
  return found as ({ id: string; villageCode: string } & Record<string, unknown>)[];
}

async function load(ctx: Ctx, ids: string[]): Promise<SyncRecord[]> {
  if (ids.length === 0) return [];
  const found = await rows(ctx.db, 'r.id = ANY($1::uuid[])', [ids], scopeOf(ctx.actor, 'distribution.checkin'));
  return found.map(({ id, villageCode, ...data }) => ({ id, version: 1, villageCode, data: { villageCode, ...data } }));
}

async function page(ctx: Ctx, afterId: string | null, limit: number): Promise<string[]> {
  const params: unknown[] = [afterId ?? '00000000-0000-0000-0000-000000000000', limit];
  const { rows: found } = await ctx.db.query(
    `SELECT r.id FROM distribution_recipient r
     JOIN distribution_event e ON e.regency_code = r.regency_code AND e.id = r.event_id
     WHERE r.id > $1 AND e.status = 'open' AND ${scopePredicate('r.village_code', scopeOf(ctx.actor, 'distribution.checkin'), params)}
     ORDER BY r.id LIMIT $2`,
    params,
  );
  return found.map((r) => r.id as string);
}

const readOnly = () =>
  new AppError(
    400,
    'invalid_input',
    { id: 'Daftar penerima tidak dapat diubah dari ponsel', en: 'The recipient list cannot be changed from the phone' },
    [{ field: 'entityType', code: 'sync.read_only', message: { id: 'Hanya dapat dibaca', en: 'Read-only' } }],
  );

export const recipientSync: SyncEntity = {
  type: 'distribution_recipient',
  readPermission: 'distribution.checkin',
  fieldColumns: {},
  load,
  page,
  create: () => Promise.reject(readOnly()),
  update: () => Promise.reject(readOnly()),
};
