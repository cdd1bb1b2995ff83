import type { Queryable } from '../../platform/db/pool';

/** SQL for aid posts, items, stock balances and movements. Quantities are numeric(14,2). */
export interface PostRow {
  id: string;
  incidentId: string;
  name: string;
  kind: 'posko' | 'pengungsian' | 'gudang' | 'dapur_umum';
  villageCode: string;
  villageName: string;
  createdAt: string;
}

const POST_SELECT = `SELECT p.id, p.incident_id AS "incidentId", p.name, p.kind, p.village_code AS "villageCode", a.name AS "villageName", p.created_at AS "createdAt"
  FROM aid_post p JOIN area a ON a.code = p.village_code`;
const postNorm = (r: Record<string, unknown>): PostRow => ({ ...(r as unknown as PostRow), createdAt: new Date(r.createdAt as string).toISOString() });

export async function findPost(db: Queryable, id: string): Promise<PostRow | null> {
  const { rows } = await db.query(`${POST_SELECT} WHERE p.id = $1`, [id]);
  return rows[0] ? postNorm(rows[0]) : null;
}

export async function listPosts(db: Queryable, incidentId: string): Promise<PostRow[]> {
  const { rows } = await db.query(`${POST_SELECT} WHERE p.incident_id = $1 ORDER BY p.name, p.id`, [incidentId]);
  return rows.map(postNorm);
}

export async function insertPost(db: Queryable, p: { id: string; incidentId: string; name: string; kind: string; villageCode: string; now: Date; actorId: string | null }) {
  await db.query(`INSERT INTO aid_post (id, incident_id, name, kind, village_code, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7)`, [
    p.id, p.incidentId, p.name, p.kind, p.villageCode, p.now, p.actorId,
  ]);
}

export interface ItemRow {
  id: string;
  incidentId: string;
  name: string;
  unit: string;
  needKind: 'pangan' | 'air_bersih' | 'hunian' | 'kesehatan' | 'sandang' | 'psikososial' | 'lainnya';
  lowStockThreshold: number | null;
}

const ITEM_SELECT = `SELECT id, incident_id AS "incidentId", name, unit, need_kind AS "needKind", low_stock_threshold::float8 AS "lowStockThreshold" FROM aid_item`;

export async function findItem(db: Queryable, id: string): Promise<ItemRow | null> {
  const { rows } = await db.query(`${ITEM_SELECT} WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listItems(db: Queryable, incidentId: string): Promise<ItemRow[]> {
  const { rows } = await db.query(`${ITEM_SELECT} WHERE incident_id = $1 ORDER BY name, unit, id`, [incidentId]);
  return rows;
}

export async function insertItem(db: Queryable, i: { id: string; incidentId: string; name: string; unit: string; needKind: string; lowStockThreshold: number | null; now: Date; actorId: string | null }) {
  await db.query(
    `INSERT INTO aid_item (id, incident_id, name, unit, need_kind, low_stock_threshold, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [i.id, i.incidentId, i.name, i.unit, i.needKind, i.lowStockThreshold, i.now, i.actorId],
  );
}

export async function setThreshold(db: Queryable, id: string, threshold: number | null): Promise<void> {
  await db.query(`UPDATE aid_item SET low_stock_threshold = $2 WHERE id = $1`, [id, threshold]);
}

/** Adds received stock; returns the new balance. */
export async function receive(db: Queryable, k: { incidentId: string; postId: string; itemId: string }, quantity: number): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO stock_balance (post_id, item_id, incident_id, received, issued, balance) VALUES ($1, $2, $3, $4, 0, $4)
     ON CONFLICT (post_id, item_id) DO UPDATE SET received = stock_balance.received + EXCLUDED.received, balance = stock_balance.balance + EXCLUDED.received
     RETURNING balance::float8 AS balance`,
    [k.postId, k.itemId, k.incidentId, quantity],
  );
  return rows[0].balance as number;
}

/**
 * Takes `quantity` off the balance only if enough is there. The UPDATE locks the row, so
 * of two issues racing for the last units the second re-reads the balance after the
 * first commits and finds too little: null, never a negative balance.
 */
export async function issue(db: Queryable, k: { postId: string; itemId: string }, quantity: number): Promise<number | null> {
  const { rows } = await db.query(
    `UPDATE stock_balance SET issued = issued + $3, balance = balance - $3
     WHERE post_id = $1 AND item_id = $2 AND balance >= $3 RETURNING balance::float8 AS balance`,
    [k.postId, k.itemId, quantity],
  );
  return rows[0] ? (rows[0].balance as number) : null;
}

export async function balanceOf(db: Queryable, k: { postId: string; itemId: string }): Promise<number> {
  const { rows } = await db.query(`SELECT balance::float8 AS balance FROM stock_balance WHERE post_id = $1 AND item_id = $2`, [k.postId, k.itemId]);
  return rows[0]?.balance ?? 0;
}

export interface MovementWrite {
  id: string;
  incidentId: string;
  postId: string;
  itemId: string;
  kind: 'received' | 'issued';
  quantity: number;
  donor: string | null;
  regencyCode: string;
  victimId: string | null;
  householdId: string | null;
  evidenceFileId: string | null;
  note: string | null;
  occurredAt: string;
  now: Date;
  actorId: string | null;
  actorLabel: string;
}

export async function insertMovement(db: Queryable, m: MovementWrite): Promise<void> {
  await db.query(
    `INSERT INTO stock_movement (id, incident_id, post_id, item_id, kind, quantity, donor, regency_code, victim_id, household_id,
        evidence_file_id, note, occurred_at, recorded_at, recorded_by, recorded_by_label)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
    [m.id, m.incidentId, m.postId, m.itemId, m.kind, m.quantity, m.donor, m.regencyCode, m.victimId, m.householdId,
     m.evidenceFileId, m.note, m.occurredAt, m.now, m.actorId, m.actorLabel],
  );
}

const MOVE_SELECT = `
  SELECT m.id, m.incident_id AS "incidentId", m.post_id AS "postId", m.item_id AS "itemId", i.name AS "itemName", i.unit, m.kind,
         m.quantity::float8 AS quantity, m.donor, m.victim_id AS "victimId", m.household_id AS "householdId",
         m.evidence_file_id AS "evidenceFileId", m.occurred_at AS "occurredAt", m.recorded_by_label AS "recordedBy"
  FROM stock_movement m JOIN aid_item i ON i.id = m.item_id`;
const moveNorm = (r: Record<string, unknown>) => ({ ...r, occurredAt: new Date(r.occurredAt as string).toISOString() }) as MovementRow;
export interface MovementRow {
  id: string;
  incidentId: string;
  postId: string;
  itemId: string;
  itemName: string;
  unit: string;
  kind: 'received' | 'issued';
  quantity: number;
  donor: string | null;
  victimId: string | null;
  householdId: string | null;
  evidenceFileId: string | null;
  occurredAt: string;
  recordedBy: string;
}

export async function findMovement(db: Queryable, id: string): Promise<MovementRow | null> {
  const { rows } = await db.query(`${MOVE_SELECT} WHERE m.id = $1`, [id]);
  return rows[0] ? moveNorm(rows[0]) : null;
}

export async function listMovements(db: Queryable, incidentId: string, f: { postId?: string; limit: number; offset: number }) {
  const params: unknown[] = [incidentId];
  let w = 'm.incident_id = $1';
  if (f.postId) {
    params.push(f.postId);
    w += ' AND m.post_id = $2';
  }
  const total = (await db.query(`SELECT count(*)::int AS n FROM stock_movement m WHERE ${w}`, params)).rows[0].n as number;
  params.push(f.limit, f.offset);
  const { rows } = await db.query(`${MOVE_SELECT} WHERE ${w} ORDER BY m.occurred_at DESC, m.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { rows: rows.map(moveNorm), total };
}

export interface BalanceRow {
  postId: string;
  postName: string;
  itemId: string;
  itemName: string;
  unit: string;
  needKind: string;
  received: number;
  issued: number;
  balance: number;
  lowStockThreshold: number | null;
}

export async function balances(db: Queryable, incidentId: string, postId?: string): Promise<BalanceRow[]> {
  const params: unknown[] = [incidentId];
  let w = 'b.incident_id = $1';
  if (postId) {
    params.push(postId);
    w += ' AND b.post_id = $2';
  }
  const { rows } = await db.query(
    `SELECT b.post_id AS "postId", p.name AS "postName", b.item_id AS "itemId", i.name AS "itemName", i.unit, i.need_kind AS "needKind",
            b.received::float8 AS received, b.issued::float8 AS issued, b.balance::float8 AS balance,
            i.low_stock_threshold::float8 AS "lowStockThreshold"
     FROM stock_balance b JOIN aid_post p ON p.id = b.post_id JOIN aid_item i ON i.id = b.item_id
     WHERE ${w} ORDER BY p.name, i.name, b.post_id, b.item_id`,
    params,
  );
  return rows;
}
