import type { Issue } from '@pilar/domain';
import type pg from 'pg';
import { copyRows, Json } from './copy';

/** The outcome of one source row: what the report lists. */
export interface ImportRowResult {
  row: number;
  status: 'accepted' | 'unchanged' | 'rejected';
  /** The person (or PSM) the row created or matched. */
  entityId: string | null;
  nikMasked: string | null;
  reasons: Issue[];
  warnings: Issue[];
}

/** Records a batch's outcomes (the primary key makes a replayed batch fail loudly instead of doubling). */
export async function writeRowResults(db: pg.PoolClient, importId: string, results: ImportRowResult[]): Promise<void> {
  await copyRows(
    db,
    'import_row',
    ['import_id', 'row_no', 'status', 'entity_id', 'nik_masked', 'reasons', 'warnings'],
    results.map((r) => [importId, r.row, r.status, r.entityId, r.nikMasked, new Json(r.reasons), new Json(r.warnings)]),
  );
}

export function countResults(results: ImportRowResult[]) {
  const n = { accepted: 0, unchanged: 0, rejected: 0 };
  for (const r of results) n[r.status] += 1;
  return n;
}
