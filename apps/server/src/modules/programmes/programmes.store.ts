import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

/** SQL for programmes (reference rows, national or local) and memberships; membership queries carry the scope predicate. */
export interface ProgrammeRow {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  target: 'keluarga' | 'perorangan';
  aliases: string[];
  ownerAreaCode: string | null;
  active: boolean;
}

const PROGRAMME_SELECT = `SELECT code, name, name_en AS "nameEn", description, target, aliases, owner_area_code AS "ownerAreaCode", active FROM programme`;

export async function findProgramme(db: Queryable, code: string): Promise<ProgrammeRow | null> {
  const { rows } = await db.query(`${PROGRAMME_SELECT} WHERE code = $1`, [code]);
  return rows[0] ?? null;
}

/** National programmes and local ones whose owner area overlaps one of `areas` (either contains the other). */
export async function listProgrammes(db: Queryable, areas: string[]): Promise<ProgrammeRow[]> {
  const national = areas.includes('ID');
  const { rows } = await db.query(
    `${PROGRAMME_SELECT}
     WHERE active AND (owner_area_code IS NULL OR $1::boolean
           OR EXISTS (SELECT 1 FROM unnest($2::text[]) a WHERE owner_area_code = a OR owner_area_code LIKE a || '.%' OR a LIKE owner_area_code || '.%'))
     ORDER BY owner_area_code NULLS FIRST, code`,
    [national, areas],
  );
  return rows;
}

export async function insertProgramme(db: Queryable, p: Omit<ProgrammeRow, 'active'>): Promise<void> {
  await db.query(
    `INSERT INTO programme (code, name, name_en, description, target, aliases, owner_area_code, active) VALUES ($1,$2,$3,$4,$5,$6,$7,true)`,
    [p.code, p.name, p.nameEn, p.description, p.target, p.aliases, p.ownerAreaCode],
  );
}

export interface MembershipRow {
  id: string;
  regencyCode: string;
  villageCode: string;
  programmeCode: string;
  programmeName: string;
  personId: string | null;
  householdId: string | null;
  recipientName: string | null;
  status: 'aktif' | 'ditangguhkan' | 'berhenti';
  periodStart: string | null;
  periodEnd: string | null;
  dtsenId: string | null;
  kksMasked: string | null;
  decile: number | null;
  source: 'dtsen' | 'siks_ng' | 'usulan' | 'musdes' | 'dinsos' | 'psm' | 'lainnya';
  infoDate: string;
  usulanId: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

// The recipient's name: the person, or the household head (display only).
const SELECT = `
  SELECT m.id, m.regency_code AS "regencyCode", m.village_code AS "villageCode", m.programme_code AS "programmeCode", pr.name AS "programmeName",
         m.person_id AS "personId", m.household_id AS "householdId",
         coalesce(p.full_name, (SELECT hp.full_name FROM household_member hm JOIN person hp ON hp.regency_code = hm.regency_code AND hp.id = hm.person_id
                                WHERE hm.regency_code = m.regency_code AND hm.household_id = m.household_id AND hm.left_on IS NULL
                                ORDER BY hm.relationship <> 'kepala_keluarga', hm.joined_on NULLS LAST LIMIT 1)) AS "recipientName",
         m.status, m.period_start::text AS "periodStart", m.period_end::text AS "periodEnd", m.dtsen_id AS "dtsenId", m.kks_masked AS "kksMasked",
         m.decile, m.source, m.info_date::text AS "infoDate", m.usulan_id AS "usulanId", m.note, m.version,
         m.created_at AS "createdAt", m.updated_at AS "updatedAt"
  FROM programme_membership m
  JOIN programme pr ON pr.code = m.programme_code
  LEFT JOIN person p ON p.regency_code = m.regency_code AND p.id = m.person_id`;

function normalise(r: Record<string, unknown>): MembershipRow {
  return { ...(r as unknown as MembershipRow), createdAt: new Date(r.createdAt as string).toISOString(), updatedAt: new Date(r.updatedAt as string).toISOString() };
}

export async function findMembership(db: Queryable, id: string, scopes: string[]): Promise<MembershipRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`${SELECT} WHERE m.id = $1 AND ${scopePredicate('m.village_code', scopes, params)}`, params);
  return rows[0] ? normalise(rows[0]) : null;
}

/** Every membership (current and ended) of these persons in scope: one query for a batch. */
export async function membershipsOfPersons(db: Queryable, scopes: string[], personIds: string[]): Promise<MembershipRow[]> {
  if (!personIds.length) return [];
  const params: unknown[] = [personIds];
  const { rows } = await db.query(
    `${SELECT} WHERE m.person_id = ANY($1::uuid[]) AND ${scopePredicate('m.village_code', scopes, params)} ORDER BY m.person_id, m.programme_code, m.id`,
    params,
  );
  return rows.map(normalise);
}

export async function listMemberships(
  db: Queryable,
  scopes: string[],
  f: { area?: string; programme?: string; status?: string; personId?: string; householdId?: string; limit: number; offset: number },
): Promise<{ rows: MembershipRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopePredicate('m.village_code', scopes, params)];
  if (f.area) {
    params.push(f.area, `${f.area}.%`);
    where.push(`(m.village_code = $${params.length - 1} OR m.village_code LIKE $${params.length})`);
  }
  for (const [v, col] of [[f.programme, 'm.programme_code'], [f.status, 'm.status'], [f.personId, 'm.person_id'], [f.householdId, 'm.household_id']] as const) {
    if (v !== undefined) {
      params.push(v);
      where.push(`${col} = $${params.length}`);
    }
  }
  const w = where.join(' AND ');
  const total = (await db.query(`SELECT count(*)::int AS n FROM programme_membership m WHERE ${w}`, params)).rows[0].n as number;
  params.push(f.limit, f.offset);
  const { rows } = await db.query(`${SELECT} WHERE ${w} ORDER BY m.village_code, m.programme_code, m.id LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { rows: rows.map(normalise), total };
}

export interface MembershipWrite {
  id: string;
  regencyCode: string;
  villageCode: string;
  programmeCode: string;
  personId: string | null;
  householdId: string | null;
  status: string;
  periodStart: string | null;
  periodEnd: string | null;
  dtsenId: string | null;
  kks: { hash: Buffer; enc: Buffer; masked: string } | null;
  decile: number | null;
  source: string;
  infoDate: string;
  usulanId: string | null;
  note: string | null;
}

export async function insertMembership(db: Queryable, m: MembershipWrite, actorId: string | null, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO programme_membership (regency_code, id, programme_code, person_id, household_id, village_code, status, period_start, period_end,
                                       dtsen_id, kks_hash, kks_enc, kks_masked, decile, source, info_date, usulan_id, note,
                                       created_at, created_by, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$19,$20)`,
    [m.regencyCode, m.id, m.programmeCode, m.personId, m.householdId, m.villageCode, m.status, m.periodStart, m.periodEnd, m.dtsenId,
     m.kks?.hash ?? null, m.kks?.enc ?? null, m.kks?.masked ?? null, m.decile, m.source, m.infoDate, m.usulanId, m.note, now, actorId],
  );
}

export async function updateMembership(db: Queryable, key: { regencyCode: string; id: string; version: number }, set: Record<string, unknown>, actorId: string | null, now: Date): Promise<boolean> {
  const cols = Object.keys(set);
  const params: unknown[] = [key.regencyCode, key.id, key.version, now, actorId, ...cols.map((c) => set[c])];
  const { rowCount } = await db.query(
    `UPDATE programme_membership SET ${cols.map((c, i) => `${c} = $${i + 6}, `).join('')}version = version + 1, updated_at = $4, updated_by = $5
     WHERE regency_code = $1 AND id = $2 AND version = $3`,
    params,
  );
  return rowCount === 1;
}

export async function readKksCipher(db: Queryable, key: { regencyCode: string; id: string }): Promise<Buffer | null> {
  const { rows } = await db.query(`SELECT kks_enc FROM programme_membership WHERE regency_code = $1 AND id = $2`, [key.regencyCode, key.id]);
  return rows[0]?.kks_enc ?? null;
}

/** The current membership of a recipient in a programme, if any. */
export async function currentMembershipId(db: Queryable, k: { regencyCode: string; programmeCode: string; personId: string | null; householdId: string | null }): Promise<string | null> {
  const { rows } = await db.query(
    `SELECT id FROM programme_membership WHERE regency_code = $1 AND programme_code = $2 AND status <> 'berhenti'
       AND (person_id = $3 OR household_id = $4)`,
    [k.regencyCode, k.programmeCode, k.personId, k.householdId],
  );
  return rows[0]?.id ?? null;
}
