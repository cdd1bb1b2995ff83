import type { Queryable } from '../../platform/db/pool';

/**
 * Coverage as prefix aggregates over the small `member_coverage` rollup joined with
 * the area reference (`area.village_count`): fast at national scale, always fresh.
 */
function prefix(code: string): { where: string; params: unknown[] } {
  if (code === 'ID') return { where: 'TRUE', params: [] };
  return { where: `(c.village_code = $1 OR c.village_code LIKE $2)`, params: [code, `${code}.%`] };
}

export async function totals(db: Queryable, code: string) {
  const p = prefix(code);
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE active > 0)::int AS "villagesWithActive",
            count(*) FILTER (WHERE active = 1)::int AS one,
            count(*) FILTER (WHERE active BETWEEN 2 AND 4)::int AS "twoToFour",
            count(*) FILTER (WHERE active >= 5)::int AS "fiveOrMore",
            coalesce(sum(active), 0)::int AS "activeMembers", coalesce(sum(with_sk), 0)::int AS "withSk",
            coalesce(sum(with_kta), 0)::int AS "withKta", coalesce(sum(with_training), 0)::int AS "withTraining"
     FROM member_coverage c WHERE ${p.where}`,
    p.params,
  );
  return rows[0] as { villagesWithActive: number; one: number; twoToFour: number; fiveOrMore: number; activeMembers: number; withSk: number; withKta: number; withTraining: number };
}

/** Per child area (one level down): figures grouped by the child's code prefix. */
export async function children(db: Queryable, code: string) {
  const childLen = code === 'ID' ? 2 : code.length === 8 ? 13 : code.length + 3;
  const params: unknown[] = code === 'ID' ? [] : [code];
  const { rows } = await db.query(
    `WITH kids AS (
       SELECT code, name, level, village_count FROM area WHERE ${code === 'ID' ? `level = 'province'` : 'parent_code = $1'}
     ), agg AS (
       SELECT left(village_code, ${childLen}) AS code,
              count(*) FILTER (WHERE active > 0)::int AS with_active, sum(active)::int AS active,
              sum(with_sk)::int AS with_sk, sum(with_kta)::int AS with_kta, sum(with_training)::int AS with_training
       FROM member_coverage c WHERE ${code === 'ID' ? 'TRUE' : `c.village_code LIKE $1 || '.%'`}
       GROUP BY 1
     )
     SELECT k.code, k.name, k.level,
            CASE WHEN k.level = 'village' THEN 1 ELSE k.village_count END::int AS "villagesTotal",
            coalesce(a.with_active, 0)::int AS "villagesWithActive", coalesce(a.active, 0)::int AS "activeMembers",
            coalesce(a.with_sk, 0)::int AS "withSk", coalesce(a.with_kta, 0)::int AS "withKta",
            coalesce(a.with_training, 0)::int AS "withTraining"
     FROM kids k LEFT JOIN agg a ON a.code = k.code ORDER BY k.code`,
    params,
  );
  return rows as { code: string; name: string; level: string; villagesTotal: number; villagesWithActive: number; activeMembers: number; withSk: number; withKta: number; withTraining: number }[];
}

export async function nationalVillageCount(db: Queryable): Promise<number> {
  const { rows } = await db.query(`SELECT coalesce(sum(village_count), 0)::int AS n FROM area WHERE level = 'province'`);
  return rows[0].n;
}

/** Villages under `code` without an active PSM, paginated in code order. */
export async function villagesWithout(db: Queryable, code: string, limit: number, offset: number) {
  const params: unknown[] = [];
  let where = `v.level = 'village'`;
  if (code !== 'ID') {
    params.push(`${code}.%`, code);
    where += ` AND (v.code LIKE $1 OR v.code = $2)`;
  }
  const cond = `${where} AND NOT EXISTS (SELECT 1 FROM member_coverage c WHERE c.village_code = v.code AND c.active > 0)`;
  const total = await db.query(`SELECT count(*)::int AS n FROM area v WHERE ${cond}`, params);
  params.push(limit, offset);
  const { rows } = await db.query(
    `SELECT v.code, v.name, d.name AS "districtName" FROM area v JOIN area d ON d.code = v.parent_code
     WHERE ${cond} ORDER BY v.code LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { items: rows as { code: string; name: string; districtName: string }[], total: total.rows[0].n as number };
}
