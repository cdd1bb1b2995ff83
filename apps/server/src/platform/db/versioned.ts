import type { Queryable } from './pool';

/**
 * Optimistic update of a per-regency record (STYLE.md: never a silent overwrite):
 * sets the given columns, bumps `version`, stamps `updated_at`/`updated_by`, only if
 * the version still matches. Returns false on a stale version. `table` and the column
 * names come from code, never from input.
 */
export async function updateVersioned(
  db: Queryable,
  table: 'person' | 'member',
  key: { id: string; regencyCode: string; version: number },
  set: Record<string, unknown>,
  actorId: string | null,
  now: Date,
): Promise<boolean> {
  const cols = Object.keys(set);
  const params: unknown[] = [key.regencyCode, key.id, key.version, now, actorId, ...cols.map((c) => set[c])];
  const assignments = cols.map((c, i) => `${c} = $${i + 6}`).join(', ');
  const { rowCount } = await db.query(
    `UPDATE ${table} SET ${assignments}${cols.length ? ',' : ''} version = version + 1, updated_at = $4, updated_by = $5
     WHERE regency_code = $1 AND id = $2 AND version = $3`,
    params,
  );
  return rowCount === 1;
}
