import type { Queryable } from '../../platform/db/pool';

/**
 * The incident dashboard rollup (ARCHITECTURE.md decision 8): one row per incident ×
 * affected village, changed by delta updates in the transaction of every change, so
 * concurrent registrations never lose a count (the UPDATE locks and re-reads the row).
 * Its definition, which the tests compare it with:
 *   latest assessment per village (by assessed_at, then id) for the figures;
 *   count(victims), count(displacement <> 'tidak_mengungsi'), count(vulnerabilities <> '{}'),
 *   count(basic_needs_met) over disaster_victim; count(issues) over stock_movement at the
 *   village's posts.
 */
export interface VictimContribution {
  victims: number;
  displaced: number;
  vulnerable: number;
  met: number;
}

export function contribution(v: { displacement: string; vulnerabilities: string[]; basicNeedsMet: boolean } | null): VictimContribution {
  if (!v) return { victims: 0, displaced: 0, vulnerable: 0, met: 0 };
  return { victims: 1, displaced: v.displacement === 'tidak_mengungsi' ? 0 : 1, vulnerable: v.vulnerabilities.length ? 1 : 0, met: v.basicNeedsMet ? 1 : 0 };
}

/** Moves a victim's contribution from `before` to `after` (either may be null). */
export async function shiftVictim(db: Queryable, incidentId: string, villageCode: string, before: VictimContribution, after: VictimContribution): Promise<void> {
  const d = {
    victims: after.victims - before.victims,
    displaced: after.displaced - before.displaced,
    vulnerable: after.vulnerable - before.vulnerable,
    met: after.met - before.met,
  };
  if (!d.victims && !d.displaced && !d.vulnerable && !d.met) return;
  await db.query(
    `UPDATE incident_village_rollup SET victims = victims + $3, victims_displaced = victims_displaced + $4,
            victims_vulnerable = victims_vulnerable + $5, victims_met = victims_met + $6
     WHERE incident_id = $1 AND village_code = $2`,
    [incidentId, villageCode, d.victims, d.displaced, d.vulnerable, d.met],
  );
}

export async function countAidIssue(db: Queryable, incidentId: string, villageCode: string): Promise<void> {
  await db.query(`UPDATE incident_village_rollup SET aid_issues = aid_issues + 1 WHERE incident_id = $1 AND village_code = $2`, [incidentId, villageCode]);
}

/** Takes an assessment's figures when it is the village's latest (an older one arriving late from a phone changes nothing). */
export async function applyAssessment(db: Queryable, a: { id: string; incidentId: string; villageCode: string; assessedAt: string }): Promise<void> {
  await db.query(
    `UPDATE incident_village_rollup r SET assessment_id = a.id, assessed_at = a.assessed_at, affected = a.affected, displaced = a.displaced,
            injured = a.injured, dead = a.dead, missing = a.missing, houses_ringan = a.houses_ringan, houses_sedang = a.houses_sedang,
            houses_berat = a.houses_berat, elderly = a.elderly, children = a.children, disabled = a.disabled, pregnant = a.pregnant, needs = a.needs
     FROM incident_assessment a
     WHERE a.id = $3 AND r.incident_id = $1 AND r.village_code = $2
       AND (r.assessed_at IS NULL OR (a.assessed_at, a.id) > (r.assessed_at, r.assessment_id))`,
    [a.incidentId, a.villageCode, a.id],
  );
}

export interface RollupRow {
  villageCode: string;
  villageName: string;
  districtName: string;
  regencyCode: string;
  regencyName: string;
  assessedAt: string | null;
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
  victims: number;
  victimsDisplaced: number;
  victimsVulnerable: number;
  victimsMet: number;
  aidIssues: number;
}

export async function read(db: Queryable, incidentId: string): Promise<RollupRow[]> {
  const { rows } = await db.query(
    `SELECT r.village_code AS "villageCode", v.name AS "villageName", d.name AS "districtName", r.regency_code AS "regencyCode",
            g.name AS "regencyName", r.assessed_at AS "assessedAt", r.affected, r.displaced, r.injured, r.dead, r.missing,
            r.houses_ringan AS "housesRingan", r.houses_sedang AS "housesSedang", r.houses_berat AS "housesBerat",
            r.elderly, r.children, r.disabled, r.pregnant, r.needs, r.victims, r.victims_displaced AS "victimsDisplaced",
            r.victims_vulnerable AS "victimsVulnerable", r.victims_met AS "victimsMet", r.aid_issues AS "aidIssues"
     FROM incident_village_rollup r JOIN area v ON v.code = r.village_code JOIN area d ON d.code = left(r.village_code, 8)
     JOIN area g ON g.code = r.regency_code
     WHERE r.incident_id = $1 ORDER BY r.village_code`,
    [incidentId],
  );
  return rows.map((r) => ({ ...r, assessedAt: r.assessedAt ? new Date(r.assessedAt).toISOString() : null }));
}
