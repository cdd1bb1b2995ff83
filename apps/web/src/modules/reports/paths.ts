/** Paths of the monthly report screens; report ids are UUIDs (no names in URLs). */
export const monthlyReportsPath = '/laporan-bulanan';
export const monthlyReportPath = (id: string) => `/laporan-bulanan/${id}`;
export const activityNewPath = '/kegiatan/baru';

/** The month before `today` (YYYY-MM): a PSM usually reports the month just ended. */
export function previousMonth(today: Date = new Date()): string {
  const d = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
