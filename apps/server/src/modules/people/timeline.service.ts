import { CASE_STATUS_LABELS, findPpks, type CaseStatus, type Msg } from '@pilar/domain';
import type { Ctx } from '../../platform/access/unit-of-work';
import { loadInScope } from './people.service';
import * as store from './timeline.store';

const ppks = (d: Record<string, unknown>) => findPpks(Number(d.ppksCode))?.name ?? `PPKS ${String(d.ppksCode)}`;
const status = (s: unknown) => CASE_STATUS_LABELS[s as CaseStatus] ?? { id: String(s), en: String(s) };
const num = (d: Record<string, unknown>) => (d.caseNumber ? ` ${String(d.caseNumber)}` : '');

const SUMMARY: Record<string, (d: Record<string, unknown>) => Msg> = {
  'person.registered': () => ({ id: 'Didata (pendataan)', en: 'Registered' }),
  'ppks.assigned': (d) => ({ id: `Kategori PPKS: ${ppks(d)}`, en: `PPKS category: ${ppks(d)}` }),
  'ppks.ended': (d) => ({ id: `Kategori PPKS diakhiri: ${ppks(d)}`, en: `PPKS category ended: ${ppks(d)}` }),
  'consent.recorded': (d) => ({ id: `Dasar pemrosesan dicatat (${String(d.basis)})`, en: `Legal basis recorded (${String(d.basis)})` }),
  'consent.withdrawn': () => ({ id: 'Persetujuan ditarik', en: 'Consent withdrawn' }),
  'case.opened': (d) => ({ id: `Kasus${num(d)} dibuka: ${ppks(d)}`, en: `Case${num(d)} opened: ${ppks(d)}` }),
  'case.recategorised': (d) => ({ id: `Kasus${num(d)}: kategori diubah`, en: `Case${num(d)}: category changed` }),
  'assessment.recorded': (d) => ({ id: `Asesmen${num(d)} (${String(d.formCode)} v${String(d.formVersion)})`, en: `Assessment${num(d)} (${String(d.formCode)} v${String(d.formVersion)})` }),
  'service.delivered': (d) => ({ id: `Layanan diberikan: ${String(d.serviceCode)} ${String(d.quantity)} ${String(d.unit)}`, en: `Service delivered: ${String(d.serviceCode)} ${String(d.quantity)} ${String(d.unit)}` }),
  'referral.sent': (d) => ({ id: `Dirujuk ke ${String(d.partnerName ?? 'mitra')}`, en: `Referred to ${String(d.partnerName ?? 'a partner')}` }),
  'referral.accepted': () => ({ id: 'Rujukan diterima mitra', en: 'Referral accepted by the partner' }),
  'referral.rejected': () => ({ id: 'Rujukan ditolak mitra', en: 'Referral rejected by the partner' }),
  'referral.completed': () => ({ id: 'Rujukan selesai', en: 'Referral completed' }),
  'referral.cancelled': () => ({ id: 'Rujukan dibatalkan', en: 'Referral cancelled' }),
  'follow_up.scheduled': (d) => ({ id: `Tindak lanjut dijadwalkan (${String(d.dueOn)})`, en: `Follow-up scheduled (${String(d.dueOn)})` }),
  'follow_up.done': () => ({ id: 'Tindak lanjut selesai', en: 'Follow-up done' }),
  'visit.kunjungan': () => ({ id: 'Kunjungan rumah', en: 'Home visit' }),
  'visit.catatan': () => ({ id: 'Catatan', en: 'Note' }),
  'transfer.requested': (d) => ({ id: `Permintaan pindah ke ${String(d.to)}`, en: `Transfer to ${String(d.to)} requested` }),
  'transfer.accepted': (d) => ({ id: `Pindah ke ${String(d.to)} diterima`, en: `Transfer to ${String(d.to)} accepted` }),
  'transfer.rejected': () => ({ id: 'Permintaan pindah ditolak', en: 'Transfer rejected' }),
  'transfer.cancelled': () => ({ id: 'Permintaan pindah dibatalkan', en: 'Transfer cancelled' }),
  'person.merged': () => ({ id: 'Data digabungkan (duplikat)', en: 'Records merged (duplicate)' }),
  'person.unmerged': () => ({ id: 'Penggabungan dibatalkan', en: 'Merge undone' }),
};

function summarise(kind: string, d: Record<string, unknown>): Msg {
  const f = SUMMARY[kind];
  if (f) return f(d);
  if (kind.startsWith('case.') || kind.startsWith('verification.')) {
    const to = status(d.to);
    const label = kind.startsWith('verification.') ? { id: `verifikasi: ${String(d.to)}`, en: `verification: ${String(d.to)}` } : to;
    return { id: `Kasus${num(d)} → ${label.id}`, en: `Case${num(d)} → ${label.en}` };
  }
  return { id: kind, en: kind };
}

/** The person page's timeline: everything that happened, in order (issue 5 §10). */
export async function personTimeline(ctx: Ctx, personId: string) {
  const p = await loadInScope(ctx, personId, 'person.read');
  const rows = await store.timeline(ctx.db, { regencyCode: p.regencyCode, personId }, 1000);
  ctx.audit.record({ action: 'person.timeline_read', entityType: 'person', entityId: personId, personId, regencyCode: p.regencyCode });
  return { personId, items: rows.map((r) => ({ ...r, summary: summarise(r.kind, r.details) })) };
}
