import type { Queryable } from '../../platform/db/pool';

/** Reference data the public page names things with (no personal data anywhere here). */
export async function ppksNames(db: Queryable): Promise<Map<number, { id: string; en: string }>> {
  const { rows } = await db.query(`SELECT code, name, name_en FROM ppks_category WHERE active ORDER BY code`);
  return new Map(rows.map((r) => [r.code as number, { id: r.name as string, en: r.name_en as string }]));
}

export async function childAreas(db: Queryable, code: string) {
  const { rows } = await db.query(
    `SELECT code, name, level, child_count AS "childCount" FROM area WHERE ${code === 'ID' ? `level = 'province'` : 'parent_code = $1'} ORDER BY code`,
    code === 'ID' ? [] : [code],
  );
  return rows as { code: string; name: string; level: string; childCount: number }[];
}
