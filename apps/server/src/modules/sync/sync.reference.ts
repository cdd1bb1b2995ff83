import { scopeOf, unauthenticated } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import * as forms from '../forms/forms.store';

/**
 * Reference data the phone needs to work with no signal (issue 6): the areas of the
 * user's scope (with their parents, for names), the PPKS categories and the latest
 * version of every active assessment form. No personal data; small and compressed.
 */
const MAX_AREAS = 5000;

/** The scope's areas, everything below them and the areas above them (for names). */
async function scopeAreas(ctx: Ctx, scopes: string[]) {
  const above = [
    ...new Set(
      scopes.flatMap((s) =>
        s
          .split('.')
          .slice(0, -1)
          .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
      ),
    ),
  ];
  const { rows } = await ctx.db.query(
    `SELECT code, name, level, parent_code AS "parentCode" FROM area
     WHERE code = ANY($1) OR code LIKE ANY($2) OR code = ANY($3) ORDER BY code LIMIT $4`,
    [scopes, scopes.map((s) => `${s}.%`), above, MAX_AREAS],
  );
  return rows as AreaRef[];
}

/** A national scope keeps the provinces and regencies only: villages come with a narrower grant. */
async function nationalAreas(ctx: Ctx) {
  const { rows } = await ctx.db.query(
    `SELECT code, name, level, parent_code AS "parentCode" FROM area WHERE level IN ('province', 'regency') ORDER BY code`,
  );
  return rows as AreaRef[];
}

interface AreaRef {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export async function referenceFor(ctx: Ctx) {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
  const scopes = scopeOf(ctx.actor, 'person.read');
  const national = scopes.includes('ID');
  const areas = national ? await nationalAreas(ctx) : await scopeAreas(ctx, scopes);
  const { rows: ppks } = await ctx.db.query(`SELECT code, name, name_en AS "nameEn" FROM ppks_category ORDER BY code`);
  const formList = scopeOf(ctx.actor, 'case.read').length ? await forms.list(ctx.db) : [];
  const latest = [];
  for (const f of formList) {
    const v = await forms.findVersion(ctx.db, f.code, f.latestVersion);
    if (v) latest.push({ formCode: f.code, title: f.title, ppksCodes: f.ppksCodes, version: v.version, schema: v.schema });
  }
  return { areas, ppks, forms: latest };
}
