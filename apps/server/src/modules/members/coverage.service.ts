import { requireAccess } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { notFound } from '../../platform/errors';
import * as store from './coverage.store';

/**
 * PSM coverage of an area (nasional → desa): villages, villages with an active PSM,
 * active PSM, distribution (0 / 1 / 2–4 / ≥ 5), SK / KTA / training, children for
 * drill-down, and the villages still without an active PSM. Aggregates only.
 */
export async function coverage(ctx: Ctx, q: { area: string; page: number; pageSize: number }) {
  requireAccess(ctx.actor, 'report.read', { areaCode: q.area });
  let area: { code: string; name: string; level: string; villageCount: number };
  if (q.area === 'ID') {
    area = { code: 'ID', name: 'Indonesia', level: 'national', villageCount: await store.nationalVillageCount(ctx.db) };
  } else {
    const { rows } = await ctx.db.query(`SELECT code, name, level, village_count AS "villageCount" FROM area WHERE code = $1`, [q.area]);
    if (!rows[0]) throw notFound({ id: `Wilayah ${q.area} tidak ditemukan`, en: `No area ${q.area}` });
    area = rows[0];
    if (area.level === 'village') area.villageCount = 1;
  }
  const t = await store.totals(ctx.db, q.area);
  const children = area.level === 'village' ? [] : await store.children(ctx.db, q.area);
  const without = await store.villagesWithout(ctx.db, q.area, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    area: { code: area.code, name: area.name, level: area.level },
    villagesTotal: area.villageCount,
    villagesWithActive: t.villagesWithActive,
    activeMembers: t.activeMembers,
    withSk: t.withSk,
    withKta: t.withKta,
    withTraining: t.withTraining,
    distribution: { none: area.villageCount - t.villagesWithActive, one: t.one, twoToFour: t.twoToFour, fiveOrMore: t.fiveOrMore },
    children,
    villagesWithout: { items: without.items, page: q.page, pageSize: q.pageSize, total: without.total },
  };
}
