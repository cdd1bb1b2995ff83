import type { Queryable } from '../../platform/db/pool';

/** SQL for export runs and their files. */
export interface ExportRun {
  id: string;
  source: 'persons' | 'members' | 'cases' | 'coverage';
  format: 'xlsx' | 'csv';
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  purpose: string;
  purposeCode: string | null;
  filters: Record<string, unknown>;
  areaCode: string;
  jobId: string | null;
  rowCount: number | null;
  sizeBytes: number | null;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

const COLUMNS = `id, source, format, status, purpose, purpose_code AS "purposeCode", filters, area_code AS "areaCode", job_id AS "jobId",
  row_count AS "rowCount", size_bytes AS "sizeBytes", created_by AS "createdBy", created_at AS "createdAt", finished_at AS "finishedAt"`;

export async function insert(
  db: Queryable,
  r: Omit<ExportRun, 'status' | 'jobId' | 'rowCount' | 'sizeBytes' | 'finishedAt'>,
): Promise<void> {
  await db.query(
    `INSERT INTO export_run (id, source, format, status, purpose, purpose_code, filters, area_code, created_by, created_at)
     VALUES ($1,$2,$3,'queued',$4,$5,$6,$7,$8,$9)`,
    [r.id, r.source, r.format, r.purpose, r.purposeCode, JSON.stringify(r.filters), r.areaCode, r.createdBy, r.createdAt],
  );
}

export async function setJob(db: Queryable, id: string, jobId: string): Promise<void> {
  await db.query(`UPDATE export_run SET job_id = $2 WHERE id = $1`, [id, jobId]);
}

export async function find(
  db: Queryable,
  id: string,
  viewer: { userId: string | null; all: boolean },
): Promise<ExportRun | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM export_run WHERE id = $1 AND (created_by = $2 OR $3)`, [
    id,
    viewer.userId,
    viewer.all,
  ]);
  return rows[0] ?? null;
}

export async function list(db: Queryable, userId: string): Promise<ExportRun[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM export_run WHERE created_by = $1 ORDER BY created_at DESC LIMIT 50`, [
    userId,
  ]);
  return rows;
}

export async function setStatus(db: Queryable, id: string, status: ExportRun['status']): Promise<void> {
  await db.query(
    `UPDATE export_run SET status = $2, finished_at = CASE WHEN $2 IN ('succeeded', 'failed', 'cancelled') THEN now() END WHERE id = $1`,
    [id, status],
  );
}

export async function saveFile(db: Queryable, id: string, content: Buffer, rowCount: number, now: Date): Promise<void> {
  await db.query(
    `UPDATE export_run SET status = 'succeeded', content = $2, size_bytes = $3, row_count = $4, finished_at = $5 WHERE id = $1`,
    [id, content, content.length, rowCount, now],
  );
}

export async function readFile(db: Queryable, id: string): Promise<Buffer | null> {
  const { rows } = await db.query(`SELECT content FROM export_run WHERE id = $1 AND status = 'succeeded'`, [id]);
  return rows[0]?.content ?? null;
}
