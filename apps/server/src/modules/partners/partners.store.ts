import type { Queryable } from '../../platform/db/pool';

export interface PartnerRow {
  id: string;
  areaCode: string;
  areaName: string;
  kind: 'psks' | 'puskesmas' | 'rumah_sakit' | 'dinsos_unit' | 'instansi_lain';
  psksCode: string | null;
  name: string;
  address: string | null;
  phone: string | null;
  services: string[];
  active: boolean;
  version: number;
  userCount: number;
}

const SELECT = `
  SELECT p.id, p.area_code AS "areaCode", a.name AS "areaName", p.kind, p.psks_code AS "psksCode", p.name, p.address, p.phone,
         p.services, p.active, p.version, (SELECT count(*)::int FROM partner_user pu WHERE pu.partner_id = p.id) AS "userCount"
  FROM partner p JOIN area a ON a.code = p.area_code`;

export async function find(db: Queryable, id: string): Promise<PartnerRow | null> {
  const { rows } = await db.query(`${SELECT} WHERE p.id = $1`, [id]);
  return rows[0] ?? null;
}

/**
 * Partners serving `area`: registered in it (or below it), or in an area that contains
 * it (a regency-wide LKS serves every village of the regency).
 */
export async function list(db: Queryable, f: { area?: string; kind?: string; q?: string; limit: number; offset: number }) {
  const params: unknown[] = [];
  const where = ['p.active'];
  if (f.area) {
    const ancestors = f.area.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'));
    params.push(ancestors, `${f.area}.%`);
    where.push(`(p.area_code = ANY($${params.length - 1}) OR p.area_code LIKE $${params.length})`);
  }
  if (f.kind) {
    params.push(f.kind);
    where.push(`p.kind = $${params.length}`);
  }
  if (f.q) {
    params.push(`%${f.q.toLowerCase()}%`);
    where.push(`lower(p.name) LIKE $${params.length}`);
  }
  const w = where.join(' AND ');
  const total = (await db.query(`SELECT count(*)::int AS n FROM partner p WHERE ${w}`, params)).rows[0].n as number;
  params.push(f.limit, f.offset);
  const { rows } = await db.query(`${SELECT} WHERE ${w} ORDER BY p.name, p.id LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { rows: rows as PartnerRow[], total };
}

export async function forUser(db: Queryable, userId: string): Promise<PartnerRow[]> {
  const { rows } = await db.query(`${SELECT} WHERE p.id IN (SELECT partner_id FROM partner_user WHERE user_id = $1) ORDER BY p.name`, [userId]);
  return rows;
}

export async function insert(db: Queryable, p: Omit<PartnerRow, 'areaName' | 'userCount' | 'version' | 'active'> & { now: Date; by: string | null }): Promise<void> {
  await db.query(
    `INSERT INTO partner (id, area_code, kind, psks_code, name, address, phone, services, created_at, created_by, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$9)`,
    [p.id, p.areaCode, p.kind, p.psksCode, p.name, p.address, p.phone, p.services, p.now, p.by],
  );
}

export async function update(db: Queryable, id: string, version: number, set: Record<string, unknown>, now: Date): Promise<boolean> {
  const cols = Object.keys(set);
  const { rowCount } = await db.query(
    `UPDATE partner SET ${cols.map((c, i) => `${c} = $${i + 4}`).join(', ')}${cols.length ? ',' : ''} version = version + 1, updated_at = $3
     WHERE id = $1 AND version = $2`,
    [id, version, now, ...cols.map((c) => set[c])],
  );
  return rowCount === 1;
}

export async function psksExists(db: Queryable, code: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM psks_kind WHERE code = $1 AND active`, [code])).rows.length === 1;
}

export async function users(db: Queryable, partnerId: string) {
  const { rows } = await db.query(`SELECT user_id AS "userId", linked_at AS "linkedAt" FROM partner_user WHERE partner_id = $1 ORDER BY linked_at`, [partnerId]);
  return rows.map((r) => ({ ...r, linkedAt: new Date(r.linkedAt).toISOString() }));
}

export async function link(db: Queryable, partnerId: string, userId: string, now: Date, by: string | null): Promise<void> {
  await db.query(`INSERT INTO partner_user (partner_id, user_id, linked_at, linked_by) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`, [partnerId, userId, now, by]);
}

export async function unlink(db: Queryable, partnerId: string, userId: string): Promise<boolean> {
  return ((await db.query(`DELETE FROM partner_user WHERE partner_id = $1 AND user_id = $2`, [partnerId, userId])).rowCount ?? 0) === 1;
}
