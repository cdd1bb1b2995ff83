import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

/** SQL for breach incidents, their affected persons, notices and deliveries. */
export interface BreachRow {
  id: string;
  areaCode: string;
  title: string;
  description: string;
  how: string;
  systems: string[];
  occurredFrom: Date | null;
  occurredTo: Date | null;
  discoveredAt: Date;
  dueAt: Date;
  status: 'open' | 'notified' | 'closed';
  affectedCount: number;
}

const SELECT = `
  SELECT b.id, b.area_code AS "areaCode", b.title, b.description, b.how, b.systems, b.occurred_from AS "occurredFrom",
         b.occurred_to AS "occurredTo", b.discovered_at AS "discoveredAt", b.due_at AS "dueAt", b.status,
         (SELECT count(*)::int FROM breach_affected_person a WHERE a.breach_id = b.id) AS "affectedCount"
  FROM breach_incident b`;

/** A breach is visible to a DPO whose scope contains its area (a national breach only to national scope). */
function breachScope(scopes: string[], params: unknown[]): string {
  return scopePredicate('b.area_code', scopes, params);
}

export async function insert(db: Queryable, b: Omit<BreachRow, 'status' | 'affectedCount'> & { now: Date; by: string | null }): Promise<void> {
  await db.query(
    `INSERT INTO breach_incident (id, area_code, title, description, how, systems, occurred_from, occurred_to, discovered_at, due_at, status, created_at, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'open',$11,$12)`,
    [b.id, b.areaCode, b.title, b.description, b.how, b.systems, b.occurredFrom, b.occurredTo, b.discoveredAt, b.dueAt, b.now, b.by],
  );
  for (const audience of ['subjects', 'authority']) {
    await db.query(
      `INSERT INTO breach_notice (id, breach_id, audience, status, updated_at) VALUES (gen_random_uuid(), $1, $2, 'draft', $3)`,
      [b.id, audience, b.now],
    );
  }
}

export async function find(db: Queryable, id: string, scopes: string[]): Promise<BreachRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${SELECT} WHERE b.id = $1 AND ${breachScope(scopes, params)}`, params);
  return rows[0] ?? null;
}

export async function list(db: Queryable, scopes: string[]): Promise<BreachRow[]> {
  const params: unknown[] = [];
  const { rows } = await db.query(`${SELECT} WHERE ${breachScope(scopes, params)} ORDER BY b.discovered_at DESC, b.id LIMIT 200`, params);
  return rows;
}

export async function setStatus(db: Queryable, id: string, status: string, at: Date): Promise<void> {
  await db.query(`UPDATE breach_incident SET status = $2, notified_at = CASE WHEN $2 = 'notified' THEN $3 ELSE notified_at END, version = version + 1 WHERE id = $1`, [id, status, at]);
}

/**
 * The breach query (UU PDP Pasal 46): the persons whose records `userId` processed
 * between `from` and `to` with one of `actions` — events about one person
 * (`person_id`) and list / sync / export events naming persons in `details.ids` —
 * limited to persons inside `scopes`.
 */
export async function personsProcessedBy(db: Queryable, f: { userId: string; from: Date; to: Date; actions: readonly string[] }, scopes: string[]) {
  const params: unknown[] = [f.userId, f.from, f.to, f.actions];
  const { rows } = await db.query(
    `WITH ev AS (
       SELECT e.occurred_at, e.action, e.person_id AS pid
         FROM audit_event e
        WHERE e.actor_id = $1 AND e.occurred_at BETWEEN $2 AND $3 AND e.action = ANY($4) AND e.person_id IS NOT NULL
       UNION ALL
       SELECT e.occurred_at, e.action, x.id::uuid
         FROM audit_event e CROSS JOIN LATERAL jsonb_array_elements_text(e.details -> 'ids') AS x(id)
        WHERE e.actor_id = $1 AND e.occurred_at BETWEEN $2 AND $3 AND e.action = ANY($4)
          AND jsonb_typeof(e.details -> 'ids') = 'array'
          AND x.id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
     )
     SELECT p.id AS "personId", p.regency_code AS "regencyCode", p.village_code AS "villageCode",
            array_agg(DISTINCT ev.action ORDER BY ev.action) AS actions, min(ev.occurred_at) AS "firstAt", max(ev.occurred_at) AS "lastAt"
       FROM ev JOIN person p ON p.id = ev.pid
      WHERE ${scopePredicate('p.village_code', scopes, params)}
      GROUP BY p.id, p.regency_code, p.village_code
      ORDER BY p.id`,
    params,
  );
  return rows.map((r) => ({
    personId: r.personId as string,
    regencyCode: r.regencyCode as string,
    villageCode: r.villageCode as string,
    actions: r.actions as string[],
    firstAt: new Date(r.firstAt).toISOString(),
    lastAt: new Date(r.lastAt).toISOString(),
  }));
}

export async function addAffected(db: Queryable, breachId: string, p: { regencyCode: string; personId: string; villageCode: string }, foundBy: unknown, at: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO breach_affected_person (breach_id, regency_code, person_id, village_code, found_by, added_at) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING`,
    [breachId, p.regencyCode, p.personId, p.villageCode, JSON.stringify(foundBy), at],
  );
  return rowCount === 1;
}

export async function affected(db: Queryable, breachId: string, scopes: string[]) {
  const params: unknown[] = [breachId];
  const { rows } = await db.query(
    `SELECT a.person_id AS "personId", a.village_code AS "villageCode", a.found_by AS "foundBy", a.added_at AS "addedAt"
     FROM breach_affected_person a WHERE a.breach_id = $1 AND ${scopePredicate('a.village_code', scopes, params)} ORDER BY a.person_id`,
    params,
  );
  return rows;
}

export interface NoticeRow {
  id: string;
  breachId: string;
  audience: 'subjects' | 'authority';
  dataExposed: string | null;
  whenAndHow: string | null;
  measuresTaken: string | null;
  contact: string | null;
  status: 'draft' | 'ready' | 'sent';
  readyAt: Date | null;
  version: number;
}

const NOTICE = `SELECT id, breach_id AS "breachId", audience, data_exposed AS "dataExposed", when_and_how AS "whenAndHow",
                       measures_taken AS "measuresTaken", contact, status, ready_at AS "readyAt", version FROM breach_notice`;

export async function notices(db: Queryable, breachId: string): Promise<NoticeRow[]> {
  return (await db.query(`${NOTICE} WHERE breach_id = $1 ORDER BY audience`, [breachId])).rows;
}

export async function notice(db: Queryable, breachId: string, audience: string): Promise<NoticeRow | null> {
  return (await db.query(`${NOTICE} WHERE breach_id = $1 AND audience = $2`, [breachId, audience])).rows[0] ?? null;
}

export async function updateNotice(db: Queryable, id: string, set: Record<string, unknown>, version: number | null): Promise<boolean> {
  const cols = Object.keys(set);
  const params: unknown[] = [id, version, ...cols.map((c) => set[c])];
  const { rowCount } = await db.query(
    `UPDATE breach_notice SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}${cols.length ? ',' : ''} version = version + 1
     WHERE id = $1 AND ($2::int IS NULL OR version = $2)`,
    params,
  );
  return rowCount === 1;
}

export async function deliveries(db: Queryable, noticeIds: string[]) {
  if (!noticeIds.length) return [];
  const { rows } = await db.query(
    `SELECT id, notice_id AS "noticeId", channel, recipients, delivered_at AS "deliveredAt", note FROM breach_notice_delivery
     WHERE notice_id = ANY($1::uuid[]) ORDER BY delivered_at, id`,
    [noticeIds],
  );
  return rows.map((r) => ({ ...r, deliveredAt: new Date(r.deliveredAt).toISOString() }));
}

export async function insertDelivery(db: Queryable, d: { id: string; noticeId: string; channel: string; recipients: number; deliveredAt: Date; note: string | null; by: string | null }) {
  await db.query(
    `INSERT INTO breach_notice_delivery (id, notice_id, channel, recipients, delivered_at, note, recorded_by) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [d.id, d.noticeId, d.channel, d.recipients, d.deliveredAt, d.note, d.by],
  );
}
