import type { Queryable } from '../../platform/db/pool';

/** Rapid needs assessments: append-only rows (the table refuses UPDATE and DELETE to the app role). */
export interface AssessmentRow {
  id: string;
  incidentId: string;
  villageCode: string;
  villageName: string;
  assessedAt: string;
  affected: number;
  displaced: number;
  injured: number;
  dead: number;
  missing: number;
  housesRingan: number;
  housesSedang: number;
  housesBerat: number;
  elderly: number;
  children: number;
  disabled: number;
  pregnant: number;
  needs: Record<string, string>;
  note: string | null;
  lat: number | null;
  lng: number | null;
  accuracyM: number | null;
  recordedBy: string;
  recordedAt: string;
}

const SELECT = `
  SELECT a.id, a.incident_id AS "incidentId", a.village_code AS "villageCode", v.name AS "villageName", a.assessed_at AS "assessedAt",
         a.affected, a.displaced, a.injured, a.dead, a.missing, a.houses_ringan AS "housesRingan", a.houses_sedang AS "housesSedang",
         a.houses_berat AS "housesBerat", a.elderly, a.children, a.disabled, a.pregnant, a.needs, a.note,
         a.lat, a.lng, a.accuracy_m AS "accuracyM", a.recorded_by_label AS "recordedBy", a.recorded_at AS "recordedAt"
  FROM incident_assessment a JOIN area v ON v.code = a.village_code`;

const norm = (r: Record<string, unknown>): AssessmentRow => ({
  ...(r as unknown as AssessmentRow),
  assessedAt: new Date(r.assessedAt as string).toISOString(),
  recordedAt: new Date(r.recordedAt as string).toISOString(),
});

export async function find(db: Queryable, id: string): Promise<AssessmentRow | null> {
  const { rows } = await db.query(`${SELECT} WHERE a.id = $1`, [id]);
  return rows[0] ? norm(rows[0]) : null;
}

export interface AssessmentWrite {
  id: string;
  incidentId: string;
  villageCode: string;
  assessedAt: string;
  figures: Record<'affected' | 'displaced' | 'injured' | 'dead' | 'missing' | 'housesRingan' | 'housesSedang' | 'housesBerat' | 'elderly' | 'children' | 'disabled' | 'pregnant', number>;
  needs: Record<string, string>;
  note: string | null;
  gps: { lat: number; lng: number; accuracyM: number | null } | null;
  now: Date;
  actorId: string | null;
  actorLabel: string;
}

export async function insert(db: Queryable, a: AssessmentWrite): Promise<void> {
  const f = a.figures;
  await db.query(
    `INSERT INTO incident_assessment (id, incident_id, village_code, assessed_at, affected, displaced, injured, dead, missing,
        houses_ringan, houses_sedang, houses_berat, elderly, children, disabled, pregnant, needs, note, recorded_at, recorded_by, recorded_by_label,
        lat, lng, accuracy_m)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24)`,
    [a.id, a.incidentId, a.villageCode, a.assessedAt, f.affected, f.displaced, f.injured, f.dead, f.missing, f.housesRingan, f.housesSedang,
     f.housesBerat, f.elderly, f.children, f.disabled, f.pregnant, JSON.stringify(a.needs), a.note, a.now, a.actorId, a.actorLabel,
     a.gps?.lat ?? null, a.gps?.lng ?? null, a.gps?.accuracyM ?? null],
  );
}

/** The latest assessment of each village (or the whole history of one village, newest first). */
export async function list(db: Queryable, incidentId: string, f: { villageCode?: string; history: boolean }): Promise<AssessmentRow[]> {
  const params: unknown[] = [incidentId];
  let where = 'a.incident_id = $1';
  if (f.villageCode) {
    params.push(f.villageCode);
    where += ` AND a.village_code = $2`;
  }
  const sql = f.history
    ? `${SELECT} WHERE ${where} ORDER BY a.village_code, a.assessed_at DESC, a.id DESC`
    : `SELECT DISTINCT ON ("villageCode") * FROM (${SELECT} WHERE ${where}) q ORDER BY "villageCode", "assessedAt" DESC, id DESC`;
  const { rows } = await db.query(sql, params);
  return rows.map(norm);
}

export interface VillagePosition {
  lat: number;
  lng: number;
  accuracyM: number | null;
  assessedAt: string;
}

/** Per village, the position of its newest assessment that carries GPS (figures only, no person data). */
export async function latestPoints(db: Queryable, incidentId: string): Promise<Map<string, VillagePosition>> {
  const { rows } = await db.query<{ villageCode: string; lat: number; lng: number; accuracyM: number | null; assessedAt: Date }>(
    `SELECT DISTINCT ON (village_code) village_code AS "villageCode", lat, lng, accuracy_m AS "accuracyM", assessed_at AS "assessedAt"
     FROM incident_assessment WHERE incident_id = $1 AND lat IS NOT NULL
     ORDER BY village_code, assessed_at DESC, id DESC`,
    [incidentId],
  );
  return new Map(rows.map((r) => [r.villageCode, { lat: r.lat, lng: r.lng, accuracyM: r.accuracyM, assessedAt: new Date(r.assessedAt).toISOString() }]));
}
