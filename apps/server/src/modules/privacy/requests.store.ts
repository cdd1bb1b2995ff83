import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

/** SQL for data subject requests. Every query carries the caller's scope predicate. */
export interface RequestRow {
  id: string;
  regencyCode: string;
  personId: string;
  villageCode: string;
  kind: 'access' | 'correction' | 'deletion' | 'restriction' | 'consent_withdrawal';
  status: 'received' | 'identity_verified' | 'answered' | 'refused';
  channel: string;
  requester: string;
  details: string | null;
  receivedAt: Date;
  dueAt: Date;
  identityMethod: string | null;
  identityDocument: string | null;
  identityCheckedBy: string | null;
  identityCheckedAt: Date | null;
  answeredAt: Date | null;
  answerSummary: string | null;
  retentionNote: { removed: Record<string, string[]>; kept: { what: string; legalBasis: string }[]; filesDeleted: number } | null;
  version: number;
}

const SELECT = `
  SELECT r.id, r.regency_code AS "regencyCode", r.person_id AS "personId", r.village_code AS "villageCode", r.kind, r.status,
         r.channel, r.requester, r.details, r.received_at AS "receivedAt", r.due_at AS "dueAt",
         r.identity_method AS "identityMethod", r.identity_document AS "identityDocument",
         coalesce(u.username, r.identity_checked_by::text) AS "identityCheckedBy", r.identity_checked_at AS "identityCheckedAt",
         r.answered_at AS "answeredAt", r.answer_summary AS "answerSummary", r.retention_note AS "retentionNote", r.version
  FROM subject_request r LEFT JOIN app_user u ON u.id = r.identity_checked_by`;

export async function insert(
  db: Queryable,
  r: { id: string; regencyCode: string; personId: string; villageCode: string; kind: string; channel: string; requester: string; details: string | null; receivedAt: Date; dueAt: Date; now: Date; actorId: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO subject_request (regency_code, id, person_id, village_code, kind, status, channel, requester, details, received_at, due_at, created_at, created_by)
     VALUES ($1,$2,$3,$4,$5,'received',$6,$7,$8,$9,$10,$11,$12)`,
    [r.regencyCode, r.id, r.personId, r.villageCode, r.kind, r.channel, r.requester, r.details, r.receivedAt, r.dueAt, r.now, r.actorId],
  );
}

export async function find(db: Queryable, id: string, scopes: string[]): Promise<RequestRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${SELECT} WHERE r.id = $1 AND ${scopePredicate('r.village_code', scopes, params)}`, params);
  return (rows[0] as RequestRow | undefined) ?? null;
}

export async function list(db: Queryable, scopes: string[], f: { status: 'open' | 'closed' | 'all'; limit: number; offset: number }) {
  const params: unknown[] = [];
  const where = [scopePredicate('r.village_code', scopes, params)];
  if (f.status === 'open') where.push(`r.status IN ('received', 'identity_verified')`);
  if (f.status === 'closed') where.push(`r.status IN ('answered', 'refused')`);
  const total = (await db.query(`SELECT count(*)::int AS n FROM subject_request r WHERE ${where.join(' AND ')}`, params)).rows[0].n as number;
  params.push(f.limit, f.offset);
  const { rows } = await db.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY r.due_at, r.id LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { rows: rows as RequestRow[], total };
}

/** Applies `set` if the version matches; false on a stale version. */
export async function update(db: Queryable, key: { regencyCode: string; id: string; version: number }, set: Record<string, unknown>): Promise<boolean> {
  const cols = Object.keys(set);
  const params: unknown[] = [key.regencyCode, key.id, key.version, ...cols.map((c) => set[c])];
  const { rowCount } = await db.query(
    `UPDATE subject_request SET ${cols.map((c, i) => `${c} = $${i + 4}`).join(', ')}, version = version + 1
     WHERE regency_code = $1 AND id = $2 AND version = $3`,
    params,
  );
  return rowCount === 1;
}

export async function escalationsOf(db: Queryable, type: 'request' | 'breach', ids: string[]): Promise<Map<string, { level: 'near_due' | 'overdue'; raisedAt: string }[]>> {
  const out = new Map<string, { level: 'near_due' | 'overdue'; raisedAt: string }[]>();
  if (!ids.length) return out;
  const { rows } = await db.query(
    `SELECT subject_id, level, raised_at FROM privacy_escalation WHERE subject_type = $1 AND subject_id = ANY($2::uuid[]) ORDER BY raised_at`,
    [type, ids],
  );
  for (const r of rows) out.set(r.subject_id, [...(out.get(r.subject_id) ?? []), { level: r.level, raisedAt: new Date(r.raised_at).toISOString() }]);
  return out;
}

/** Restricted persons in scope, with when the restriction was answered. */
export async function restrictedPersons(db: Queryable, scopes: string[]) {
  const params: unknown[] = [];
  const { rows } = await db.query(
    `SELECT p.id, p.full_name AS "fullName", p.village_code AS "villageCode", p.nik_masked AS "nikMasked",
            (SELECT max(r.answered_at) FROM subject_request r WHERE r.regency_code = p.regency_code AND r.person_id = p.id
              AND r.kind = 'restriction' AND r.status = 'answered') AS "restrictedSince"
     FROM person p WHERE p.status = 'restricted' AND ${scopePredicate('p.village_code', scopes, params)}
     ORDER BY p.full_name, p.id LIMIT 500`,
    params,
  );
  return rows.map((r) => ({ ...r, restrictedSince: r.restrictedSince ? new Date(r.restrictedSince).toISOString() : null }));
}

/**
 * The person's processing history for an access request: every audit event about
 * the person, and list / sync / export events whose `details.ids` name them.
 */
export async function historyFor(db: Queryable, personId: string) {
  const { rows } = await db.query(
    `SELECT id, occurred_at, actor_label, action, entity_type, entity_id, person_id, purpose, details
     FROM audit_event
     WHERE person_id = $1 OR (jsonb_typeof(details -> 'ids') = 'array' AND details -> 'ids' ? $1::text)
     ORDER BY occurred_at, id`,
    [personId],
  );
  return rows;
}
