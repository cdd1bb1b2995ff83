import {
  DUTY_LABEL,
  ianaZoneOf,
  localDateIn,
  medianOfHistogram,
  parsePeriod,
  PSM_DUTIES,
  SPM_INDICATORS,
  SPM_TARGET_PERCENT,
  spmIndicatorPercent,
  todayByZone,
  type Period,
} from '@pilar/domain';
import { requireAccess } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import type { Queryable } from '../../platform/db/pool';
import { badRequest, notFound } from '../../platform/errors';
import { coverage } from '../members/coverage.service';
import { sliceOf, type Slice } from './dashboard.slice';
import * as store from './dashboard.store';
import { sumBy } from './dashboard.store';

/**
 * The Dinsos dashboard (issue 7 §3): one area from nasional to desa, its figures and
 * those of its children for drill-down, all read from rollups kept in the write
 * transaction — fresh at every request and fast at national scale.
 */
export interface AreaInfo {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  villageCount: number;
}

export async function resolveArea(db: Queryable, code: string): Promise<AreaInfo> {
  if (code === 'ID') {
    const { rows } = await db.query(`SELECT coalesce(sum(village_count), 0)::int AS n FROM area WHERE level = 'province'`);
    return { code: 'ID', name: 'Indonesia', level: 'national', parentCode: null, villageCount: rows[0].n };
  }
  const a = await store.area(db, code);
  if (!a) throw notFound({ id: `Wilayah ${code} tidak ditemukan`, en: `No area ${code}` });
  return { ...a, villageCount: a.level === 'village' ? 1 : a.villageCount };
}

/** The requested period, or the current year in the area's own time zone. */
export function periodFor(ctx: Ctx, area: string, value: string | undefined, field = 'period'): Period {
  const p = parsePeriod(value ?? localDateIn(ctx.clock.now(), area).slice(0, 4));
  if (!p) throw badRequest([{ field, code: 'period.invalid', message: { id: 'Periode: tahun (2026) atau bulan (2026-03)', en: 'Period: a year (2026) or a month (2026-03)' } }]);
  return p;
}

export const periodOut = (p: Period, area: string) => ({ kind: p.kind, value: p.value, from: p.fromMonth, to: p.toMonth, timeZone: ianaZoneOf(area === 'ID' ? '31' : area) });

/** Every rollup read of one dashboard (what B2 times at each level). */
export async function collect(db: Queryable, s: Slice, p: Period, now: Date) {
  return {
    ppks: await store.ppks(db, s),
    cases: await store.cases(db, s, p.fromMonth, p.toMonth),
    followUps: await store.followUps(db, s, todayByZone(now)),
    referrals: await store.referrals(db, s),
    services: await store.services(db, s, p.fromMonth, p.toMonth),
    lag: await store.serviceLag(db, s, p.fromMonth, p.toMonth),
    spm: await store.spm(db, s, [p.year]),
    activities: await store.activities(db, s, p.fromMonth, p.toMonth),
  };
}
export type Collected = Awaited<ReturnType<typeof collect>>;

const AWAITING = new Set(['draft', 'submitted', 'checked', 'returned']);

function spmFigures(rows: Collected['spm'], year: number, child?: string) {
  return SPM_INDICATORS.map((ind) => {
    const mine = rows.filter((r) => r.spm === ind.code && r.year === year && (child === undefined || r.child === child));
    const needing = mine.reduce((a, r) => a + r.needing, 0);
    const served = mine.reduce((a, r) => a + r.served, 0);
    return { code: ind.code, label: ind.label, ppksCodes: [...ind.ppksCodes], year, needing, served, percent: spmIndicatorPercent(needing, served), target: SPM_TARGET_PERCENT };
  });
}

export async function dashboard(ctx: Ctx, q: { area: string; period?: string | undefined }) {
  requireAccess(ctx.actor, 'report.read', { areaCode: q.area });
  const area = await resolveArea(ctx.db, q.area);
  const period = periodFor(ctx, q.area, q.period);
  const s = sliceOf(q.area);
  const now = ctx.clock.now();
  const c = await collect(ctx.db, s, period, now);
  const cov = await coverage(ctx, { area: q.area, page: 1, pageSize: 1 });
  const [ppksNames, serviceNames, partners] = await Promise.all([
    store.ppksNames(ctx.db),
    store.serviceNames(ctx.db),
    store.partnerNames(ctx.db, [...new Set(c.referrals.map((r) => r.partnerId))]),
  ]);
  const parent = area.parentCode ? await resolveArea(ctx.db, area.parentCode) : area.code === 'ID' ? null : { code: 'ID', name: 'Indonesia', level: 'national', parentCode: null, villageCount: 0 };

  const ppksBy = sumBy(c.ppks, (r) => String(r.code), (r) => r.n);
  const statusBy = sumBy(c.cases, (r) => r.status, (r) => r.n);
  const verBy = sumBy(c.cases, (r) => r.verification, (r) => r.n);
  const refStatus = sumBy(c.referrals, (r) => r.status, (r) => r.n);
  const byPartner = new Map<string, Record<string, number>>();
  for (const r of c.referrals) {
    const m = byPartner.get(r.partnerId) ?? {};
    m[r.status] = (m[r.status] ?? 0) + r.n;
    byPartner.set(r.partnerId, m);
  }
  const serviceKey = (r: { code: string; unit: string }) => `${r.code}|${r.unit}`;
  const svcN = sumBy(c.services, serviceKey, (r) => r.n);
  const svcQ = sumBy(c.services, serviceKey, (r) => r.quantity);
  const dutyBy = sumBy(c.activities, (r) => r.duty, (r) => r.n);
  const lagAll = Object.entries(sumBy(c.lag, (r) => String(r.days), (r) => r.n)).map(([d, n]) => ({ days: Number(d), n }));

  const kids = s.child ? await store.childAreas(ctx.db, q.area) : [];
  const covKids = new Map(cov.children.map((k) => [k.code, k]));
  const per = {
    ppks: sumBy(c.ppks, (r) => r.child, (r) => r.n),
    opened: sumBy(c.cases, (r) => r.child, (r) => r.n),
    open: sumBy(c.cases.filter((r) => r.status !== 'closed'), (r) => r.child, (r) => r.n),
    validated: sumBy(c.cases.filter((r) => r.verification === 'validated'), (r) => r.child, (r) => r.n),
    awaiting: sumBy(c.cases.filter((r) => AWAITING.has(r.verification)), (r) => r.child, (r) => r.n),
    overdue: sumBy(c.followUps, (r) => r.child, (r) => r.overdue),
    referrals: sumBy(c.referrals, (r) => r.child, (r) => r.n),
    services: sumBy(c.services, (r) => r.child, (r) => r.n),
    activities: sumBy(c.activities, (r) => r.child, (r) => r.n),
    needing: sumBy(c.spm, (r) => r.child, (r) => r.needing),
    served: sumBy(c.spm, (r) => r.child, (r) => r.served),
  };
  const v = (m: Record<string, number>, k: string) => m[k] ?? 0;

  return {
    area: { code: area.code, name: area.name, level: area.level },
    parent: parent ? { code: parent.code, name: parent.name, level: parent.level } : null,
    period: periodOut(period, q.area),
    generatedAt: now.toISOString(),
    coverage: { villagesTotal: cov.villagesTotal, villagesWithPsm: cov.villagesWithActive, psmActive: cov.activeMembers, withSk: cov.withSk, withKta: cov.withKta, withTraining: cov.withTraining },
    ppksByCategory: [...ppksNames].map(([code, name]) => ({ code, name, persons: v(ppksBy, String(code)) })),
    cases: {
      byStatus: ['identified', 'assessed', 'planned', 'in_intervention', 'monitoring', 'closed'].map((st) => ({ status: st, n: v(statusBy, st) })),
      opened: Object.values(statusBy).reduce((a, b) => a + b, 0),
      validated: v(verBy, 'validated'),
      awaitingValidation: [...AWAITING].reduce((a, k) => a + v(verBy, k), 0),
      notRequired: v(verBy, 'not_required'),
    },
    followUps: {
      open: c.followUps.reduce((a, r) => a + r.open, 0),
      overdue: c.followUps.reduce((a, r) => a + r.overdue, 0),
      today: localDateIn(now, q.area === 'ID' ? '31' : q.area),
    },
    referrals: {
      byStatus: ['sent', 'accepted', 'rejected', 'completed', 'cancelled'].map((st) => ({ status: st, n: v(refStatus, st) })),
      byPartner: [...byPartner].map(([partnerId, byStatus]) => ({
        partnerId,
        name: partners.get(partnerId)?.name ?? '—',
        kind: partners.get(partnerId)?.kind ?? '—',
        byStatus,
        total: Object.values(byStatus).reduce((a, b) => a + b, 0),
      })).sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)),
    },
    services: {
      deliveries: c.services.reduce((a, r) => a + r.n, 0),
      byService: Object.keys(svcN).sort().map((k) => {
        const [code, unit] = k.split('|') as [string, string];
        return { code, name: serviceNames.get(code) ?? code, unit, n: svcN[k]!, quantity: svcQ[k]! };
      }),
    },
    timeToFirstService: { cases: lagAll.reduce((a, b) => a + b.n, 0), medianDays: medianOfHistogram(lagAll) },
    spm: spmFigures(c.spm, period.year),
    activities: { total: Object.values(dutyBy).reduce((a, b) => a + b, 0), byDuty: PSM_DUTIES.map((d) => ({ duty: d, label: DUTY_LABEL[d], n: v(dutyBy, d) })) },
    children: kids.map((k) => {
      const ck = covKids.get(k.code);
      const needing = v(per.needing, k.code);
      const served = v(per.served, k.code);
      return {
        code: k.code, name: k.name, level: k.level,
        villagesTotal: ck?.villagesTotal ?? k.villageCount, villagesWithPsm: ck?.villagesWithActive ?? 0, psmActive: ck?.activeMembers ?? 0,
        ppksAssignments: v(per.ppks, k.code), casesOpened: v(per.opened, k.code), casesOpen: v(per.open, k.code),
        validated: v(per.validated, k.code), awaitingValidation: v(per.awaiting, k.code), overdueFollowUps: v(per.overdue, k.code),
        referrals: v(per.referrals, k.code), services: v(per.services, k.code),
        medianDaysToFirstService: medianOfHistogram(c.lag.filter((r) => r.child === k.code)),
        spmNeeding: needing, spmServed: served, spmPercent: spmIndicatorPercent(needing, served), activities: v(per.activities, k.code),
      };
    }),
  };
}
export type Dashboard = Awaited<ReturnType<typeof dashboard>>;

/** One SPM indicator: the area, its children and the last three years. */
export async function spmDetail(ctx: Ctx, q: { area: string; spm: number; year?: number | undefined }) {
  requireAccess(ctx.actor, 'report.read', { areaCode: q.area });
  const area = await resolveArea(ctx.db, q.area);
  const year = q.year ?? Number(localDateIn(ctx.clock.now(), q.area).slice(0, 4));
  const s = sliceOf(q.area);
  const rows = (await store.spm(ctx.db, s, [year - 2, year - 1, year])).filter((r) => r.spm === q.spm);
  const kids = s.child ? await store.childAreas(ctx.db, q.area) : [];
  const indicator = spmFigures(rows, year).find((f) => f.code === q.spm)!;
  return {
    area: { code: area.code, name: area.name, level: area.level },
    indicator,
    children: kids.map((k) => {
      const f = spmFigures(rows, year, k.code).find((x) => x.code === q.spm)!;
      return { code: k.code, name: k.name, level: k.level, needing: f.needing, served: f.served, percent: f.percent };
    }),
    years: [year - 2, year - 1, year].map((y) => {
      const f = spmFigures(rows, y).find((x) => x.code === q.spm)!;
      return { year: y, needing: f.needing, served: f.served, percent: f.percent };
    }),
  };
}

/** Map markers: mean GPS position of visits per child area (per village at the lowest levels). */
export async function mapPoints(ctx: Ctx, q: { area: string; period?: string | undefined }) {
  requireAccess(ctx.actor, 'report.read', { areaCode: q.area });
  const area = await resolveArea(ctx.db, q.area);
  const period = periodFor(ctx, q.area, q.period);
  const s = sliceOf(q.area);
  const rows = await store.visitPoints(ctx.db, s, period.fromMonth, period.toMonth);
  const names = new Map((s.child ? await store.childAreas(ctx.db, q.area) : [{ code: area.code, name: area.name, level: area.level }]).map((k) => [k.code, k]));
  return {
    area: { code: area.code, name: area.name, level: area.level },
    period: periodOut(period, q.area),
    points: rows.map((r) => ({ code: r.code, name: names.get(r.code)?.name ?? r.code, level: names.get(r.code)?.level ?? 'village', visits: r.visits, withGps: r.withGps, lat: r.lat, lng: r.lng })),
    centroids: null,
    note: {
      id: 'Titik = rata-rata posisi GPS kunjungan per wilayah (tanpa data orang). Data wilayah (idn-area-data) tidak memuat koordinat, jadi titik pusat wilayah tidak tersedia.',
      en: 'A point is the mean GPS position of the visits per area (no person data). The area data (idn-area-data) has no coordinates, so area centroids are not available.',
    },
  };
}
