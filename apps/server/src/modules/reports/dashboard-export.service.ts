import type { DashboardExport } from '@pilar/domain/contracts';
import { requireAccess } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { dashboard, type Dashboard } from '../dashboard/dashboard.service';
import type { ExportDocument, ExportTable } from './export.document';
import { renderPdf } from './export.pdf';
import { renderXlsx } from './export.xlsx';
import { logoFor, resolveLetterhead } from './letterhead.service';

/**
 * Exports of the dashboard's tables (issue 7 §4) as XLSX or PDF with the office's
 * letterhead, date and signature block. Each states its purpose, which is audited
 * with it (`report.exported`, UU PDP: a declared purpose on every export). The tables
 * are aggregates, small enough to render inside the request.
 */
const N = (key: string, label: string) => ({ key, label, numeric: true });
const T = (key: string, label: string) => ({ key, label });

const TITLES: Record<DashboardExport['table'], string> = {
  children: 'Rekap per wilayah',
  ppks: 'PPKS per kategori',
  cases: 'Kasus menurut status dan verifikasi',
  referrals: 'Rujukan menurut mitra dan status',
  services: 'Layanan yang diberikan',
  spm: 'Capaian Standar Pelayanan Minimal (SPM) bidang sosial',
  activities: 'Kegiatan PSM menurut tugas (Permensos 10/2019)',
  coverage: 'Cakupan PSM',
};

export function tableOf(d: Dashboard, table: DashboardExport['table']): ExportTable {
  switch (table) {
    case 'children':
      return {
        heading: TITLES.children,
        columns: [T('code', 'Kode'), T('name', 'Wilayah'), N('villagesTotal', 'Desa/kel.'), N('villagesWithPsm', 'Desa ber-PSM'), N('psmActive', 'PSM aktif'),
          N('ppksAssignments', 'PPKS (kategori)'), N('casesOpened', 'Kasus didata'), N('casesOpen', 'Kasus berjalan'), N('validated', 'Tervalidasi'),
          N('awaitingValidation', 'Menunggu validasi'), N('overdueFollowUps', 'Tindak lanjut terlambat'), N('referrals', 'Rujukan'), N('services', 'Layanan'),
          N('medianDaysToFirstService', 'Median hari ke layanan pertama'), N('spmNeeding', 'SPM: butuh'), N('spmServed', 'SPM: terlayani'), N('spmPercent', 'SPM %'), N('activities', 'Kegiatan PSM')],
        rows: d.children.map((c) => ({ ...c })),
      };
    case 'ppks':
      return { heading: TITLES.ppks, columns: [N('code', 'No.'), T('name', 'Kategori PPKS'), N('persons', 'Jumlah orang')], rows: d.ppksByCategory.map((p) => ({ ...p })) };
    case 'cases':
      return {
        heading: TITLES.cases,
        columns: [T('item', 'Uraian'), N('n', 'Jumlah')],
        rows: [
          ...d.cases.byStatus.map((s) => ({ item: `Status: ${s.status}`, n: s.n })),
          { item: 'Tervalidasi', n: d.cases.validated },
          { item: 'Menunggu validasi', n: d.cases.awaitingValidation },
          { item: 'Tanpa verifikasi', n: d.cases.notRequired },
          { item: 'Tindak lanjut terbuka', n: d.followUps.open },
          { item: 'Tindak lanjut terlambat', n: d.followUps.overdue },
          { item: 'Median hari pendataan → layanan pertama', n: d.timeToFirstService.medianDays },
        ],
      };
    case 'referrals':
      return {
        heading: TITLES.referrals,
        columns: [T('name', 'Mitra'), T('kind', 'Jenis'), N('sent', 'Dikirim'), N('accepted', 'Diterima'), N('rejected', 'Ditolak'), N('completed', 'Selesai'), N('cancelled', 'Dibatalkan'), N('total', 'Jumlah')],
        rows: d.referrals.byPartner.map((p) => ({ name: p.name, kind: p.kind, ...p.byStatus, total: p.total })),
      };
    case 'services':
      return { heading: TITLES.services, columns: [T('code', 'Kode'), T('name', 'Layanan'), T('unit', 'Satuan'), N('n', 'Kali'), N('quantity', 'Jumlah')], rows: d.services.byService.map((s) => ({ ...s })) };
    case 'spm':
      return {
        heading: TITLES.spm,
        columns: [N('code', 'No.'), T('label', 'Layanan dasar'), N('year', 'Tahun'), N('needing', 'Membutuhkan (asesmen)'), N('served', 'Terlayani'), N('percent', 'Capaian %'), N('target', 'Target %')],
        rows: d.spm.map((s) => ({ code: s.code, label: s.label.id, year: s.year, needing: s.needing, served: s.served, percent: s.percent, target: s.target })),
      };
    case 'activities':
      return { heading: TITLES.activities, columns: [T('label', 'Tugas PSM'), N('n', 'Kegiatan')], rows: d.activities.byDuty.map((a) => ({ label: a.label.id, n: a.n })) };
    case 'coverage':
      return {
        heading: TITLES.coverage,
        columns: [T('item', 'Uraian'), N('n', 'Jumlah')],
        rows: [
          { item: 'Desa/kelurahan', n: d.coverage.villagesTotal },
          { item: 'Desa/kelurahan dengan PSM aktif', n: d.coverage.villagesWithPsm },
          { item: 'PSM aktif', n: d.coverage.psmActive },
          { item: 'PSM dengan SK', n: d.coverage.withSk },
          { item: 'PSM dengan KTA', n: d.coverage.withKta },
          { item: 'PSM terlatih', n: d.coverage.withTraining },
        ],
      };
  }
}

export async function exportDashboardTable(ctx: Ctx, body: DashboardExport): Promise<{ bytes: Buffer; contentType: string; filename: string }> {
  requireAccess(ctx.actor, 'report.export', { areaCode: body.area });
  const d = await dashboard(ctx, { area: body.area, period: body.period });
  const letterhead = await resolveLetterhead(ctx.db, body.area);
  const doc: ExportDocument = {
    title: TITLES[body.table].toUpperCase(),
    subtitle: [`${d.area.name} (${d.area.code}) · periode ${d.period.value} (${d.period.timeZone})`],
    purpose: body.purpose,
    letterhead,
    logo: await logoFor(ctx, letterhead),
    areaCode: body.area,
    generatedAt: ctx.clock.now(),
    generatedBy: ctx.actor.username,
    tables: [tableOf(d, body.table)],
    landscape: body.table === 'children',
  };
  const bytes = body.format === 'pdf' ? await renderPdf(doc) : await renderXlsx(doc);
  ctx.audit.record({
    action: 'report.exported',
    entityType: 'dashboard',
    entityId: `${body.table}:${body.area}`,
    regencyCode: body.area.length >= 5 ? body.area.slice(0, 5) : null,
    purpose: body.purpose,
    details: { table: body.table, format: body.format, area: body.area, period: d.period.value, bytes: bytes.length },
  });
  const filename = `pilar-${body.table}-${body.area.replace(/\./g, '')}-${d.period.value}.${body.format}`;
  return { bytes, contentType: body.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename };
}
