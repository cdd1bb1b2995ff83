import type { Ctx } from '../../platform/access/unit-of-work';
import type { ExportDocument } from './export.document';
import { renderPdf } from './export.pdf';
import { renderXlsx } from './export.xlsx';
import { logoFor, resolveLetterhead } from './letterhead.service';
import { loadReport, present } from './monthly.service';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const SOURCE: Record<string, string> = { manual: 'dicatat PSM', registration: 'pendataan', assessment: 'asesmen', visit: 'kunjungan', referral: 'rujukan', service: 'layanan' };

/** The monthly report as PDF or XLSX, for its PSM or those who may read it; the purpose is audited. */
export async function exportReport(ctx: Ctx, id: string, body: { format: 'pdf' | 'xlsx'; purpose: string }) {
  const r = await present(ctx, await loadReport(ctx, id));
  const letterhead = await resolveLetterhead(ctx.db, r.villageCode);
  const [y, m] = r.month.split('-').map(Number) as [number, number];
  const disputed = new Map(r.disputes.map((d) => [d.activityId, d]));
  const doc: ExportDocument = {
    title: 'LAPORAN BULANAN PEKERJA SOSIAL MASYARAKAT',
    subtitle: [`${r.psmLabel} · ${r.villageName} (${r.villageCode})`, `Bulan ${MONTHS[m - 1]} ${y} · status: ${r.status}`, ...(r.feedback ? [`Catatan peninjau: ${r.feedback}`] : [])],
    purpose: body.purpose,
    letterhead,
    logo: await logoFor(ctx, letterhead),
    areaCode: r.villageCode,
    generatedAt: ctx.clock.now(),
    generatedBy: ctx.actor.username,
    tables: [
      {
        heading: 'Rekap menurut tugas',
        columns: [{ key: 'label', label: 'Tugas PSM (Permensos 10/2019)' }, { key: 'total', label: 'Kegiatan', numeric: true }, { key: 'counted', label: 'Diakui', numeric: true }],
        rows: [...r.figures.byDuty.map((d) => ({ label: d.label.id, total: d.total, counted: d.counted })), { label: 'Jumlah', total: r.figures.total, counted: r.figures.counted }],
      },
      {
        heading: 'Daftar kegiatan',
        columns: [
          { key: 'date', label: 'Tanggal' }, { key: 'duty', label: 'Tugas' }, { key: 'title', label: 'Kegiatan' }, { key: 'source', label: 'Sumber' },
          { key: 'counted', label: 'Diakui' }, { key: 'note', label: 'Catatan / keberatan' },
        ],
        rows: r.entries.map((e) => {
          const d = disputed.get(e.activityId);
          return {
            date: e.occurredOn, duty: e.duty, title: e.title, source: SOURCE[e.source] ?? e.source, counted: e.counted ? 'ya' : 'tidak',
            note: [e.reviewNote, d ? `Keberatan: ${d.comment}${d.answer ? ` — Jawaban: ${d.answer}` : ' — belum dijawab'}` : null].filter(Boolean).join(' · ') || null,
          };
        }),
      },
    ],
  };
  const bytes = body.format === 'pdf' ? await renderPdf(doc) : await renderXlsx(doc);
  ctx.audit.record({ action: 'report.exported', entityType: 'monthly_report', entityId: id, regencyCode: r.villageCode.slice(0, 5), purpose: body.purpose, details: { format: body.format, month: r.month, bytes: bytes.length } });
  return { bytes, contentType: body.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `laporan-psm-${r.month}.${body.format}` };
}
