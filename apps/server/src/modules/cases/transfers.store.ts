import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

export interface TransferRow {
  id: string;
  personId: string;
  personName: string | null;
  fromRegencyCode: string;
  fromVillageCode: string;
  toRegencyCode: string;
  toVillageCode: string;
  status: 'requested' | 'accepted' | 'rejected' | 'cancelled';
  reason: string;
  decisionNote: string | null;
  requestedAt: string;
  decidedAt: string | null;
  moved: Record<string, number>;
}

const SELECT = `
  SELECT t.id, t.person_id AS "personId", p.full_name AS "personName", t.from_regency_code AS "fromRegencyCode",
         t.from_village_code AS "fromVillageCode", t.to_regency_code AS "toRegencyCode", t.to_village_code AS "toVillageCode",
         t.status, t.reason, t.decision_note AS "decisionNote", t.requested_at AS "requestedAt", t.decided_at AS "decidedAt", t.moved
  FROM person_transfer t
  LEFT JOIN person p ON p.id = t.person_id AND p.regency_code = CASE WHEN t.status = 'accepted' THEN t.to_regency_code ELSE t.from_regency_code END`;

const norm = (r: Record<string, unknown>): TransferRow => ({
  ...(r as unknown as TransferRow),
  requestedAt: new Date(r.requestedAt as string).toISOString(),
  decidedAt: r.decidedAt ? new Date(r.decidedAt as string).toISOString() : null,
});

/** A transfer seen from one end: `side` says which village must be in the scope. */
export async function find(db: Queryable, id: string, side: 'from' | 'to' | 'either', scopes: string[]): Promise<TransferRow | null> {
  const params: unknown[] = [id];
  const pred =
    side === 'either'
      ? `(${scopePredicate('t.from_village_code', scopes, params)} OR ${scopePredicate('t.to_village_code', scopes, params)})`
      : scopePredicate(`t.${side}_village_code`, scopes, params);
  const { rows } = await db.query(`${SELECT} WHERE t.id = $1 AND ${pred}`, params);
  return rows[0] ? norm(rows[0]) : null;
}

export async function list(db: Queryable, direction: 'incoming' | 'outgoing', scopes: string[], status?: string): Promise<TransferRow[]> {
  const params: unknown[] = [status ?? null];
  const col = direction === 'incoming' ? 't.to_village_code' : 't.from_village_code';
  const { rows } = await db.query(`${SELECT} WHERE ($1::text IS NULL OR t.status = $1::text) AND ${scopePredicate(col, scopes, params)} ORDER BY t.requested_at DESC, t.id`, params);
  return rows.map(norm);
}

export async function insert(db: Queryable, t: { id: string; personId: string; fromRegency: string; fromVillage: string; toRegency: string; toVillage: string; reason: string; now: Date; by: string | null }) {
  await db.query(
    `INSERT INTO person_transfer (id, person_id, from_regency_code, from_village_code, to_regency_code, to_village_code, status, reason, requested_at, requested_by)
     VALUES ($1,$2,$3,$4,$5,$6,'requested',$7,$8,$9)`,
    [t.id, t.personId, t.fromRegency, t.fromVillage, t.toRegency, t.toVillage, t.reason, t.now, t.by],
  );
}

export async function decide(db: Queryable, id: string, status: string, note: string | null, moved: Record<string, number>, now: Date, by: string | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE person_transfer SET status = $2, decision_note = $3, moved = $4, decided_at = $5, decided_by = $6 WHERE id = $1 AND status = 'requested'`,
    [id, status, note, JSON.stringify(moved), now, by],
  );
  return rowCount === 1;
}
