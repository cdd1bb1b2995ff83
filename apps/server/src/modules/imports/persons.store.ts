import type pg from 'pg';
import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';
import { copyRows, type CopyValue } from './copy';
import { timed } from './timing';

/**
 * SQL of the persons import's bulk path. It reads and writes the people module's
 * tables directly — the one sanctioned exception (issue 10) to "call the other
 * module's service" — so a batch of thousands of rows costs a handful of set-based
 * statements. It writes exactly the rows createPerson / createHousehold / addMember
 * / assignPpks write (persons.equivalence.int.test.ts compares both paths), with the
 * scope predicate on every read and Row-Level Security on every write.
 */
export interface ExistingPerson {
  id: string;
  fullName: string;
  sex: 'L' | 'P' | null;
  birthDate: string | null;
  villageCode: string;
  ppks: number[];
}
export interface ExistingHousehold {
  id: string;
  regencyCode: string;
  villageCode: string;
  hasHead: boolean;
}
const hex = (b: Buffer) => b.toString('hex');

export async function existingPersons(db: Queryable, hashes: Buffer[], scopes: string[]): Promise<Map<string, ExistingPerson>> {
  if (!hashes.length) return new Map();
  const params: unknown[] = [hashes];
  const { rows } = await db.query(
    `SELECT p.id, p.nik_hash, p.full_name AS "fullName", p.sex, p.birth_date::text AS "birthDate", p.village_code AS "villageCode",
            coalesce((SELECT array_agg(pp.ppks_code::int) FROM person_ppks pp
                      WHERE pp.regency_code = p.regency_code AND pp.person_id = p.id AND pp.ended_on IS NULL), '{}') AS ppks
     FROM person p WHERE p.nik_hash = ANY($1) AND p.status IN ('active', 'restricted') AND ${scopePredicate('p.village_code', scopes, params)}`,
    params,
  );
  return new Map(rows.map((r) => [hex(r.nik_hash), r]));
}

export async function registeredNikHashes(db: Queryable, hashes: Buffer[]): Promise<Set<string>> {
  if (!hashes.length) return new Set();
  const { rows } = await db.query(`SELECT h FROM pilar_registered_nik_hashes($1) AS h`, [hashes]);
  return new Set(rows.map((r) => hex(r.h)));
}

export async function existingHouseholds(
  db: Queryable,
  hashes: Buffer[],
  scopes: string[],
): Promise<Map<string, ExistingHousehold>> {
  if (!hashes.length) return new Map();
  const params: unknown[] = [hashes];
  const { rows } = await db.query(
    `SELECT h.id, h.kk_hash, h.regency_code AS "regencyCode", h.village_code AS "villageCode",
            EXISTS (SELECT 1 FROM household_member m WHERE m.regency_code = h.regency_code AND m.household_id = h.id
                      AND m.left_on IS NULL AND m.relationship = 'kepala_keluarga') AS "hasHead"
     FROM household h WHERE h.kk_hash = ANY($1) AND h.status = 'active' AND ${scopePredicate('h.village_code', scopes, params)}`,
    params,
  );
  return new Map(rows.map((r) => [hex(r.kk_hash), r]));
}

export async function registeredKkHashes(db: Queryable, hashes: Buffer[]): Promise<Set<string>> {
  if (!hashes.length) return new Set();
  const { rows } = await db.query(`SELECT h FROM pilar_registered_kk_hashes($1) AS h`, [hashes]);
  return new Set(rows.map((r) => hex(r.h)));
}

/** One accepted row, ready to write: the person and, when it has a No. KK, its household membership. */
export interface PersonWriteRow {
  row: number;
  id: string;
  regencyCode: string;
  villageCode: string;
  rw: string | null;
  rt: string | null;
  fullName: string;
  sex: string | null;
  birthDate: string | null;
  birthPlace: string | null;
  nikHash: Buffer;
  nikEnc: Buffer;
  nikMasked: string;
  address: string | null;
  phone: string | null;
  household: null | {
    id: string;
    isNew: boolean;
    villageCode: string;
    kkHash: Buffer;
    kkEnc: Buffer | null;
    kkMasked: string;
    kkId: string;
    relationship: string;
    memberId: string;
  };
  ppks: { code: number; id: string }[];
  assessedOn: string;
}

const BATCH_COLUMNS = [
  'row_no',
  'id',
  'regency_code',
  'village_code',
  'rw',
  'rt',
  'full_name',
  'sex',
  'birth_date',
  'birth_place',
  'nik_hash',
  'nik_enc',
  'nik_masked',
  'address',
  'phone',
  'household_id',
  'household_new',
  'household_village',
  'kk_hash',
  'kk_enc',
  'kk_masked',
  'kk_id',
  'relationship',
  'member_id',
  'ppks_codes',
  'ppks_ids',
  'assessed_on',
];

/** Writes the accepted rows of a batch: COPY into a temporary staging table, then set-based inserts. */
export async function writePersons(
  db: pg.PoolClient,
  rows: PersonWriteRow[],
  by: { userId: string | null; label: string; now: Date },
): Promise<void> {
  if (!rows.length) return;
  await db.query(`CREATE TEMP TABLE pilar_import_batch (
      row_no int, id uuid, regency_code text, village_code text, rw text, rt text, full_name text, sex text, birth_date date, birth_place text,
      nik_hash bytea, nik_enc bytea, nik_masked text, address text, phone text, household_id uuid, household_new boolean, household_village text,
      kk_hash bytea, kk_enc bytea, kk_masked text, kk_id uuid, relationship text, member_id uuid, ppks_codes smallint[], ppks_ids uuid[], assessed_on date
    ) ON COMMIT DROP`);
  await timed('COPY into staging', () =>
    copyRows(
      db,
      'pilar_import_batch',
      BATCH_COLUMNS,
      rows.map((r): CopyValue[] => [
        r.row,
        r.id,
        r.regencyCode,
        r.villageCode,
        r.rw,
        r.rt,
        r.fullName,
        r.sex,
        r.birthDate,
        r.birthPlace,
        r.nikHash,
        r.nikEnc,
        r.nikMasked,
        r.address,
        r.phone,
        r.household?.id,
        r.household?.isNew ?? false,
        r.household?.villageCode,
        r.household?.kkHash,
        r.household?.kkEnc,
        r.household?.kkMasked,
        r.household?.kkId,
        r.household?.relationship,
        r.household?.memberId,
        r.ppks.map((p) => p.code),
        r.ppks.map((p) => p.id),
        r.assessedOn,
      ]),
    ),
  );
  const p = [by.now, by.userId];
  await timed('INSERT person', () =>
    db.query(
      `INSERT INTO person (id, regency_code, village_code, rw, rt, full_name, aliases, sex, birth_date, birth_date_estimated, birth_place,
                         nik_hash, nik_enc, nik_masked, nik_missing_reason, address, phone, created_at, created_by, updated_at, updated_by,
                         disability_types, disability_severity, photo_file_id)
     SELECT id, regency_code, village_code, rw, rt, full_name, '{}', sex, birth_date, false, birth_place,
            nik_hash, nik_enc, nik_masked, NULL, address, phone, $1, $2, $1, $2, '{}', NULL, NULL
     FROM pilar_import_batch ORDER BY row_no`,
      p,
    ),
  );
  await timed('INSERT household, member', async () => {
    await db.query(
      `INSERT INTO household (id, regency_code, village_code, rw, rt, address, kk_hash, kk_enc, kk_masked, created_at, created_by, updated_at, updated_by)
     SELECT household_id, regency_code, village_code, rw, rt, address, kk_hash, kk_enc, kk_masked, $1, $2, $1, $2
     FROM pilar_import_batch WHERE household_new`,
      p,
    );
    await db.query(
      `INSERT INTO household_kk (regency_code, id, household_id, village_code, kk_hash, kk_enc, kk_masked, issued_on, valid_from, recorded_by)
     SELECT regency_code, kk_id, household_id, village_code, kk_hash, kk_enc, kk_masked, NULL, $1, $2 FROM pilar_import_batch WHERE household_new`,
      p,
    );
    await db.query(
      `INSERT INTO household_member (regency_code, id, household_id, person_id, village_code, relationship, joined_on, created_at, created_by)
     SELECT regency_code, member_id, household_id, id, household_village, relationship, NULL, $1, $2 FROM pilar_import_batch WHERE household_id IS NOT NULL`,
      p,
    );
  });
  await timed('INSERT person_ppks', () =>
    db.query(
      `INSERT INTO person_ppks (regency_code, id, person_id, village_code, ppks_code, assessed_on, assessed_by, assessor_label, evidence_file_id, evidence_note, recorded_at)
     SELECT b.regency_code, x.id, b.id, b.village_code, x.code, b.assessed_on, $2, $3, NULL, NULL, $1
     FROM pilar_import_batch b CROSS JOIN LATERAL unnest(b.ppks_codes, b.ppks_ids) AS x(code, id)`,
      [by.now, by.userId, by.label],
    ),
  );
}

/**
 * The PPKS rollup delta of the batch in one statement. For rows that were just
 * inserted (active persons, open assignments) this is exactly what
 * `shiftRollups(…, +1, ['person_ppks'])` adds (cases/rollups.ts defines the rollup);
 * it costs one grouped upsert per batch instead of one per regency re-reading the
 * assignments. The tests compare the rollup with its definition after both paths.
 */
export async function addPpksRollup(db: pg.PoolClient): Promise<void> {
  await db.query(
    `INSERT INTO person_ppks_rollup (regency_code, village_code, ppks_code, n)
     SELECT b.regency_code, b.village_code, x.code, count(*)::int
     FROM pilar_import_batch b CROSS JOIN LATERAL unnest(b.ppks_codes) AS x(code)
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
     ON CONFLICT (regency_code, village_code, ppks_code) DO UPDATE SET n = person_ppks_rollup.n + EXCLUDED.n`,
  );
}
