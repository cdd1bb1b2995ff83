import type { Queryable } from '../../platform/db/pool';
import { scopePredicate } from '../people/people.store';

/** Stored sitreps: figures (aggregates), the text and the PDF exactly as generated. */
export interface SitrepRow {
  id: string;
  incidentId: string;
  number: number;
  trigger: 'on_demand' | 'daily';
  reportDate: string;
  generatedAt: string;
}

const COLS = `id, incident_id AS "incidentId", number, trigger, report_date::text AS "reportDate", generated_at AS "generatedAt"`;
const norm = (r: Record<string, unknown>) => ({ ...(r as unknown as SitrepRow), generatedAt: new Date(r.generatedAt as string).toISOString() });

/** Locks the incident row so two sitreps at once get consecutive numbers; returns the next number. */
export async function nextNumber(db: Queryable, incidentId: string): Promise<number> {
  await db.query(`SELECT 1 FROM incident WHERE id = $1 FOR UPDATE`, [incidentId]);
  const { rows } = await db.query(`SELECT coalesce(max(number), 0) + 1 AS n FROM incident_sitrep WHERE incident_id = $1`, [incidentId]);
  return rows[0].n as number;
}

export async function dailyExists(db: Queryable, incidentId: string, date: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM incident_sitrep WHERE incident_id = $1 AND report_date = $2 AND trigger = 'daily'`, [incidentId, date]);
  return rows.length > 0;
}

export async function insert(
  db: Queryable,
  s: { id: string; incidentId: string; number: number; trigger: string; reportDate: string; at: Date; by: string | null; figures: unknown; text: string; pdf: Buffer },
): Promise<void> {
  await db.query(
    `INSERT INTO incident_sitrep (id, incident_id, number, trigger, report_date, generated_at, generated_by, figures, text, pdf)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [s.id, s.incidentId, s.number, s.trigger, s.reportDate, s.at, s.by, JSON.stringify(s.figures), s.text, s.pdf],
  );
}

export async function list(db: Queryable, incidentId: string): Promise<SitrepRow[]> {
  const { rows } = await db.query(`SELECT ${COLS} FROM incident_sitrep WHERE incident_id = $1 ORDER BY number DESC`, [incidentId]);
  return rows.map(norm);
}

export async function find(db: Queryable, id: string): Promise<(SitrepRow & { text: string; figures: Record<string, unknown> }) | null> {
  const { rows } = await db.query(`SELECT ${COLS}, text, figures FROM incident_sitrep WHERE id = $1`, [id]);
  return rows[0] ? { ...norm(rows[0]), text: rows[0].text, figures: rows[0].figures } : null;
}

export async function pdf(db: Queryable, id: string): Promise<{ incidentId: string; number: number; pdf: Buffer } | null> {
  const { rows } = await db.query(`SELECT incident_id AS "incidentId", number, pdf FROM incident_sitrep WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** Open incidents whose lead office lies in `scopes`, after `afterId` (the daily job's pages). */
export async function openIncidentsLedIn(db: Queryable, scopes: string[], afterId: string | null, limit: number): Promise<string[]> {
  const params: unknown[] = [afterId ?? '00000000-0000-0000-0000-000000000000', limit];
  const { rows } = await db.query(
    `SELECT id FROM incident i WHERE i.id > $1 AND i.status <> 'closed' AND ${scopePredicate('i.lead_office_code', scopes, params)} ORDER BY i.id LIMIT $2`,
    params,
  );
  return rows.map((r) => r.id as string);
}
