import { isWithin } from '@pilar/domain';
import type { LocalProgrammeCreate } from '@pilar/domain/contracts';
import { effectivePermissions } from '@pilar/domain';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest } from '../../platform/errors';
import * as store from './programmes.store';

/** Programmes the caller works with: the national ones and the local ones of governments overlapping its areas. */
export async function listProgrammes(ctx: Ctx) {
  const perms = effectivePermissions(ctx.actor);
  if (!perms.includes('programme.read') && !perms.includes('report.read')) requireAccess(ctx.actor, 'programme.read');
  const areas = [...new Set([...scopeOf(ctx.actor, 'programme.read'), ...scopeOf(ctx.actor, 'report.read')])];
  return { items: await store.listProgrammes(ctx.db, areas) };
}

/** A Dinsos adds its own programme (DOMAIN.md §3: local governments add their own). */
export async function createLocalProgramme(ctx: Ctx, input: LocalProgrammeCreate) {
  requireAccess(ctx.actor, 'programme.configure');
  const { rows } = await ctx.db.query(`SELECT 1 FROM area WHERE code = $1`, [input.ownerAreaCode]);
  if (!rows[0]) throw badRequest([{ field: 'ownerAreaCode', code: 'area.unknown', message: { id: 'Kode wilayah tidak dikenal', en: 'Unknown area code' } }]);
  if (!scopeOf(ctx.actor, 'programme.configure').some((s) => isWithin(input.ownerAreaCode, s))) {
    throw badRequest([{ field: 'ownerAreaCode', code: 'outside_scope', message: { id: 'Wilayah di luar kewenangan Anda', en: 'The area is outside your scope' } }]);
  }
  if (await store.findProgramme(ctx.db, input.code)) {
    throw new AppError(409, 'programme_exists', { id: `Kode program ${input.code} sudah dipakai`, en: `Programme code ${input.code} is already used` }, [
      { field: 'code', code: 'programme.duplicate', message: { id: 'Kode sudah dipakai', en: 'Code already used' } },
    ]);
  }
  const row = { code: input.code, name: input.name, nameEn: input.nameEn ?? input.name, description: input.description ?? '', target: input.target, aliases: input.aliases ?? [], ownerAreaCode: input.ownerAreaCode };
  await store.insertProgramme(ctx.db, row);
  ctx.audit.record({ action: 'programme.created', entityType: 'programme', entityId: input.code, regencyCode: input.ownerAreaCode.length === 5 ? input.ownerAreaCode : null, details: { ownerAreaCode: input.ownerAreaCode } });
  return { ...row, active: true };
}

/** Dashboard figures for an area, read from the rollups (prefix aggregates over small tables). */
export async function programmeFigures(ctx: Ctx, area: string) {
  requireAccess(ctx.actor, 'report.read', { areaCode: area });
  const params = [area, `${area}.%`];
  const where = area === 'ID' ? 'TRUE' : `(village_code = $1 OR village_code LIKE $2)`;
  const p = area === 'ID' ? [] : params;
  const memberships = await ctx.db.query(
    `SELECT programme_code AS "programmeCode", status, sum(n)::int AS n FROM programme_membership_rollup WHERE ${where} GROUP BY 1,2 HAVING sum(n) <> 0 ORDER BY 1,2`,
    p,
  );
  const usulan = await ctx.db.query(
    `SELECT programme_code AS "programmeCode", status, to_char(month, 'YYYY-MM') AS month, sum(n)::int AS n FROM usulan_rollup WHERE ${where}
     GROUP BY 1,2,3 HAVING sum(n) <> 0 ORDER BY 3,1,2`,
    p,
  );
  const distributions = await ctx.db.query(
    `SELECT programme_code AS "programmeCode", to_char(month, 'YYYY-MM') AS month, sum(expected)::int AS expected, sum(received)::int AS received,
            sum(represented)::int AS represented, sum(absent)::int AS absent
     FROM distribution_rollup WHERE ${where} GROUP BY 1,2 HAVING sum(expected) <> 0 ORDER BY 2,1`,
    p,
  );
  ctx.audit.record({ action: 'programme.figures_read', entityType: 'report', details: { area } });
  return { area, memberships: memberships.rows, usulan: usulan.rows, distributions: distributions.rows };
}
