import type { Queryable } from '../../platform/db/pool';

/** SQL for IPSM units, boards and their coordination (org data, not personal data). */
export interface UnitRow {
  id: string;
  areaCode: string;
  areaName: string;
  level: 'nasional' | 'provinsi' | 'kabkota' | 'kecamatan' | 'desa';
  name: string;
  address: string | null;
  version: number;
}

const UNIT_SELECT = `
  SELECT u.id, u.area_code AS "areaCode", coalesce(a.name, 'Indonesia') AS "areaName", u.level, u.name, u.address, u.version
  FROM ipsm_unit u LEFT JOIN area a ON a.code = u.area_code`;

export async function findUnit(db: Queryable, id: string): Promise<UnitRow | null> {
  const { rows } = await db.query(`${UNIT_SELECT} WHERE u.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listUnits(db: Queryable, f: { area?: string; level?: string; limit: number; offset: number }) {
  const params: unknown[] = [];
  const where = ['TRUE'];
  if (f.area && f.area !== 'ID') {
    params.push(f.area, `${f.area}.%`);
    where.push(`(u.area_code = $${params.length - 1} OR u.area_code LIKE $${params.length})`);
  }
  if (f.level) {
    params.push(f.level);
    where.push(`u.level = $${params.length}`);
  }
  const w = where.join(' AND ');
  const total = await db.query(`SELECT count(*)::int AS n FROM ipsm_unit u WHERE ${w}`, params);
  params.push(f.limit, f.offset);
  const { rows } = await db.query(
    `${UNIT_SELECT} WHERE ${w} ORDER BY (u.area_code = 'ID') DESC, u.area_code LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows: rows as UnitRow[], total: total.rows[0].n as number };
}

export async function insertUnit(db: Queryable, u: { id: string; areaCode: string; level: string; name: string; address: string | null }, actorId: string | null, now: Date) {
  await db.query(
    `INSERT INTO ipsm_unit (id, area_code, level, name, address, created_at, created_by, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$6)`,
    [u.id, u.areaCode, u.level, u.name, u.address, now, actorId],
  );
}

export async function updateUnit(db: Queryable, id: string, version: number, set: { name?: string; address?: string | null }, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE ipsm_unit SET name = coalesce($3, name), address = CASE WHEN $4 THEN $5 ELSE address END, updated_at = $6, version = version + 1
     WHERE id = $1 AND version = $2`,
    [id, version, set.name ?? null, set.address !== undefined, set.address ?? null, now],
  );
  return rowCount === 1;
}

export interface BoardRow {
  id: string;
  unitId: string;
  termStart: number;
  termEnd: number;
  chosenBy: 'munas' | 'musda' | 'muscab' | 'muscam' | 'musdes' | 'lainnya';
  chosenOn: string | null;
  minutesFileId: string | null;
  skNumber: string | null;
  skDate: string | null;
  skIssuer: string | null;
  status: 'current' | 'ended';
  endedOn: string | null;
  version: number;
}

const BOARD_SELECT = `
  SELECT id, unit_id AS "unitId", term_start AS "termStart", term_end AS "termEnd", chosen_by AS "chosenBy",
         chosen_on::text AS "chosenOn", minutes_file_id AS "minutesFileId", sk_number AS "skNumber", sk_date::text AS "skDate",
         sk_issuer AS "skIssuer", status, ended_on::text AS "endedOn", version
  FROM ipsm_board`;

export async function findBoard(db: Queryable, id: string, forUpdate = false): Promise<BoardRow | null> {
  const { rows } = await db.query(`${BOARD_SELECT} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function boardsOf(db: Queryable, unitId: string): Promise<BoardRow[]> {
  const { rows } = await db.query(`${BOARD_SELECT} WHERE unit_id = $1 ORDER BY term_start DESC, created_at DESC`, [unitId]);
  return rows;
}

export async function currentBoard(db: Queryable, unitId: string, forUpdate = false): Promise<BoardRow | null> {
  const { rows } = await db.query(`${BOARD_SELECT} WHERE unit_id = $1 AND status = 'current'${forUpdate ? ' FOR UPDATE' : ''}`, [unitId]);
  return rows[0] ?? null;
}

export async function positionsOf(db: Queryable, boardIds: string[]) {
  if (boardIds.length === 0) return [];
  const { rows } = await db.query(
    `SELECT id, board_id AS "boardId", position, title, member_id AS "memberId", person_name AS name
     FROM ipsm_board_position WHERE board_id = ANY($1) ORDER BY sort, id`,
    [boardIds],
  );
  return rows as { id: string; boardId: string; position: BoardPositionRow['position']; title: string | null; memberId: string | null; name: string }[];
}
export interface BoardPositionRow {
  position: 'ketua' | 'wakil_ketua' | 'sekretaris' | 'wakil_sekretaris' | 'bendahara' | 'wakil_bendahara' | 'bidang' | 'anggota' | 'penasihat';
}

export async function endBoard(db: Queryable, id: string, endedOn: string, now: Date) {
  await db.query(`UPDATE ipsm_board SET status = 'ended', ended_on = $2, updated_at = $3, version = version + 1 WHERE id = $1`, [id, endedOn, now]);
}

export async function insertBoard(db: Queryable, b: Omit<BoardRow, 'status' | 'endedOn' | 'version'>, actorId: string | null, now: Date) {
  await db.query(
    `INSERT INTO ipsm_board (id, unit_id, term_start, term_end, chosen_by, chosen_on, minutes_file_id, sk_number, sk_date, sk_issuer,
                             status, created_at, created_by, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'current',$11,$12,$11)`,
    [b.id, b.unitId, b.termStart, b.termEnd, b.chosenBy, b.chosenOn, b.minutesFileId, b.skNumber, b.skDate, b.skIssuer, now, actorId],
  );
}

export async function updateBoard(db: Queryable, id: string, version: number, set: Record<string, unknown>, now: Date): Promise<boolean> {
  const cols = Object.keys(set);
  const { rowCount } = await db.query(
    `UPDATE ipsm_board SET ${cols.map((c, i) => `${c} = $${i + 4}`).join(', ')}${cols.length ? ',' : ''} updated_at = $3, version = version + 1
     WHERE id = $1 AND version = $2`,
    [id, version, now, ...cols.map((c) => set[c])],
  );
  return rowCount === 1;
}

export async function replacePositions(db: Queryable, boardId: string, positions: { id: string; position: string; title: string | null; memberId: string | null; name: string }[]) {
  await db.query(`DELETE FROM ipsm_board_position WHERE board_id = $1`, [boardId]);
  if (positions.length === 0) return;
  const params: unknown[] = [];
  const values = positions.map((p, i) => {
    params.push(p.id, boardId, p.position, p.title, p.memberId, p.name, i);
    const b = i * 7;
    return `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7})`;
  });
  await db.query(`INSERT INTO ipsm_board_position (id, board_id, position, title, member_id, person_name, sort) VALUES ${values.join(',')}`, params);
}

/** Units whose area contains `code` (its ancestors and the national unit). */
export async function announcementsFor(db: Queryable, codes: string[]) {
  const { rows } = await db.query(
    `SELECT n.id, n.unit_id AS "unitId", u.name AS "unitName", n.title, n.body, n.published_at AS "publishedAt"
     FROM ipsm_announcement n JOIN ipsm_unit u ON u.id = n.unit_id
     WHERE u.area_code = ANY($1) ORDER BY n.published_at DESC LIMIT 200`,
    [codes],
  );
  return rows.map((r) => ({ ...r, publishedAt: new Date(r.publishedAt).toISOString() }));
}

export async function announcementsOfUnit(db: Queryable, unitId: string) {
  const { rows } = await db.query(
    `SELECT n.id, n.unit_id AS "unitId", u.name AS "unitName", n.title, n.body, n.published_at AS "publishedAt"
     FROM ipsm_announcement n JOIN ipsm_unit u ON u.id = n.unit_id WHERE n.unit_id = $1 ORDER BY n.published_at DESC LIMIT 200`,
    [unitId],
  );
  return rows.map((r) => ({ ...r, publishedAt: new Date(r.publishedAt).toISOString() }));
}

const EVENT_SELECT = `
  SELECT e.id, e.unit_id AS "unitId", e.kind, e.title, e.starts_on::text AS "startsOn", e.ends_on::text AS "endsOn", e.place, e.agenda,
         (SELECT count(*)::int FROM ipsm_event_attendance x WHERE x.event_id = e.id) AS attendees
  FROM ipsm_event e`;

export async function eventsOfUnit(db: Queryable, unitId: string) {
  const { rows } = await db.query(`${EVENT_SELECT} WHERE e.unit_id = $1 ORDER BY e.starts_on DESC LIMIT 500`, [unitId]);
  return rows;
}

export async function findEvent(db: Queryable, id: string) {
  const { rows } = await db.query(`${EVENT_SELECT} WHERE e.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function attendance(db: Queryable, eventId: string): Promise<{ memberId: string; regencyCode: string }[]> {
  const { rows } = await db.query(`SELECT member_id AS "memberId", regency_code AS "regencyCode" FROM ipsm_event_attendance WHERE event_id = $1`, [eventId]);
  return rows;
}

export async function replaceAttendance(db: Queryable, eventId: string, members: { id: string; regencyCode: string }[], now: Date) {
  await db.query(`DELETE FROM ipsm_event_attendance WHERE event_id = $1`, [eventId]);
  if (members.length === 0) return;
  await db.query(
    `INSERT INTO ipsm_event_attendance (event_id, regency_code, member_id, recorded_at)
     SELECT $1, r, m, $4 FROM unnest($2::text[], $3::uuid[]) AS x(r, m)`,
    [eventId, members.map((m) => m.regencyCode), members.map((m) => m.id), now],
  );
}

export async function libraryOfUnit(db: Queryable, unitId: string) {
  const { rows } = await db.query(
    `SELECT id, unit_id AS "unitId", title, description, url, file_id AS "fileId", created_at AS "createdAt"
     FROM ipsm_library_item WHERE unit_id = $1 ORDER BY created_at DESC LIMIT 500`,
    [unitId],
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

export async function insertRow(db: Queryable, table: string, row: Record<string, unknown>) {
  const cols = Object.keys(row);
  await db.query(`INSERT INTO ${table} (${cols.join(',')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(',')})`, cols.map((c) => row[c]));
}

export async function fileExists(db: Queryable, id: string, areaCode: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM stored_file WHERE id = $1 AND area_code = $2`, [id, areaCode]);
  return rows.length > 0;
}
