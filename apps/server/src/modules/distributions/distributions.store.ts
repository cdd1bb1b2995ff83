import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

/** SQL for distribution events (no personal data), their frozen recipients and the check-ins (scoped). */
export interface EventRow {
  id: string;
  regencyCode: string;
  programmeCode: string;
  areaCode: string;
  place: string;
  heldOn: string;
  periodLabel: string | null;
  status: 'open' | 'closed';
  expectedCount: number;
  createdAt: string;
  version: number;
}

/** An event is visible where its area and the caller's scope overlap (either contains the other). */
function overlaps(col: string, scopes: string[], params: unknown[]): string {
  if (scopes.includes('ID')) return 'TRUE';
  if (scopes.length === 0) return 'FALSE';
  params.push(scopes);
  const p = `$${params.length}::text[]`;
  return `EXISTS (SELECT 1 FROM unnest(${p}) s WHERE ${col} = s OR ${col} LIKE s || '.%' OR s LIKE ${col} || '.%')`;
}

const EVENT = `SELECT id, regency_code AS "regencyCode", programme_code AS "programmeCode", area_code AS "areaCode", place, held_on::text AS "heldOn",
                      period_label AS "periodLabel", status, expected_count AS "expectedCount", created_at AS "createdAt", version
               FROM distribution_event e`;
const norm = (r: Record<string, unknown>): EventRow => ({ ...(r as unknown as EventRow), createdAt: new Date(r.createdAt as string).toISOString() });

export async function insertEvent(db: Queryable, e: Omit<EventRow, 'createdAt' | 'version' | 'status' | 'expectedCount'> & { at: Date; by: string | null }): Promise<void> {
  await db.query(
    `INSERT INTO distribution_event (regency_code, id, programme_code, area_code, place, held_on, period_label, status, expected_count, created_at, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,'open',0,$8,$9)`,
    [e.regencyCode, e.id, e.programmeCode, e.areaCode, e.place, e.heldOn, e.periodLabel, e.at, e.by],
  );
}

export async function findEvent(db: Queryable, id: string, scopes: string[]): Promise<EventRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${EVENT} WHERE e.id = $1 AND ${overlaps('e.area_code', scopes, params)}`, params);
  return rows[0] ? norm(rows[0]) : null;
}

export async function listEvents(db: Queryable, scopes: string[], f: { area?: string; programme?: string }): Promise<EventRow[]> {
  const params: unknown[] = [];
  const where = [overlaps('e.area_code', scopes, params)];
  if (f.area) { params.push(f.area); where.push(`(e.area_code = $${params.length} OR e.area_code LIKE $${params.length} || '.%' OR $${params.length} LIKE e.area_code || '.%')`); }
  if (f.programme) { params.push(f.programme); where.push(`e.programme_code = $${params.length}`); }
  const { rows } = await db.query(`${EVENT} WHERE ${where.join(' AND ')} ORDER BY e.held_on DESC, e.id LIMIT 500`, params);
  return rows.map(norm);
}

export async function setEventStatus(db: Queryable, key: { regencyCode: string; id: string }, set: { status?: string; expectedCount?: number; closedAt?: Date; closedBy?: string | null }): Promise<void> {
  await db.query(
    `UPDATE distribution_event SET status = coalesce($3, status), expected_count = coalesce($4, expected_count), closed_at = coalesce($5, closed_at),
            closed_by = coalesce($6, closed_by), version = version + 1 WHERE regency_code = $1 AND id = $2`,
    [key.regencyCode, key.id, set.status ?? null, set.expectedCount ?? null, set.closedAt ?? null, set.closedBy ?? null],
  );
}

/** Active memberships of a programme living in an area on the day: who is expected (display name and masked NIK frozen). */
export async function eligibleMembers(db: Queryable, e: { regencyCode: string; programmeCode: string; areaCode: string; heldOn: string }) {
  const { rows } = await db.query(
    `SELECT m.id AS "membershipId", m.person_id AS "personId", m.household_id AS "householdId", m.village_code AS "villageCode",
            coalesce(p.full_name, hp.full_name, 'Keluarga tanpa kepala tercatat') AS "displayName", coalesce(p.nik_masked, hp.nik_masked) AS "nikMasked"
     FROM programme_membership m
     LEFT JOIN person p ON p.regency_code = m.regency_code AND p.id = m.person_id
     LEFT JOIN LATERAL (SELECT x.full_name, x.nik_masked FROM household_member hm JOIN person x ON x.regency_code = hm.regency_code AND x.id = hm.person_id
                        WHERE hm.regency_code = m.regency_code AND hm.household_id = m.household_id AND hm.left_on IS NULL
                        ORDER BY hm.relationship <> 'kepala_keluarga', hm.joined_on NULLS LAST LIMIT 1) hp ON m.household_id IS NOT NULL
     WHERE m.regency_code = $1 AND m.programme_code = $2 AND m.status = 'aktif'
       AND (m.village_code = $3 OR m.village_code LIKE $3 || '.%')
       AND (m.period_start IS NULL OR m.period_start <= $4::date) AND (m.period_end IS NULL OR m.period_end >= $4::date)
     ORDER BY m.village_code, 5, m.id`,
    [e.regencyCode, e.programmeCode, e.areaCode, e.heldOn],
  );
  return rows as { membershipId: string; personId: string | null; householdId: string | null; villageCode: string; displayName: string; nikMasked: string | null }[];
}

export async function insertRecipients(db: Queryable, regencyCode: string, eventId: string, rows: { id: string; membershipId: string; personId: string | null; householdId: string | null; villageCode: string; displayName: string; nikMasked: string | null; qrToken: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const params: unknown[] = [];
    const values = chunk.map((r) => {
      params.push(regencyCode, r.id, eventId, r.membershipId, r.personId, r.householdId, r.villageCode, r.displayName, r.nikMasked, r.qrToken);
      const b = params.length - 10;
      return `(${Array.from({ length: 10 }, (_, k) => `$${b + k + 1}`).join(',')})`;
    });
    await db.query(
      `INSERT INTO distribution_recipient (regency_code, id, event_id, membership_id, person_id, household_id, village_code, display_name, nik_masked, qr_token) VALUES ${values.join(',')}`,
      params,
    );
  }
}

export interface RecipientRow {
  id: string;
  regencyCode: string;
  eventId: string;
  villageCode: string;
  villageName: string;
  displayName: string;
  nikMasked: string | null;
  personId: string | null;
  householdId: string | null;
  qrToken: string;
  checkinId: string | null;
  outcome: 'received' | 'represented' | 'absent' | null;
  method: 'nik' | 'qr' | 'list' | null;
  representativeName: string | null;
  checkedAt: string | null;
  checkinVersion: number | null;
}

const RECIPIENT = `
  SELECT r.id, r.regency_code AS "regencyCode", r.event_id AS "eventId", r.village_code AS "villageCode", a.name AS "villageName",
         r.display_name AS "displayName", r.nik_masked AS "nikMasked", r.person_id AS "personId", r.household_id AS "householdId", r.qr_token AS "qrToken",
         c.id AS "checkinId", c.outcome, c.method, c.representative_name AS "representativeName", c.checked_at AS "checkedAt", c.version AS "checkinVersion"
  FROM distribution_recipient r
  JOIN area a ON a.code = r.village_code
  LEFT JOIN distribution_checkin c ON c.regency_code = r.regency_code AND c.recipient_id = r.id`;

export async function recipients(db: Queryable, ev: { regencyCode: string; id: string }, scopes: string[]): Promise<RecipientRow[]> {
  const params: unknown[] = [ev.regencyCode, ev.id];
  const { rows } = await db.query(`${RECIPIENT} WHERE r.regency_code = $1 AND r.event_id = $2 AND ${scopePredicate('r.village_code', scopes, params)} ORDER BY r.village_code, r.display_name, r.id`, params);
  return rows.map((r) => ({ ...r, checkedAt: r.checkedAt ? new Date(r.checkedAt).toISOString() : null }));
}

/** The recipient a check-in points at: by list row id, by QR token, or by NIK hash (the person, or any current member of the household). */
export async function findRecipient(db: Queryable, ev: { regencyCode: string; id: string }, by: { recipientId?: string; qrToken?: string; nikHash?: Buffer }, scopes: string[]): Promise<RecipientRow | null> {
  const params: unknown[] = [ev.regencyCode, ev.id];
  let cond: string;
  if (by.recipientId) { params.push(by.recipientId); cond = `r.id = $${params.length}`; }
  else if (by.qrToken) { params.push(by.qrToken); cond = `r.qr_token = $${params.length}`; }
  else {
    params.push(by.nikHash);
    const h = `$${params.length}`;
    cond = `(EXISTS (SELECT 1 FROM person p WHERE p.regency_code = r.regency_code AND p.id = r.person_id AND p.nik_hash = ${h})
             OR EXISTS (SELECT 1 FROM household_member hm JOIN person p ON p.regency_code = hm.regency_code AND p.id = hm.person_id
                        WHERE hm.regency_code = r.regency_code AND hm.household_id = r.household_id AND hm.left_on IS NULL AND p.nik_hash = ${h}))`;
  }
  const { rows } = await db.query(`${RECIPIENT} WHERE r.regency_code = $1 AND r.event_id = $2 AND ${cond} AND ${scopePredicate('r.village_code', scopes, params)} LIMIT 1`, params);
  const r = rows[0];
  return r ? { ...r, checkedAt: r.checkedAt ? new Date(r.checkedAt).toISOString() : null } : null;
}

export interface CheckinRow {
  id: string;
  regencyCode: string;
  eventId: string;
  recipientId: string;
  personId: string | null;
  villageCode: string;
  outcome: 'received' | 'represented' | 'absent';
  method: 'nik' | 'qr' | 'list';
  representativeName: string | null;
  representativeRelation: string | null;
  proofFileId: string | null;
  note: string | null;
  checkedAt: string;
  version: number;
}

const CHECKIN = `SELECT c.id, c.regency_code AS "regencyCode", c.event_id AS "eventId", c.recipient_id AS "recipientId", c.person_id AS "personId",
                        c.village_code AS "villageCode", c.outcome, c.method, c.representative_name AS "representativeName",
                        c.representative_relation AS "representativeRelation", c.proof_file_id AS "proofFileId", c.note, c.checked_at AS "checkedAt", c.version
                 FROM distribution_checkin c`;

export async function checkins(db: Queryable, ids: string[], scopes: string[]): Promise<CheckinRow[]> {
  const params: unknown[] = [ids];
  const { rows } = await db.query(`${CHECKIN} WHERE c.id = ANY($1::uuid[]) AND ${scopePredicate('c.village_code', scopes, params)}`, params);
  return rows.map((r) => ({ ...r, checkedAt: new Date(r.checkedAt).toISOString() }));
}

export async function checkinPage(db: Queryable, afterId: string | null, limit: number, scopes: string[]): Promise<string[]> {
  const params: unknown[] = [afterId ?? '00000000-0000-0000-0000-000000000000', limit];
  const { rows } = await db.query(`SELECT c.id FROM distribution_checkin c WHERE c.id > $1 AND ${scopePredicate('c.village_code', scopes, params)} ORDER BY c.id LIMIT $2`, params);
  return rows.map((r) => r.id as string);
}

export async function insertCheckin(db: Queryable, c: Omit<CheckinRow, 'version' | 'checkedAt'> & { checkedAt: Date; at: Date; by: string | null }): Promise<void> {
  await db.query(
    `INSERT INTO distribution_checkin (regency_code, id, event_id, recipient_id, person_id, village_code, outcome, method, representative_name,
                                       representative_relation, proof_file_id, note, checked_at, recorded_at, recorded_by, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$14,$15)`,
    [c.regencyCode, c.id, c.eventId, c.recipientId, c.personId, c.villageCode, c.outcome, c.method, c.representativeName, c.representativeRelation, c.proofFileId, c.note, c.checkedAt, c.at, c.by],
  );
}

export async function updateCheckin(db: Queryable, key: { regencyCode: string; id: string; version: number }, set: Record<string, unknown>, by: string | null, at: Date): Promise<boolean> {
  const cols = Object.keys(set);
  const params: unknown[] = [key.regencyCode, key.id, key.version, at, by, ...cols.map((c) => set[c])];
  const { rowCount } = await db.query(
    `UPDATE distribution_checkin SET ${cols.map((c, i) => `${c} = $${i + 6}, `).join('')}version = version + 1, updated_at = $4, updated_by = $5
     WHERE regency_code = $1 AND id = $2 AND version = $3`,
    params,
  );
  return rowCount === 1;
}

/** Expected vs received per recipient village, from the rollup, for an area and an optional programme and period. */
export async function areaFigures(db: Queryable, f: { area: string; programme?: string; from?: string; to?: string }) {
  const params: unknown[] = [];
  const where: string[] = [];
  if (f.area !== 'ID') { params.push(f.area); where.push(`(d.village_code = $${params.length} OR d.village_code LIKE $${params.length} || '.%')`); }
  if (f.programme) { params.push(f.programme); where.push(`d.programme_code = $${params.length}`); }
  if (f.from) { params.push(f.from); where.push(`d.month >= date_trunc('month', $${params.length}::date)`); }
  if (f.to) { params.push(f.to); where.push(`d.month <= $${params.length}::date`); }
  const { rows } = await db.query(
    `SELECT d.village_code AS "villageCode", a.name AS "villageName", sum(d.expected)::int AS expected, sum(d.received)::int AS received,
            sum(d.represented)::int AS represented, sum(d.absent)::int AS absent
     FROM distribution_rollup d JOIN area a ON a.code = d.village_code
     WHERE ${where.length ? where.join(' AND ') : 'TRUE'} GROUP BY 1,2 HAVING sum(d.expected) <> 0 ORDER BY 1`,
    params,
  );
  return rows as { villageCode: string; villageName: string; expected: number; received: number; represented: number; absent: number }[];
}
