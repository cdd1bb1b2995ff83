// Shapes of the monthly report and activity answers, narrowed to what these screens read
// (source: packages/domain/src/contracts/{reports,activities}.ts).
import type { Msg } from '../cases/cases.types';

export const PSM_DUTIES = ['a', 'b', 'c', 'd', 'e', 'f', 'program'] as const;
export type PsmDuty = (typeof PSM_DUTIES)[number];
export const REPORT_STATUSES = ['draft', 'submitted', 'reviewed', 'final'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface ReportEntry {
  activityId: string;
  duty: PsmDuty;
  source: string;
  title: string;
  occurredOn: string;
  counted: boolean;
  reviewNote: string | null;
}
export interface Dispute {
  id: string;
  activityId: string;
  comment: string;
  raisedAt: string;
  answer: string | null;
  outcome: 'accepted' | 'rejected' | null;
  answeredAt: string | null;
}
export interface MonthlyReport {
  id: string;
  psmLabel: string;
  villageCode: string;
  villageName: string;
  month: string;
  status: ReportStatus;
  summary: string | null;
  submittedAt: string | null;
  reviewerLabel: string | null;
  reviewedAt: string | null;
  feedback: string | null;
  finalisedAt: string | null;
  version: number;
  figures: { total: number; counted: number; byDuty: { duty: PsmDuty; label: Msg; total: number; counted: number }[] };
  entries: ReportEntry[];
  disputes: Dispute[];
  openDisputes: number;
  actions: string[];
}
export interface MonthlyReportItem {
  id: string;
  psmLabel: string;
  villageCode: string;
  villageName: string;
  month: string;
  status: ReportStatus;
  openDisputes: number;
  version: number;
}
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
export interface Activity {
  id: string;
  duty: PsmDuty;
  title: string;
  occurredOn: string;
  source: string;
  photoFileId: string | null;
  lat: number | null;
  version: number;
  actions: string[];
}
