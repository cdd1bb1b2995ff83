import { victimsServedPercent } from '@pilar/domain';
import type { Ctx } from '../../platform/access/unit-of-work';
import { loadIncident } from './disasters.access';
import { latestPoints } from './assessments.store';
import * as rollup from './rollup';

/**
 * The incident dashboard (issue 9 §7): figures per affected village and SPM indicator 5
 * for the incident (victims whose basic needs were met ÷ victims), read from the rollup.
 * Each village also carries its place on the map: the position of its newest assessment
 * with GPS, or null (the area data has no village coordinates).
 */
export async function incidentDashboard(ctx: Ctx, incidentId: string) {
  await loadIncident(ctx, incidentId);
  const rows = await rollup.read(ctx.db, incidentId);
  const points = await latestPoints(ctx.db, incidentId);
  const villages = rows.map((r) => ({
    villageCode: r.villageCode,
    villageName: r.villageName,
    districtName: r.districtName,
    regencyCode: r.regencyCode,
    regencyName: r.regencyName,
    assessedAt: r.assessedAt,
    affected: r.affected,
    displaced: r.displaced,
    injured: r.injured,
    dead: r.dead,
    missing: r.missing,
    housesDamaged: r.housesRingan + r.housesSedang + r.housesBerat,
    victims: r.victims,
    victimsDisplaced: r.victimsDisplaced,
    victimsVulnerable: r.victimsVulnerable,
    victimsMet: r.victimsMet,
    aidIssues: r.aidIssues,
    point: points.get(r.villageCode) ?? null,
  }));
  const sum = (k: 'affected' | 'displaced' | 'victims' | 'victimsMet') => villages.reduce((a, v) => a + v[k], 0);
  return {
    incidentId,
    villages,
    totals: { affected: sum('affected'), displaced: sum('displaced'), victims: sum('victims'), victimsMet: sum('victimsMet'), spmPercent: victimsServedPercent(sum('victimsMet'), sum('victims')) },
  };
}
