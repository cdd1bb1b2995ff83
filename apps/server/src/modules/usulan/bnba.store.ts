import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';
import { RECIPIENT_PERSON } from './usulan.store';

/** SQL for BNBA exports, imports, templates and the batch rows they list. */
export interface BatchItem {
  id: string;
  regencyCode: string;
  villageCode: string;
  status: string;
  personId: string | null;
  householdId: string | null;
  /** The person whose NIK goes out: the proposed person, or the household's head. */
  recipientPersonId: string | null;
  fullName: string | null;
  nikMasked: string | null;
  kkMasked: string | null;
  sex: string | null;
  birthDate: string | null;
  birthPlace: string | null;
  address: string | null;
  rt: string | null;
  rw: string | null;
  villageName: string;
  districtName: string;
  regencyName: string;
  provinceName: string;
  programmeName: string;
  batchMonth: string;
  reason: string;
  dtsenId: string | null;
  decile: number | null;
  nikHashSent: Buffer | null;
  version: number;
  verifierApprovedBy: string | null;
}

/** The usulan of one batch (regency × programme × month) in the given statuses, inside the scope. */
export async function batchItems(db: Queryable, b: { regencyCode: string; programmeCode: string; month: string; statuses: string[] }, scopes: string[]): Promise<BatchItem[]> {
  const params: unknown[] = [b.regencyCode, b.programmeCode, `${b.month}-01`, b.statuses];
  const { rows } = await db.query(
    `SELECT u.id, u.regency_code AS "regencyCode", u.village_code AS "villageCode", u.status, u.person_id AS "personId", u.household_id AS "householdId",
            rp.id AS "recipientPersonId", rp.full_name AS "fullName", rp.nik_masked AS "nikMasked", h.kk_masked AS "kkMasked",
            rp.sex, rp.birth_date::text AS "birthDate", rp.birth_place AS "birthPlace", coalesce(rp.address, h.address) AS address,
            coalesce(rp.rt, h.rt) AS rt, coalesce(rp.rw, h.rw) AS rw,
            v.name AS "villageName", d.name AS "districtName", r.name AS "regencyName", pv.name AS "provinceName", pr.name AS "programmeName",
            to_char(u.batch_month, 'YYYY-MM') AS "batchMonth", u.reason,
            pm.dtsen_id AS "dtsenId", pm.decile, u.nik_hash_sent AS "nikHashSent", u.version, u.verifier_approved_by AS "verifierApprovedBy"
     FROM usulan u ${RECIPIENT_PERSON}
     LEFT JOIN household h ON h.regency_code = u.regency_code AND h.id = u.household_id
     JOIN area v ON v.code = u.village_code
     JOIN area d ON d.code = left(u.village_code, 8)
     JOIN area r ON r.code = u.regency_code
     JOIN area pv ON pv.code = left(u.village_code, 2)
     JOIN programme pr ON pr.code = u.programme_code
     -- Any DTSEN id / decile already known for the recipient (from another membership).
     LEFT JOIN LATERAL (SELECT m.dtsen_id, m.decile FROM programme_membership m
                        WHERE m.regency_code = u.regency_code AND (m.person_id = rp.id OR m.household_id = u.household_id) AND (m.dtsen_id IS NOT NULL OR m.decile IS NOT NULL)
                        ORDER BY m.info_date DESC LIMIT 1) pm ON true
     WHERE u.regency_code = $1 AND u.programme_code = $2 AND u.batch_month = $3::date AND u.status = ANY($4::text[])
       AND ${scopePredicate('u.village_code', scopes, params)}
     ORDER BY u.village_code, rp.full_name, u.id`,
    params,
  );
  return rows;
}

export async function insertExport(
  db: Queryable,
  e: { regencyCode: string; id: string; programmeCode: string; month: string; mode: string; columns: unknown; purpose: string; rowCount: number; sha256: Buffer; at: Date; by: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO bnba_export (regency_code, id, programme_code, batch_month, mode, columns, purpose, row_count, file_sha256, created_at, created_by)
     VALUES ($1,$2,$3,$4::date,$5,$6,$7,$8,$9,$10,$11)`,
    [e.regencyCode, e.id, e.programmeCode, `${e.month}-01`, e.mode, JSON.stringify(e.columns), e.purpose, e.rowCount, e.sha256, e.at, e.by],
  );
}

export interface ExportRow {
  id: string;
  regencyCode: string;
  programmeCode: string;
  month: string;
  mode: 'full' | 'masked';
  columns: { field: string; header: string }[];
}

export async function findExport(db: Queryable, id: string, scopes: string[]): Promise<ExportRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(
    `SELECT id, regency_code AS "regencyCode", programme_code AS "programmeCode", to_char(batch_month, 'YYYY-MM') AS month, mode, columns
     FROM bnba_export WHERE id = $1 AND ${scopePredicate('regency_code', scopes, params)}`,
    params,
  );
  return rows[0] ?? null;
}

export async function insertImport(db: Queryable, i: { regencyCode: string; id: string; exportId: string; sha256: Buffer; rowCount: number; applied: boolean; report: unknown; at: Date; by: string | null }) {
  await db.query(
    `INSERT INTO bnba_import (regency_code, id, export_id, file_sha256, row_count, applied, report, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [i.regencyCode, i.id, i.exportId, i.sha256, i.rowCount, i.applied, JSON.stringify(i.report), i.at, i.by],
  );
}

export interface TemplateRow {
  id: string;
  ownerAreaCode: string;
  name: string;
  columns: { field: string; header: string }[];
  isDefault: boolean;
}

export async function templates(db: Queryable, regencyCode: string): Promise<TemplateRow[]> {
  const { rows } = await db.query(
    `SELECT id, owner_area_code AS "ownerAreaCode", name, columns, is_default AS "isDefault" FROM bnba_template
     WHERE owner_area_code = $1 OR owner_area_code = left($1, 2) ORDER BY is_default DESC, created_at`,
    [regencyCode],
  );
  return rows;
}

export async function insertTemplate(db: Queryable, t: TemplateRow & { at: Date; by: string | null }): Promise<void> {
  if (t.isDefault) await db.query(`UPDATE bnba_template SET is_default = false WHERE owner_area_code = $1 AND is_default`, [t.ownerAreaCode]);
  await db.query(
    `INSERT INTO bnba_template (id, owner_area_code, name, columns, is_default, created_at, created_by, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$6)`,
    [t.id, t.ownerAreaCode, t.name, JSON.stringify(t.columns), t.isDefault, t.at, t.by],
  );
}
