import type { Queryable } from '../../platform/db/pool';

/** Scope predicate over a column, as in the people store: prefix test, 'ID' = national. */
function inScope(col: string, scopes: string[], params: unknown[]): string {
  if (scopes.includes('ID')) return `${col} IS NOT NULL`;
  if (scopes.length === 0) return 'FALSE';
  params.push(scopes, scopes.map((s) => `${s}.%`));
  return `(${col} = ANY($${params.length - 1}) OR ${col} LIKE ANY($${params.length}))`;
}

/** The xmin of the current snapshot: every transaction below it has finished. */
export async function horizon(db: Queryable): Promise<string> {
  const { rows } = await db.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x`);
  return rows[0].x;
}

export interface ChangeRow {
  id: string;
  xid: string;
  entityType: string;
  entityId: string;
}

/** Changes in [from, to) touching the scope (before or after a move), in (xid, id) order. */
export async function changesBetween(
  db: Queryable,
  w: { from: string; to: string; afterXid: string | null; afterId: string | null; types: string[]; scopes: string[]; limit: number },
): Promise<ChangeRow[]> {
  const params: unknown[] = [w.from, w.to, w.types, w.limit];
  let after = '';
  if (w.afterXid !== null && w.afterId !== null) {
    params.push(w.afterXid, w.afterId);
    after = `AND (xid, id) > ($${params.length - 1}::xid8, $${params.length}::bigint)`;
  }
  const scope = `(${inScope('village_code', w.scopes, params)} OR ${inScope('old_village_code', w.scopes, params)})`;
  const { rows } = await db.query(
    `SELECT id::text, xid::text, entity_type AS "entityType", entity_id AS "entityId"
     FROM sync_change
     WHERE xid >= $1::xid8 AND xid < $2::xid8 AND entity_type = ANY($3) ${after} AND ${scope}
     ORDER BY xid, id
     LIMIT $4`,
    params,
  );
  return rows;
}

/** Columns changed on an entity after `version` (from the change log). */
export async function columnsChangedSince(db: Queryable, entityType: string, entityId: string, version: number): Promise<Set<string>> {
  const { rows } = await db.query(
    `SELECT DISTINCT unnest(fields) AS f FROM sync_change WHERE entity_type = $1 AND entity_id = $2 AND version > $3 AND op = 'update'`,
    [entityType, entityId, version],
  );
  return new Set(rows.map((r) => r.f as string));
}

export async function lastActorLabel(db: Queryable, entityId: string): Promise<string | null> {
  const { rows } = await db.query(
    `SELECT actor_label FROM audit_event WHERE entity_id = $1 AND action NOT LIKE '%.read' AND action NOT LIKE '%listed'
     ORDER BY occurred_at DESC, id DESC LIMIT 1`,
    [entityId],
  );
  return rows[0]?.actor_label ?? null;
}

export async function findMutation(db: Queryable, id: string): Promise<{ userId: string; response: unknown } | null> {
  const { rows } = await db.query(`SELECT user_id AS "userId", response FROM sync_mutation WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function saveMutation(
  db: Queryable,
  m: { id: string; userId: string; entityType: string; entityId: string; response: unknown; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO sync_mutation (id, user_id, entity_type, entity_id, response, applied_at) VALUES ($1,$2,$3,$4,$5,$6)`,
    [m.id, m.userId, m.entityType, m.entityId, JSON.stringify(m.response), m.at],
  );
}

export interface ConflictRow {
  id: string;
  entityType: string;
  entityId: string;
  villageCode: string;
  field: string;
  baseVersion: number;
  serverValue: unknown;
  serverBy: string | null;
  clientValue: unknown;
  clientBy: string;
  createdAt: string;
  resolvedAt: string | null;
  resolution: string | null;
}

const CONFLICT_COLUMNS = `id, entity_type AS "entityType", entity_id AS "entityId", village_code AS "villageCode", field,
  base_version AS "baseVersion", server_value AS "serverValue", server_by AS "serverBy", client_value AS "clientValue",
  client_by AS "clientBy", created_at AS "createdAt", resolved_at AS "resolvedAt", resolution`;

export async function insertConflict(
  db: Queryable,
  c: Omit<ConflictRow, 'createdAt' | 'resolvedAt' | 'resolution'> & { clientUserId: string | null; mutationId: string; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO sync_conflict (id, entity_type, entity_id, village_code, field, base_version, server_value, server_by,
                                client_value, client_by, client_user_id, mutation_id, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [c.id, c.entityType, c.entityId, c.villageCode, c.field, c.baseVersion, JSON.stringify(c.serverValue ?? null), c.serverBy,
     JSON.stringify(c.clientValue ?? null), c.clientBy, c.clientUserId, c.mutationId, c.at],
  );
}

function normalise(r: Record<string, unknown>): ConflictRow {
  return {
    ...(r as unknown as ConflictRow),
    createdAt: new Date(r.createdAt as string).toISOString(),
    resolvedAt: r.resolvedAt ? new Date(r.resolvedAt as string).toISOString() : null,
  };
}

export async function listConflicts(db: Queryable, scopes: string[], open: boolean): Promise<ConflictRow[]> {
  const params: unknown[] = [];
  const { rows } = await db.query(
    `SELECT ${CONFLICT_COLUMNS} FROM sync_conflict WHERE ${inScope('village_code', scopes, params)}
       ${open ? 'AND resolved_at IS NULL' : ''} ORDER BY created_at DESC LIMIT 200`,
    params,
  );
  return rows.map(normalise);
}

export async function findConflict(db: Queryable, id: string, scopes: string[]): Promise<ConflictRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query(`SELECT ${CONFLICT_COLUMNS} FROM sync_conflict WHERE id = $1 AND ${inScope('village_code', scopes, params)}`, params);
  return rows[0] ? normalise(rows[0]) : null;
}

export async function resolveConflict(
  db: Queryable,
  c: { id: string; by: string | null; resolution: string; value: unknown; at: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE sync_conflict SET resolved_at = $2, resolved_by = $3, resolution = $4, resolved_value = $5
     WHERE id = $1 AND resolved_at IS NULL`,
    [c.id, c.at, c.by, c.resolution, JSON.stringify(c.value ?? null)],
  );
  return rowCount === 1;
}
