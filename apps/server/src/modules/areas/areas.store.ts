import type { AreaType } from '@pilar/domain';
import type { Queryable } from '../../platform/db/pool';

export interface AreaRecord {
  code: string;
  name: string;
  level: 'province' | 'regency' | 'district' | 'village';
  type: AreaType | null;
  parentCode: string | null;
  timeZone: 'WIB' | 'WITA' | 'WIT';
  counts: { children: number; villages: number };
}

const COLUMNS = `code, name, level, type, parent_code, time_zone, child_count, village_count`;

function toArea(r: Record<string, unknown>): AreaRecord {
  return {
    code: r.code as string,
    name: r.name as string,
    level: r.level as AreaRecord['level'],
    type: (r.type as AreaType | null) ?? null,
    parentCode: (r.parent_code as string | null) ?? null,
    timeZone: r.time_zone as AreaRecord['timeZone'],
    counts: { children: r.child_count as number, villages: r.village_count as number },
  };
}

export async function findArea(db: Queryable, code: string): Promise<AreaRecord | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM area WHERE code = $1`, [code]);
  return rows[0] ? toArea(rows[0]) : null;
}

export async function findAreas(db: Queryable, codes: string[]): Promise<AreaRecord[]> {
  if (codes.length === 0) return [];
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM area WHERE code = ANY($1) ORDER BY code`, [codes]);
  return rows.map(toArea);
}

export async function listChildren(db: Queryable, parentCode: string | null): Promise<AreaRecord[]> {
  const { rows } = parentCode
    ? await db.query(`SELECT ${COLUMNS} FROM area WHERE parent_code = $1 ORDER BY code`, [parentCode])
    : await db.query(`SELECT ${COLUMNS} FROM area WHERE level = 'province' ORDER BY code`);
  return rows.map(toArea);
}

/**
 * Name search over the trigram indexes: substring match on the spaced or the
 * space-free form, best matches first (exact, then prefix, then higher levels,
 * then similarity).
 */
export async function searchAreas(
  db: Queryable,
  q: { spaced: string; compact: string },
  opts: { limit: number; level?: string; within?: string },
): Promise<AreaRecord[]> {
  const params: unknown[] = [q.spaced, q.compact, opts.limit];
  let filter = '';
  if (opts.level) {
    params.push(opts.level);
    filter += ` AND level = $${params.length}`;
  }
  if (opts.within) {
    params.push(opts.within, `${opts.within}.%`);
    filter += ` AND (code = $${params.length - 1} OR code LIKE $${params.length})`;
  }
  const { rows } = await db.query(
    `SELECT ${COLUMNS}
     FROM area
     WHERE (name_search LIKE '%' || $1 || '%' OR name_compact LIKE '%' || $2 || '%')${filter}
     ORDER BY
       -- exact name, also without the "Kabupaten"/"Kota" prefix of regencies
       (name_compact IN ($2, 'kota' || $2, 'kabupaten' || $2)) DESC,
       (name_search LIKE $1 || '%' OR name_compact LIKE $2 || '%'
        OR name_compact LIKE 'kota' || $2 || '%' OR name_compact LIKE 'kabupaten' || $2 || '%') DESC,
       array_position(ARRAY['province','regency','district','village'], level),
       similarity(name_search, $1) DESC,
       code
     LIMIT $3`,
    params,
  );
  return rows.map(toArea);
}
