import type pg from 'pg';
import { DEFAULT_FORMS, SERVICE_CATALOGUE, validateFormSchema } from '@pilar/domain';

/**
 * Seeds the SPM service catalogue and the shipped assessment forms as version 1.
 * Existing rows are kept: both are editable, and a local edit must survive a reseed.
 */
export async function seedCaseCatalogues(client: pg.ClientBase): Promise<void> {
  for (const s of SERVICE_CATALOGUE) {
    await client.query(`INSERT INTO service_kind (code, name, name_en, unit) VALUES ($1,$2,$3,$4) ON CONFLICT (code) DO NOTHING`, [s.code, s.name, s.nameEn, s.unit]);
  }
  for (const f of DEFAULT_FORMS) {
    const problems = validateFormSchema(f.schema);
    if (problems.length) throw new Error(`Shipped form ${f.code} is invalid: ${problems.map((p) => p.field).join(', ')}`);
    const ins = await client.query(
      `INSERT INTO form_definition (code, title_id, title_en, ppks_codes, created_at) VALUES ($1,$2,$3,$4, now()) ON CONFLICT (code) DO NOTHING`,
      [f.code, f.title.id, f.title.en, f.ppksCodes],
    );
    if (ins.rowCount === 1) {
      await client.query(
        `INSERT INTO form_version (form_code, version, schema, note, published_at) VALUES ($1, 1, $2, 'Bawaan Pilar / shipped with Pilar', now())`,
        [f.code, JSON.stringify(f.schema)],
      );
    }
  }
}
