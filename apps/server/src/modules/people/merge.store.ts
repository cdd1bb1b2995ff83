import type { Queryable } from '../../platform/db/pool';
import type { MergeItem } from './relocate.store';
import { scopePredicate } from './people.store';

export interface MergeRow {
  id: string;
  regencyCode: string;
  survivorId: string;
  mergedId: string;
  villageCode: string;
  reason: string;
  items: MergeItem[];
  mergedAt: string;
  undoneAt: string | null;
}

export async function insert(db: Queryable, m: Omit<MergeRow, 'undoneAt' | 'mergedAt'> & { at: Date; by: string | null }): Promise<void> {
  await db.query(
    `INSERT INTO person_merge (regency_code, id, survivor_id, merged_id, village_code, reason, items, merged_at, merged_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [m.regencyCode, m.id, m.survivorId, m.mergedId, m.villageCode, m.reason, JSON.stringify(m.items), m.at, m.by],
  );
}

export async function find(db: Queryable, id: string, scopes: string[]): Promise<MergeRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(
    `SELECT id, regency_code AS "regencyCode", survivor_id AS "survivorId", merged_id AS "mergedId", village_code AS "villageCode",
            reason, items, merged_at AS "mergedAt", undone_at AS "undoneAt"
     FROM person_merge WHERE id = $1 AND ${scopePredicate('village_code', scopes, params)}`,
    params,
  );
  const r = rows[0];
  return r ? { ...r, mergedAt: new Date(r.mergedAt).toISOString(), undoneAt: r.undoneAt ? new Date(r.undoneAt).toISOString() : null } : null;
}

export async function markUndone(db: Queryable, key: { regencyCode: string; id: string }, at: Date, by: string | null): Promise<void> {
  await db.query(`UPDATE person_merge SET undone_at = $3, undone_by = $4 WHERE regency_code = $1 AND id = $2`, [key.regencyCode, key.id, at, by]);
}
