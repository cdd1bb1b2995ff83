// Shapes of /api/v1/dashboard answers, narrowed (source: packages/domain/src/contracts/dashboard.ts).
import type { Msg } from '../cases/cases.types';

export interface AreaRef {
  code: string;
  name: string;
  level: string;
}
export interface SpmFigure {
  code: number;
  label: Msg;
  year: number;
  needing: number;
  served: number;
  percent: number | null;
  target: number;
}
export interface DashboardChild {
  code: string;
  name: string;
  level: string;
  villagesTotal: number;
  villagesWithPsm: number;
  psmActive: number;
  casesOpen: number;
  spmPercent: number | null;
}
export interface Dashboard {
  area: AreaRef;
  parent: AreaRef | null;
  period: { kind: 'year' | 'month'; value: string; timeZone: string };
  coverage: {
    villagesTotal: number;
    villagesWithPsm: number;
    psmActive: number;
    withSk: number;
    withKta: number;
    withTraining: number;
  };
  ppksByCategory: { code: number; name: string; persons: number }[];
  cases: {
    byStatus: { status: string; n: number }[];
    opened: number;
    validated: number;
    awaitingValidation: number;
    notRequired: number;
  };
  followUps: { open: number; overdue: number };
  referrals: { byStatus: { status: string; n: number }[] };
  services: { deliveries: number };
  timeToFirstService: { cases: number; medianDays: number | null };
  spm: SpmFigure[];
  children: DashboardChild[];
}
export interface SpmDetail {
  area: AreaRef;
  indicator: SpmFigure;
  children: { code: string; name: string; level: string; needing: number; served: number; percent: number | null }[];
  years: { year: number; needing: number; served: number; percent: number | null }[];
}
export const DASHBOARD_TABLES = ['children', 'ppks', 'cases', 'referrals', 'services', 'spm', 'activities', 'coverage'] as const;

/** GET /api/v1/dashboard/map: mean GPS of visits per area, and the configured tile server (null: none). */
export interface MapPoint {
  code: string;
  name: string;
  level: string;
  visits: number;
  withGps: number;
  lat: number | null;
  lng: number | null;
}
export interface MapData {
  area: AreaRef;
  points: MapPoint[];
  note: Msg;
  tiles: { url: string; attribution: string | null } | null;
}
