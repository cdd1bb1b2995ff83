import { z } from 'zod';
import { PERIOD_PATTERN } from '../reports/periods';
import { PSM_DUTIES } from '../reports/duties';
import { AreaCodeSchema, MsgSchema } from './common';

export const AreaOrNational = z.union([z.literal('ID'), AreaCodeSchema]);
export const PeriodParam = z.string().regex(PERIOD_PATTERN, 'period YYYY or YYYY-MM');

export const DashboardQuerySchema = z
  .object({ area: AreaOrNational.default('ID'), period: PeriodParam.optional() })
  .strict();

const AreaRef = z.object({ code: z.string(), name: z.string(), level: z.string() });
const PeriodOut = z.object({ kind: z.enum(['year', 'month']), value: z.string(), from: z.string(), to: z.string(), timeZone: z.string() });

export const SpmFigureSchema = z.object({
  code: z.number().int(),
  label: MsgSchema,
  ppksCodes: z.array(z.number().int()),
  year: z.number().int(),
  needing: z.number().int(),
  served: z.number().int(),
  percent: z.number().nullable(),
  target: z.number(),
});

/** Figures per child area, for the drill-down table, charts and the map. */
export const DashboardChildSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  villagesTotal: z.number().int(),
  villagesWithPsm: z.number().int(),
  psmActive: z.number().int(),
  /** Persons per PPKS category, summed over the categories (a person in two counts twice). */
  ppksAssignments: z.number().int(),
  casesOpened: z.number().int(),
  casesOpen: z.number().int(),
  validated: z.number().int(),
  awaitingValidation: z.number().int(),
  overdueFollowUps: z.number().int(),
  referrals: z.number().int(),
  services: z.number().int(),
  medianDaysToFirstService: z.number().nullable(),
  spmNeeding: z.number().int(),
  spmServed: z.number().int(),
  spmPercent: z.number().nullable(),
  activities: z.number().int(),
});

export const DashboardSchema = z
  .object({
    area: AreaRef,
    parent: AreaRef.nullable(),
    period: PeriodOut,
    generatedAt: z.string(),
    coverage: z.object({
      villagesTotal: z.number().int(),
      villagesWithPsm: z.number().int(),
      psmActive: z.number().int(),
      withSk: z.number().int(),
      withKta: z.number().int(),
      withTraining: z.number().int(),
    }),
    ppksByCategory: z.array(z.object({ code: z.number().int(), name: z.string(), persons: z.number().int() })),
    cases: z.object({
      /** Opened in the period, by their current status. */
      byStatus: z.array(z.object({ status: z.string(), n: z.number().int() })),
      opened: z.number().int(),
      validated: z.number().int(),
      awaitingValidation: z.number().int(),
      notRequired: z.number().int(),
    }),
    followUps: z.object({ open: z.number().int(), overdue: z.number().int(), today: z.string() }),
    referrals: z.object({
      byStatus: z.array(z.object({ status: z.string(), n: z.number().int() })),
      byPartner: z.array(z.object({ partnerId: z.string(), name: z.string(), kind: z.string(), byStatus: z.record(z.string(), z.number().int()), total: z.number().int() })),
    }),
    services: z.object({
      deliveries: z.number().int(),
      byService: z.array(z.object({ code: z.string(), name: z.string(), unit: z.string(), n: z.number().int(), quantity: z.number() })),
    }),
    timeToFirstService: z.object({ cases: z.number().int(), medianDays: z.number().nullable() }),
    spm: z.array(SpmFigureSchema),
    activities: z.object({ total: z.number().int(), byDuty: z.array(z.object({ duty: z.enum(PSM_DUTIES), label: MsgSchema, n: z.number().int() })) }),
    children: z.array(DashboardChildSchema),
  })
  .meta({ id: 'Dashboard' });

export const SpmDetailQuerySchema = z
  .object({ area: AreaOrNational.default('ID'), year: z.coerce.number().int().min(2000).max(2100).optional(), spm: z.coerce.number().int().min(1).max(5) })
  .strict();
export const SpmDetailSchema = z.object({
  area: AreaRef,
  indicator: SpmFigureSchema,
  children: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), needing: z.number().int(), served: z.number().int(), percent: z.number().nullable() })),
  years: z.array(z.object({ year: z.number().int(), needing: z.number().int(), served: z.number().int(), percent: z.number().nullable() })),
});

export const MapSchema = z.object({
  area: AreaRef,
  period: PeriodOut,
  /** Mean position of the visits with a GPS fix, per child area (or per village at the lowest levels): never a single visit. */
  points: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), visits: z.number().int(), withGps: z.number().int(), lat: z.number().nullable(), lng: z.number().nullable() })),
  /** Area reference data has no coordinates (idn-area-data): centroids are not served. */
  centroids: z.null(),
  note: MsgSchema,
});

export const DASHBOARD_TABLES = ['children', 'ppks', 'cases', 'referrals', 'services', 'spm', 'activities', 'coverage'] as const;
export const DashboardExportSchema = z
  .object({
    table: z.enum(DASHBOARD_TABLES),
    format: z.enum(['pdf', 'xlsx']),
    area: AreaOrNational.default('ID'),
    period: PeriodParam.optional(),
    purpose: z.string().trim().min(5).max(500),
  })
  .strict();

export type DashboardExport = z.infer<typeof DashboardExportSchema>;
