import type { ImportMapping } from '@pilar/domain/contracts';
import type { Queryable } from '../../platform/db/pool';

/** SQL for import runs, their uploaded bytes, per-row outcomes and mapping templates. */
export interface ImportRun {
  id: string;
  target: 'persons' | 'members';
  format: 'csv' | 'xlsx';
  sizeBytes: number;
  headerRow: number;
  headers: string[];
  totalRows: number;
  status: 'uploaded' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  mapping: ImportMapping | null;
  jobId: string | null;
  lastRow: number;
  doneRows: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const COLUMNS = `id, target, format, size_bytes::int AS "sizeBytes", header_row AS "headerRow", headers, total_rows AS "totalRows", status, mapping,
  job_id AS "jobId", last_row AS "lastRow", done_rows AS "doneRows", accepted, unchanged, rejected, created_by AS "createdBy",
  created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

const CHUNK_BYTES = 1024 * 1024;

export async function insertRun(
  db: Queryable,
  r: {
    id: string;
    target: string;
    format: string;
    sha256: Buffer;
    sizeBytes: number;
    headerRow: number;
    headers: string[];
    totalRows: number;
    createdBy: string;
    now: Date;
  },
  bytes: Buffer,
): Promise<void> {
  await db.query(
    `INSERT INTO import_run (id, target, format, sha256, size_bytes, header_row, headers, total_rows, status, created_by, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'uploaded',$9,$10)`,
    [r.id, r.target, r.format, r.sha256, r.sizeBytes, r.headerRow, r.headers, r.totalRows, r.createdBy, r.now],
  );
  for (let i = 0, seq = 0; i < bytes.length; i += CHUNK_BYTES, seq++) {
    await db.query(`INSERT INTO import_chunk (import_id, seq, bytes) VALUES ($1, $2, $3)`, [
      r.id,
      seq,
      bytes.subarray(i, i + CHUNK_BYTES),
    ]);
  }
}

/** Uploads never committed are dropped after a week (they hold personal data and serve no one). */
export async function purgeStaleUploads(db: Queryable, now: Date): Promise<void> {
  const { rows } = await db.query(
    `UPDATE import_run SET status = 'cancelled', finished_at = $1, purged_at = $1
     WHERE status = 'uploaded' AND created_at < $1::timestamptz - interval '7 days' RETURNING id`,
    [now],
  );
  if (rows.length) await db.query(`DELETE FROM import_chunk WHERE import_id = ANY($1)`, [rows.map((r) => r.id)]);
}

export async function readBytes(db: Queryable, id: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let seq = 0; ; seq++) {
    const { rows } = await db.query(`SELECT bytes FROM import_chunk WHERE import_id = $1 AND seq = $2`, [id, seq]);
    if (!rows[0]) break;
    parts.push(rows[0].bytes);
  }
  return Buffer.concat(parts);
}

/** A run visible to `userId` (its creator) or to everyone when `all` (national administrators). */
export async function findRun(
  db: Queryable,
  id: string,
  viewer: { userId: string | null; all: boolean },
): Promise<ImportRun | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM import_run WHERE id = $1 AND (created_by = $2 OR $3)`, [
    id,
    viewer.userId,
    viewer.all,
  ]);
  return rows[0] ?? null;
}

export async function lockRun(db: Queryable, id: string): Promise<ImportRun | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM import_run WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ?? null;
}

export async function listRuns(db: Queryable, userId: string): Promise<ImportRun[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM import_run WHERE created_by = $1 ORDER BY created_at DESC LIMIT 50`, [
    userId,
  ]);
  return rows;
}

export async function sameFile(db: Queryable, sha256: Buffer, target: string, userId: string, excludeId: string) {
  const { rows } = await db.query(
    `SELECT id, created_at AS "createdAt", status FROM import_run WHERE sha256 = $1 AND target = $2 AND created_by = $3 AND id <> $4 ORDER BY created_at DESC LIMIT 10`,
    [sha256, target, userId, excludeId],
  );
  return rows.map((r) => ({ id: r.id as string, createdAt: new Date(r.createdAt).toISOString(), status: r.status }));
}

export async function markQueued(db: Queryable, id: string, mapping: ImportMapping, jobId: string): Promise<void> {
  await db.query(`UPDATE import_run SET status = 'queued', mapping = $2, job_id = $3 WHERE id = $1`, [
    id,
    JSON.stringify(mapping),
    jobId,
  ]);
}

export async function markStarted(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE import_run SET status = 'running', started_at = coalesce(started_at, now()) WHERE id = $1 AND status IN ('queued', 'running')`,
    [id],
  );
}

/** Advances the resume point together with the batch's rows (same transaction). */
export async function advance(
  db: Queryable,
  id: string,
  lastRow: number,
  n: { done: number; accepted: number; unchanged: number; rejected: number },
): Promise<void> {
  await db.query(
    `UPDATE import_run SET last_row = $2, done_rows = done_rows + $3, accepted = accepted + $4, unchanged = unchanged + $5, rejected = rejected + $6 WHERE id = $1`,
    [id, lastRow, n.done, n.accepted, n.unchanged, n.rejected],
  );
}

/** Ends a run; a finished run's upload is deleted (data minimisation: the report keeps no names). */
export async function finish(
  db: Queryable,
  id: string,
  status: 'succeeded' | 'failed' | 'cancelled',
  purge: boolean,
): Promise<void> {
  await db.query(
    `UPDATE import_run SET status = $2, finished_at = now(), purged_at = CASE WHEN $3 THEN now() END WHERE id = $1`,
    [id, status, purge],
  );
  if (purge) await db.query(`DELETE FROM import_chunk WHERE import_id = $1`, [id]);
}

export async function listRows(db: Queryable, id: string, f: { status?: string; limit: number; offset: number }) {
  const params: unknown[] = [id, f.status ?? null];
  const where = `import_id = $1 AND ($2::text IS NULL OR status = $2)`;
  const total = (await db.query(`SELECT count(*)::int AS n FROM import_row WHERE ${where}`, params)).rows[0].n as number;
  const { rows } = await db.query(
    `SELECT row_no AS row, status, entity_id AS "entityId", nik_masked AS "nikMasked", reasons, warnings FROM import_row
     WHERE ${where} ORDER BY row_no LIMIT $3 OFFSET $4`,
    [...params, f.limit, f.offset],
  );
  return { rows, total };
}

/** Every outcome in row order, in pages (for the downloadable report). */
export async function* allRows(db: Queryable, id: string) {
  let after = 0;
  for (;;) {
    const { rows } = await db.query(
      `SELECT row_no AS row, status, entity_id AS "entityId", nik_masked AS "nikMasked", reasons, warnings FROM import_row
       WHERE import_id = $1 AND row_no > $2 ORDER BY row_no LIMIT 5000`,
      [id, after],
    );
    if (!rows.length) return;
    yield* rows;
    after = rows.at(-1)!.row;
  }
}

export async function listTemplates(db: Queryable, userId: string, scopes: string[], target: string | null) {
  const { rows } = await db.query(
    `SELECT id, target, name, mapping, area_code AS "areaCode", owner_id = $1 AS mine, updated_at AS "updatedAt" FROM import_mapping_template
     WHERE ($3::text IS NULL OR target = $3)
       AND (owner_id = $1 OR (area_code IS NOT NULL AND EXISTS (
             SELECT 1 FROM unnest($2::text[]) s WHERE s = 'ID' OR s = area_code OR s LIKE area_code || '.%' OR area_code LIKE s || '.%')))
     ORDER BY name, id`,
    [userId, scopes, target],
  );
  return rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() }));
}

export async function upsertTemplate(
  db: Queryable,
  t: {
    id: string;
    target: string;
    name: string;
    ownerId: string;
    areaCode: string | null;
    mapping: Record<string, string>;
    now: Date;
  },
) {
  const { rows } = await db.query(
    `INSERT INTO import_mapping_template (id, target, name, owner_id, area_code, mapping, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$7)
     ON CONFLICT (owner_id, target, name) DO UPDATE SET mapping = EXCLUDED.mapping, area_code = EXCLUDED.area_code, updated_at = EXCLUDED.updated_at
     RETURNING id`,
    [t.id, t.target, t.name, t.ownerId, t.areaCode, JSON.stringify(t.mapping), t.now],
  );
  return rows[0].id as string;
}

export async function deleteTemplate(db: Queryable, id: string, ownerId: string): Promise<boolean> {
  const { rowCount } = await db.query(`DELETE FROM import_mapping_template WHERE id = $1 AND owner_id = $2`, [id, ownerId]);
  return rowCount === 1;
}
