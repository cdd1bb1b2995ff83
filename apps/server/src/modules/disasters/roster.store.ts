import type { VOLUNTEER_KINDS } from '@pilar/domain/contracts';
import type { Queryable } from '../../platform/db/pool';

/**
 * The volunteer roster. Phone numbers leave the database only for the incident's
 * responders: the caller's user on the roster, or managing rights passed in by the
 * service (`asManager`); for anyone else the column reads NULL.
 */
export interface VolunteerRow {
  id: string;
  incidentId: string;
  kind: (typeof VOLUNTEER_KINDS)[number];
  name: string;
  phone: string | null;
  organisation: string | null;
  userId: string | null;
  onDuty: boolean;
}

export async function listVolunteers(db: Queryable, incidentId: string, viewer: { userId: string | null; asManager: boolean }): Promise<{ rows: VolunteerRow[]; phonesVisible: boolean }> {
  const { rows } = await db.query(
    `WITH responder AS (
       SELECT ($3::boolean OR EXISTS (SELECT 1 FROM incident_volunteer r WHERE r.incident_id = $1 AND r.user_id = $2::uuid)) AS ok
     )
     SELECT v.id, v.incident_id AS "incidentId", v.kind, v.name,
            CASE WHEN responder.ok THEN v.phone END AS phone,
            v.organisation, v.user_id AS "userId",
            EXISTS (SELECT 1 FROM roster_shift s WHERE s.volunteer_id = v.id AND s.checked_in_at IS NOT NULL AND s.checked_out_at IS NULL) AS "onDuty",
            responder.ok AS "phonesVisible"
     FROM incident_volunteer v CROSS JOIN responder
     WHERE v.incident_id = $1 ORDER BY v.name, v.id`,
    [incidentId, viewer.userId, viewer.asManager],
  );
  const phonesVisible = rows[0]?.phonesVisible ?? false;
  return { rows: rows.map(({ phonesVisible: _p, ...r }) => r as VolunteerRow), phonesVisible };
}

export async function findVolunteer(db: Queryable, id: string): Promise<{ id: string; incidentId: string; userId: string | null; name: string } | null> {
  const { rows } = await db.query(`SELECT id, incident_id AS "incidentId", user_id AS "userId", name FROM incident_volunteer WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function insertVolunteer(
  db: Queryable,
  v: { id: string; incidentId: string; kind: string; name: string; phone: string | null; organisation: string | null; userId: string | null; now: Date; actorId: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO incident_volunteer (id, incident_id, kind, name, phone, organisation, user_id, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [v.id, v.incidentId, v.kind, v.name, v.phone, v.organisation, v.userId, v.now, v.actorId],
  );
}

export async function userExists(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM app_user WHERE id = $1 AND status = 'active'`, [id]);
  return rows.length > 0;
}

export interface ShiftRow {
  id: string;
  incidentId: string;
  volunteerId: string;
  volunteerName: string;
  volunteerUserId: string | null;
  postId: string;
  postName: string;
  startsAt: string;
  endsAt: string;
  task: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
}

const SHIFT_SELECT = `
  SELECT s.id, s.incident_id AS "incidentId", s.volunteer_id AS "volunteerId", v.name AS "volunteerName", v.user_id AS "volunteerUserId",
         s.post_id AS "postId", p.name AS "postName", s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.task,
         s.checked_in_at AS "checkedInAt", s.checked_out_at AS "checkedOutAt"
  FROM roster_shift s JOIN incident_volunteer v ON v.id = s.volunteer_id JOIN aid_post p ON p.id = s.post_id`;
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const shiftNorm = (r: Record<string, unknown>): ShiftRow => ({
  ...(r as unknown as ShiftRow),
  startsAt: iso(r.startsAt)!,
  endsAt: iso(r.endsAt)!,
  checkedInAt: iso(r.checkedInAt),
  checkedOutAt: iso(r.checkedOutAt),
});

export async function findShift(db: Queryable, id: string): Promise<ShiftRow | null> {
  const { rows } = await db.query(`${SHIFT_SELECT} WHERE s.id = $1`, [id]);
  return rows[0] ? shiftNorm(rows[0]) : null;
}

export async function listShifts(db: Queryable, incidentId: string, postId?: string): Promise<ShiftRow[]> {
  const params: unknown[] = [incidentId];
  let w = 's.incident_id = $1';
  if (postId) {
    params.push(postId);
    w += ' AND s.post_id = $2';
  }
  const { rows } = await db.query(`${SHIFT_SELECT} WHERE ${w} ORDER BY s.starts_at, s.id`, params);
  return rows.map(shiftNorm);
}

export async function insertShift(
  db: Queryable,
  s: { id: string; incidentId: string; volunteerId: string; postId: string; startsAt: string; endsAt: string; task: string | null; now: Date; actorId: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO roster_shift (id, incident_id, volunteer_id, post_id, starts_at, ends_at, task, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [s.id, s.incidentId, s.volunteerId, s.postId, s.startsAt, s.endsAt, s.task, s.now, s.actorId],
  );
}

/** Sets check-in (only once) or check-out (only after check-in, once); false when that step is not possible. */
export async function check(db: Queryable, id: string, step: 'in' | 'out', at: string): Promise<boolean> {
  const sql =
    step === 'in'
      ? `UPDATE roster_shift SET checked_in_at = $2 WHERE id = $1 AND checked_in_at IS NULL`
      : `UPDATE roster_shift SET checked_out_at = $2 WHERE id = $1 AND checked_in_at IS NOT NULL AND checked_out_at IS NULL AND checked_in_at <= $2`;
  const { rowCount } = await db.query(sql, [id, at]);
  return rowCount === 1;
}

export async function dutyCounts(db: Queryable, incidentId: string): Promise<{ total: number; onDuty: number }> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM roster_shift s WHERE s.volunteer_id = v.id AND s.checked_in_at IS NOT NULL AND s.checked_out_at IS NULL))::int AS "onDuty"
     FROM incident_volunteer v WHERE v.incident_id = $1`,
    [incidentId],
  );
  return rows[0];
}
