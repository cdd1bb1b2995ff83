import type { Queryable } from '../../platform/db/pool';
import { updateVersioned } from '../../platform/db/versioned';

/**
 * SQL for the PSM registry. Every read carries the caller's scope predicate on the
 * member's village (STYLE.md §4); Row-Level Security on `member` is the second wall.
 */
export interface MemberRow {
  id: string;
  regencyCode: string;
  villageCode: string;
  villageName: string;
  districtName: string;
  regencyName: string;
  rw: string | null;
  fullName: string;
  sex: 'L' | 'P';
  birthDate: string;
  nikMasked: string;
  phone: string | null;
  address: string | null;
  photoFileId: string | null;
  membershipKind: 'biasa' | 'kehormatan';
  livesInVillage: boolean;
  healthStatement: boolean;
  skNumber: string | null;
  skDate: string | null;
  skIssuer: string | null;
  skFileId: string | null;
  ktaNumber: string | null;
  ktaKind: 'sementara' | 'tetap' | null;
  ktaDate: string | null;
  status: 'diajukan' | 'dikembalikan' | 'aktif' | 'tidak_aktif' | 'berhenti';
  statusDate: string | null;
  statusReason: 'mengundurkan_diri' | 'meninggal' | 'pindah_domisili' | 'diberhentikan' | null;
  statusBasis: string | null;
  returnReason: string | null;
  activeSince: string | null;
  source: string;
  verifyToken: string;
  hasTraining: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `
  SELECT m.id, m.regency_code AS "regencyCode", m.village_code AS "villageCode", v.name AS "villageName",
         d.name AS "districtName", r.name AS "regencyName", m.rw, m.full_name AS "fullName", m.sex,
         m.birth_date::text AS "birthDate", m.nik_masked AS "nikMasked", m.phone, m.address,
         m.photo_file_id AS "photoFileId", m.membership_kind AS "membershipKind",
         m.lives_in_village AS "livesInVillage", m.health_statement AS "healthStatement",
         m.sk_number AS "skNumber", m.sk_date::text AS "skDate", m.sk_issuer AS "skIssuer", m.sk_file_id AS "skFileId",
         m.kta_number AS "ktaNumber", m.kta_kind AS "ktaKind", m.kta_date::text AS "ktaDate",
         m.status, m.status_date::text AS "statusDate", m.status_reason AS "statusReason", m.status_basis AS "statusBasis",
         m.return_reason AS "returnReason", m.active_since::text AS "activeSince", m.source,
         m.verify_token AS "verifyToken", m.has_training AS "hasTraining", m.version,
         m.created_at AS "createdAt", m.updated_at AS "updatedAt"
  FROM member m
  JOIN area v ON v.code = m.village_code
  JOIN area d ON d.code = left(m.village_code, 8)
  JOIN area r ON r.code = m.regency_code`;

/** `col` lies inside one of `scopes` (prefix test; 'ID' is national). Appends params. */
export function scopePredicate(col: string, scopes: string[], params: unknown[]): string {
  if (scopes.includes('ID')) return 'TRUE';
  if (scopes.length === 0) return 'FALSE';
  params.push(scopes, scopes.map((s) => `${s}.%`));
  return `(${col} = ANY($${params.length - 1}) OR ${col} LIKE ANY($${params.length}))`;
}

function normalise(r: Record<string, unknown>): MemberRow {
  return {
    ...(r as unknown as MemberRow),
    createdAt: new Date(r.createdAt as string).toISOString(),
    updatedAt: new Date(r.updatedAt as string).toISOString(),
  };
}

export async function findMember(db: Queryable, id: string, scopes: string[], forUpdate = false): Promise<MemberRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(
    `${SELECT} WHERE m.id = $1 AND ${scopePredicate('m.village_code', scopes, params)}${forUpdate ? ' FOR UPDATE OF m' : ''}`,
    params,
  );
  return rows[0] ? normalise(rows[0]) : null;
}

export async function findMembers(db: Queryable, ids: string[], scopes: string[]): Promise<MemberRow[]> {
  const params: unknown[] = [ids];
  const { rows } = await db.query(
    `${SELECT} WHERE m.id = ANY($1) AND ${scopePredicate('m.village_code', scopes, params)} ORDER BY m.village_code, m.full_name`,
    params,
  );
  return rows.map(normalise);
}

export interface MemberFilter {
  area?: string;
  q?: string;
  status?: string;
  hasSk?: boolean;
  hasKta?: boolean;
  hasTraining?: boolean;
  limit: number;
  offset: number;
}

export async function listMembers(db: Queryable, scopes: string[], f: MemberFilter): Promise<{ rows: MemberRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopePredicate('m.village_code', scopes, params)];
  if (f.area && f.area !== 'ID') {
    params.push(f.area, `${f.area}.%`);
    where.push(`(m.village_code = $${params.length - 1} OR m.village_code LIKE $${params.length})`);
  }
  if (f.q) {
    params.push(`%${f.q.toLowerCase()}%`);
    where.push(`lower(m.full_name) LIKE $${params.length}`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`m.status = $${params.length}`);
  }
  if (f.hasSk !== undefined) where.push(`(m.sk_number IS ${f.hasSk ? 'NOT ' : ''}NULL)`);
  if (f.hasKta !== undefined) where.push(`(m.kta_number IS ${f.hasKta ? 'NOT ' : ''}NULL)`);
  if (f.hasTraining !== undefined) where.push(`m.has_training = ${f.hasTraining ? 'true' : 'false'}`);
  const whereSql = where.join(' AND ');
  const total = await db.query(`SELECT count(*)::int AS n FROM member m WHERE ${whereSql}`, params);
  params.push(f.limit, f.offset);
  const { rows } = await db.query(
    `${SELECT} WHERE ${whereSql} ORDER BY m.village_code, m.full_name, m.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows: rows.map(normalise), total: total.rows[0].n };
}

/** Members by NIK hash, any scope: only for dedup decisions, never returned as such. */
export async function findByNikHashes(db: Queryable, hashes: Buffer[]): Promise<Map<string, { id: string; villageCode: string; regencyCode: string }>> {
  if (hashes.length === 0) return new Map();
  const { rows } = await db.query(`SELECT id, village_code, regency_code, nik_hash FROM member WHERE nik_hash = ANY($1)`, [hashes]);
  return new Map(rows.map((r) => [(r.nik_hash as Buffer).toString('hex'), { id: r.id, villageCode: r.village_code, regencyCode: r.regency_code }]));
}

/** Hex of the given NIK hashes that are registered anywhere (dedup across scopes). */
export async function nikTaken(db: Queryable, hashes: Buffer[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const { rows } = await db.query(`SELECT h FROM pilar_member_nik_taken($1) AS h`, [hashes]);
  return new Set(rows.map((r) => (r.h as Buffer).toString('hex')));
}

/** Columns of `member` in insert order. */
export const MEMBER_COLUMNS = [
  'id', 'regency_code', 'village_code', 'rw', 'full_name', 'sex', 'birth_date', 'nik_hash', 'nik_enc', 'nik_masked',
  'phone', 'address', 'membership_kind', 'lives_in_village', 'health_statement', 'sk_number', 'sk_date', 'sk_issuer',
  'kta_number', 'kta_kind', 'kta_date', 'status', 'status_date', 'active_since', 'source', 'verify_token', 'has_training',
  'created_at', 'created_by', 'updated_at', 'updated_by',
] as const;
export type MemberInsert = Record<(typeof MEMBER_COLUMNS)[number], unknown> & { status_reason?: unknown };

/** Multi-row insert (the bulk paths: import, demo). */
export async function insertMembers(db: Queryable, rows: MemberInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await insertRows(db, 'member', MEMBER_COLUMNS, rows.slice(i, i + 500).map((r) => MEMBER_COLUMNS.map((c) => r[c])));
  }
}

export async function insertRows(db: Queryable, table: string, columns: readonly string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const n = columns.length;
  const values = rows.map((_, i) => `(${columns.map((__, j) => `$${i * n + j + 1}`).join(',')})`).join(',');
  await db.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${values}`, rows.flat());
}

/** Updates the given columns if the version still matches; returns false on a stale version. */
export function updateMember(
  db: Queryable,
  key: { id: string; regencyCode: string; version: number },
  set: Record<string, unknown>,
  actorId: string | null,
  now: Date,
): Promise<boolean> {
  return updateVersioned(db, 'member', key, set, actorId, now);
}

export async function insertStatusEvent(
  db: Queryable,
  e: { regencyCode: string; id: string; memberId: string; from: string | null; to: string; reason?: string | null; basis?: string | null; note?: string | null; effectiveDate?: string | null; at: Date; actorId: string | null; actorLabel: string },
): Promise<void> {
  await db.query(
    `INSERT INTO member_status_event (regency_code, id, member_id, from_status, to_status, reason, basis, note, effective_date, at, actor_id, actor_label)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [e.regencyCode, e.id, e.memberId, e.from, e.to, e.reason ?? null, e.basis ?? null, e.note ?? null, e.effectiveDate ?? null, e.at, e.actorId, e.actorLabel],
  );
}

export async function readNikCipher(db: Queryable, key: { id: string; regencyCode: string }): Promise<Buffer | null> {
  const { rows } = await db.query(`SELECT nik_enc FROM member WHERE regency_code = $1 AND id = $2`, [key.regencyCode, key.id]);
  return rows[0]?.nik_enc ?? null;
}

export async function trainings(db: Queryable, m: { id: string; regencyCode: string }) {
  const { rows } = await db.query(
    `SELECT id, trained_on::text AS "trainedOn", title, organiser, certificate_file_id AS "certificateFileId"
     FROM member_training WHERE regency_code = $1 AND member_id = $2 ORDER BY trained_on, id`,
    [m.regencyCode, m.id],
  );
  return rows as { id: string; trainedOn: string; title: string; organiser: string; certificateFileId: string | null }[];
}

export async function awards(db: Queryable, m: { id: string; regencyCode: string }) {
  const { rows } = await db.query(
    `SELECT id, level, award_type AS "awardType", sk_number AS "skNumber", awarded_on::text AS "awardedOn"
     FROM member_award WHERE regency_code = $1 AND member_id = $2 ORDER BY awarded_on, id`,
    [m.regencyCode, m.id],
  );
  return rows as { id: string; level: 'desa' | 'kecamatan' | 'kabkota' | 'provinsi' | 'nasional'; awardType: string; skNumber: string | null; awardedOn: string }[];
}

export async function transfers(db: Queryable, m: { id: string; regencyCode: string }) {
  const { rows } = await db.query(
    `SELECT t.id, t.from_village_code AS "fromVillageCode", f.name AS "fromVillageName", t.to_village_code AS "toVillageCode",
            n.name AS "toVillageName", t.moved_on::text AS "movedOn", t.reason
     FROM member_transfer t JOIN area f ON f.code = t.from_village_code JOIN area n ON n.code = t.to_village_code
     WHERE t.regency_code = $1 AND t.member_id = $2 ORDER BY t.moved_on, t.at`,
    [m.regencyCode, m.id],
  );
  return rows as { id: string; fromVillageCode: string; fromVillageName: string; toVillageCode: string; toVillageName: string; movedOn: string; reason: string }[];
}

export async function statusHistory(db: Queryable, m: { id: string; regencyCode: string }) {
  const { rows } = await db.query(
    `SELECT from_status AS "fromStatus", to_status AS "toStatus", reason, basis, note, effective_date::text AS "effectiveDate",
            at, actor_label AS actor
     FROM member_status_event WHERE regency_code = $1 AND member_id = $2 ORDER BY at, id`,
    [m.regencyCode, m.id],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) as {
    fromStatus: string | null; toStatus: string; reason: string | null; basis: string | null; note: string | null; effectiveDate: string | null; at: string; actor: string;
  }[];
}

/** Requirement definitions with the regency's settings applied. */
export async function requirements(db: Queryable, regencyCode: string) {
  const { rows } = await db.query(
    `SELECT q.code, q.label, q.label_en AS "labelEn", q.enabled AS "defaultEnabled", coalesce(s.enabled, q.enabled) AS enabled
     FROM member_requirement q LEFT JOIN member_requirement_setting s ON s.code = q.code AND s.regency_code = $1
     ORDER BY q.sort`,
    [regencyCode],
  );
  return rows as { code: string; label: string; labelEn: string; defaultEnabled: boolean; enabled: boolean }[];
}

export async function upsertRequirementSettings(db: Queryable, regencyCode: string, items: { code: string; enabled: boolean }[], actorId: string | null, now: Date) {
  await db.query(
    `INSERT INTO member_requirement_setting (regency_code, code, enabled, updated_at, updated_by)
     SELECT $1, c, e, $4, $5 FROM unnest($2::text[], $3::boolean[]) AS x(c, e)
     ON CONFLICT (regency_code, code) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [regencyCode, items.map((i) => i.code), items.map((i) => i.enabled), now, actorId],
  );
}

export async function knownRequirementCodes(db: Queryable): Promise<Set<string>> {
  const { rows } = await db.query(`SELECT code FROM member_requirement`);
  return new Set(rows.map((r) => r.code as string));
}

/**
 * Moves a member to another regency: the regency is part of every key (Citus
 * distribution column), so the member and its history rows are deleted and
 * re-inserted with the same ids, in the caller's transaction. Foreign keys are
 * deferred to the commit meanwhile.
 */
export async function moveRegency(db: Queryable, id: string, from: string, to: string, toVillage: string): Promise<void> {
  await db.query('SET CONSTRAINTS ALL DEFERRED');
  const cols = await db.query(
    `SELECT attname FROM pg_attribute WHERE attrelid = 'member'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
  );
  const memberCols = cols.rows.map((r) => r.attname as string);
  const selectList = memberCols.map((c) => (c === 'regency_code' ? '$3' : c === 'village_code' ? '$4' : c)).join(', ');
  await db.query(
    `WITH old AS (DELETE FROM member WHERE regency_code = $1 AND id = $2 RETURNING *)
     INSERT INTO member (${memberCols.join(', ')}) SELECT ${selectList} FROM old`,
    [from, id, to, toVillage],
  );
  for (const table of ['member_training', 'member_award', 'member_status_event', 'member_transfer']) {
    const c = await db.query(
      `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      [table],
    );
    const names = c.rows.map((r) => r.attname as string);
    await db.query(
      `WITH old AS (DELETE FROM ${table} WHERE regency_code = $1 AND member_id = $2 RETURNING *)
       INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.map((n) => (n === 'regency_code' ? '$3' : n)).join(', ')} FROM old`,
      [from, id, to],
    );
  }
  await db.query('SET CONSTRAINTS ALL IMMEDIATE');
}

/** Delta upsert of the coverage rollup, one row per village touched. */
export async function applyCoverageDeltas(
  db: Queryable,
  deltas: { villageCode: string; active: number; withSk: number; withKta: number; withTraining: number }[],
): Promise<void> {
  const touched = deltas.filter((d) => d.active || d.withSk || d.withKta || d.withTraining);
  if (touched.length === 0) return;
  const params = [touched.map((d) => d.villageCode), touched.map((d) => d.active), touched.map((d) => d.withSk), touched.map((d) => d.withKta), touched.map((d) => d.withTraining)];
  await db.query(
    `INSERT INTO member_coverage (village_code, regency_code) SELECT DISTINCT v, left(v, 5) FROM unnest($1::text[]) AS x(v)
     ON CONFLICT (village_code) DO NOTHING`,
    [params[0]],
  );
  await db.query(
    `UPDATE member_coverage c SET active = c.active + x.a, with_sk = c.with_sk + x.s, with_kta = c.with_kta + x.k,
            with_training = c.with_training + x.t
     FROM (SELECT v, sum(a)::int AS a, sum(s)::int AS s, sum(k)::int AS k, sum(t)::int AS t
           FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[]) AS u(v, a, s, k, t) GROUP BY v) x
     WHERE c.village_code = x.v`,
    params,
  );
}
