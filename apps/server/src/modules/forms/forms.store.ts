import type { FormSchema } from '@pilar/domain';
import type { Queryable } from '../../platform/db/pool';

export interface FormSummaryRow {
  code: string;
  title: { id: string; en: string };
  ppksCodes: number[];
  latestVersion: number;
  versions: { version: number; publishedAt: string; note: string | null }[];
}

export async function list(db: Queryable, ppks?: number): Promise<FormSummaryRow[]> {
  const { rows } = await db.query(
    `SELECT d.code, d.title_id, d.title_en, d.ppks_codes,
            json_agg(json_build_object('version', v.version, 'publishedAt', v.published_at, 'note', v.note) ORDER BY v.version) AS versions
     FROM form_definition d JOIN form_version v ON v.form_code = d.code
     WHERE d.active AND ($1::int IS NULL OR $1::int = ANY(d.ppks_codes))
     GROUP BY d.code ORDER BY d.code`,
    [ppks ?? null],
  );
  return rows.map((r) => ({
    code: r.code,
    title: { id: r.title_id, en: r.title_en },
    ppksCodes: r.ppks_codes,
    latestVersion: Math.max(...r.versions.map((v: { version: number }) => v.version)),
    versions: r.versions.map((v: { version: number; publishedAt: string; note: string | null }) => ({ ...v, publishedAt: new Date(v.publishedAt).toISOString() })),
  }));
}

export interface FormVersionRow {
  formCode: string;
  version: number;
  schema: FormSchema;
  note: string | null;
  publishedAt: string;
}

export async function findVersion(db: Queryable, code: string, version?: number): Promise<FormVersionRow | null> {
  const { rows } = await db.query(
    `SELECT form_code AS "formCode", version, schema, note, published_at AS "publishedAt" FROM form_version
     WHERE form_code = $1 AND ($2::int IS NULL OR version = $2::int) ORDER BY version DESC LIMIT 1`,
    [code, version ?? null],
  );
  const r = rows[0];
  return r ? { formCode: r.formCode, version: r.version, schema: r.schema as FormSchema, note: r.note, publishedAt: new Date(r.publishedAt).toISOString() } : null;
}

export async function exists(db: Queryable, code: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM form_definition WHERE code = $1`, [code])).rows.length === 1;
}

export async function insertDefinition(db: Queryable, f: { code: string; title: { id: string; en: string }; ppksCodes: number[]; now: Date }) {
  await db.query(`INSERT INTO form_definition (code, title_id, title_en, ppks_codes, created_at) VALUES ($1,$2,$3,$4,$5)`, [f.code, f.title.id, f.title.en, f.ppksCodes, f.now]);
}

/** Publishes the next version; the definition row is locked so two publishers never take the same number. */
export async function publish(db: Queryable, code: string, schema: FormSchema, note: string | null, now: Date, by: string | null): Promise<number> {
  await db.query(`SELECT 1 FROM form_definition WHERE code = $1 FOR UPDATE`, [code]);
  const { rows } = await db.query(
    `INSERT INTO form_version (form_code, version, schema, note, published_at, published_by)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 FROM form_version WHERE form_code = $1
     RETURNING version`,
    [code, JSON.stringify(schema), note, now, by],
  );
  return rows[0].version;
}
