import type pg from 'pg';
import { PPKS, PROGRAMMES, PSKS } from '@pilar/domain';

/**
 * Seeds the reference catalogues from packages/domain. Existing rows are kept
 * (ON CONFLICT DO NOTHING): reference data is editable, and a local edit must
 * survive a later seed.
 */
export async function seedReferenceCatalogues(client: pg.ClientBase): Promise<void> {
  for (const p of PPKS) {
    await client.query(
      `INSERT INTO ppks_category (code, slug, name, name_en, group_code, sensitivity, sensitivity_reason, age_min, age_max, aliases)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (code) DO NOTHING`,
      [p.code, p.slug, p.name, p.nameEn, p.group ?? null, p.sensitivity, p.sensitivityReason ?? null, p.ageBand?.min ?? null, p.ageBand?.max ?? null, p.aliases],
    );
  }
  for (const k of PSKS) {
    await client.query(
      `INSERT INTO psks_kind (code, name, name_en, kind, aliases) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (code) DO NOTHING`,
      [k.code, k.name, k.nameEn, k.kind, k.aliases],
    );
  }
  for (const g of PROGRAMMES) {
    await client.query(
      `INSERT INTO programme (code, name, name_en, description, target, aliases) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (code) DO NOTHING`,
      [g.code, g.name, g.nameEn, g.description, g.target, g.aliases],
    );
  }
}
