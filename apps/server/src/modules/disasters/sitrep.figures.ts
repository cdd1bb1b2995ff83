import { IANA_TIME_ZONE, NEED_KINDS, isLowStock, sitrepGaps, timeZoneOf, victimsServedPercent, type NeedKind, type SitrepFigures } from '@pilar/domain';
import type { Queryable } from '../../platform/db/pool';
import type { IncidentRow } from './incidents.store';
import * as logistics from './logistics.store';
import * as rollup from './rollup';
import * as roster from './roster.store';

/**
 * The sitrep's figures, from aggregates only: the dashboard rollup (latest assessment and
 * victim counts per village), stock balances per item and roster counts. No query here
 * reads a name, NIK, phone number or address, so none can reach the report.
 */
export function localDateTime(at: Date, areaCode: string): { date: string; label: string } {
  const zone = timeZoneOf(areaCode) ?? 'WIB';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: IANA_TIME_ZONE[zone], year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, label: `${date} ${parts.hour}:${parts.minute} ${zone}` };
}

export async function sitrepFigures(db: Queryable, incident: IncidentRow, number: number, at: Date): Promise<SitrepFigures> {
  const villages = await rollup.read(db, incident.id);
  const sum = (k: keyof rollup.RollupRow) => villages.reduce((a, v) => a + (v[k] as number), 0);
  const needs = NEED_KINDS.map((kind) => ({
    kind,
    high: villages.filter((v) => v.needs[kind] === 'tinggi').length,
    medium: villages.filter((v) => v.needs[kind] === 'sedang').length,
  }));
  const byItem = new Map<string, SitrepFigures['aid'][number]>();
  for (const b of await logistics.balances(db, incident.id)) {
    const a = byItem.get(b.itemId) ?? { itemName: b.itemName, unit: b.unit, needKind: b.needKind, received: 0, issued: 0, balance: 0, low: false };
    a.received += b.received;
    a.issued += b.issued;
    a.balance += b.balance;
    a.low ||= isLowStock(Math.round(b.balance * 100), b.lowStockThreshold === null ? null : Math.round(b.lowStockThreshold * 100));
    byItem.set(b.itemId, a);
  }
  const aid = [...byItem.values()]
    .map((a) => ({ ...a, received: Math.round(a.received * 100) / 100, issued: Math.round(a.issued * 100) / 100, balance: Math.round(a.balance * 100) / 100 }))
    .sort((x, y) => x.itemName.localeCompare(y.itemName));
  const victims = sum('victims');
  const met = sum('victimsMet');
  const started = localDateTime(new Date(incident.startedAt), incident.leadOfficeCode);
  return {
    number,
    generatedAt: localDateTime(at, incident.leadOfficeCode).label,
    incident: { title: incident.title, kind: incident.kind, hazard: incident.hazard, startedAt: started.label, status: incident.status, leadOfficeName: incident.leadOfficeName },
    totals: {
      affected: sum('affected'),
      displaced: sum('displaced'),
      injured: sum('injured'),
      dead: sum('dead'),
      missing: sum('missing'),
      housesRingan: sum('housesRingan'),
      housesSedang: sum('housesSedang'),
      housesBerat: sum('housesBerat'),
      elderly: sum('elderly'),
      children: sum('children'),
      disabled: sum('disabled'),
      pregnant: sum('pregnant'),
    },
    villages: villages.map((v) => ({
      villageCode: v.villageCode,
      villageName: v.villageName,
      districtName: v.districtName,
      regencyName: v.regencyName,
      assessedAt: v.assessedAt,
      affected: v.affected,
      displaced: v.displaced,
      injured: v.injured,
      dead: v.dead,
      missing: v.missing,
      housesRingan: v.housesRingan,
      housesSedang: v.housesSedang,
      housesBerat: v.housesBerat,
      elderly: v.elderly,
      children: v.children,
      disabled: v.disabled,
      pregnant: v.pregnant,
      victims: v.victims,
      victimsMet: v.victimsMet,
    })),
    needs: needs as { kind: NeedKind; high: number; medium: number }[],
    victims: { registered: victims, displaced: sum('victimsDisplaced'), vulnerable: sum('victimsVulnerable'), met, spmPercent: victimsServedPercent(met, victims) },
    aid,
    volunteers: await roster.dutyCounts(db, incident.id),
    gaps: sitrepGaps(needs, aid),
  };
}
