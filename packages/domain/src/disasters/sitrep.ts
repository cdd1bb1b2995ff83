/**
 * The situation report (sitrep) as plain text, ready to paste into a messaging group.
 * It is built only from aggregate figures: the type below has no field for a name,
 * NIK, phone number or address, so none can reach the text (UU PDP checklist 10).
 */
import { INCIDENT_KIND_LABELS, INCIDENT_STATUS_LABELS, hazardLabel, type IncidentKind, type IncidentStatus } from './incidents';
import { NEED_KINDS, NEED_LABELS, type NeedKind, type NeedLevel } from './needs';
import { formatQuantity } from './stock';

export interface AssessmentTotals {
  affected: number;
  displaced: number;
  injured: number;
  dead: number;
  missing: number;
  housesRingan: number;
  housesSedang: number;
  housesBerat: number;
  elderly: number;
  children: number;
  disabled: number;
  pregnant: number;
}

export interface SitrepVillage extends AssessmentTotals {
  villageCode: string;
  villageName: string;
  districtName: string;
  regencyName: string;
  assessedAt: string | null;
  victims: number;
  victimsMet: number;
}

export interface SitrepAid {
  itemName: string;
  unit: string;
  needKind: string;
  received: number;
  issued: number;
  balance: number;
  low: boolean;
}

export interface SitrepFigures {
  number: number;
  /** Local date-time of the report, e.g. "2026-03-02 15:00 WIB". */
  generatedAt: string;
  incident: { title: string; kind: IncidentKind; hazard: string | null; startedAt: string; status: IncidentStatus; leadOfficeName: string };
  totals: AssessmentTotals;
  villages: SitrepVillage[];
  /** Per need kind: villages whose latest assessment rates it sedang/tinggi. */
  needs: { kind: NeedKind; high: number; medium: number }[];
  victims: { registered: number; displaced: number; vulnerable: number; met: number; spmPercent: number | null };
  aid: SitrepAid[];
  volunteers: { total: number; onDuty: number };
  gaps: { kind: NeedKind; reason: 'no_aid' | 'out_of_stock' | 'low_stock' }[];
}

const n = (v: number) => formatQuantity(v);

/** Gaps: a need rated sedang/tinggi somewhere with no aid of its kind issued, or whose stock ran out or is low. */
export function sitrepGaps(needs: SitrepFigures['needs'], aid: SitrepAid[]): SitrepFigures['gaps'] {
  const gaps: SitrepFigures['gaps'] = [];
  for (const need of needs) {
    if (need.high + need.medium === 0) continue;
    const items = aid.filter((a) => a.needKind === need.kind);
    if (items.length === 0 || items.every((a) => a.issued === 0 && a.balance === 0)) gaps.push({ kind: need.kind, reason: 'no_aid' });
    else if (items.every((a) => a.balance === 0)) gaps.push({ kind: need.kind, reason: 'out_of_stock' });
    else if (items.some((a) => a.low)) gaps.push({ kind: need.kind, reason: 'low_stock' });
  }
  return gaps;
}

const GAP_TEXT: Record<SitrepFigures['gaps'][number]['reason'], string> = {
  no_aid: 'belum ada bantuan',
  out_of_stock: 'stok habis',
  low_stock: 'stok menipis',
};

export const NEED_LEVEL_RANK: Readonly<Record<NeedLevel, number>> = { tidak: 0, rendah: 1, sedang: 2, tinggi: 3 };

/** The sitrep text (Bahasa Indonesia, WhatsApp-style *bold*). */
export function buildSitrepText(f: SitrepFigures): string {
  const t = f.totals;
  const i = f.incident;
  const lines: string[] = [];
  lines.push(`*LAPORAN SITUASI (SITREP) #${f.number}*`);
  lines.push(`*${i.title}*`);
  lines.push(`${INCIDENT_KIND_LABELS[i.kind].id}${i.hazard ? ` – ${hazardLabel(i.hazard)}` : ''} | Status: ${INCIDENT_STATUS_LABELS[i.status].id}`);
  lines.push(`Mulai: ${i.startedAt} | Per: ${f.generatedAt}`);
  lines.push(`Koordinator: ${i.leadOfficeName}`);
  lines.push('');
  const regencies = [...new Set(f.villages.map((v) => v.regencyName))];
  lines.push(`*Wilayah terdampak:* ${f.villages.length} desa/kelurahan di ${regencies.length} kabupaten/kota (${regencies.join(', ')})`);
  lines.push('');
  lines.push('*Dampak (asesmen terakhir per desa):*');
  lines.push(`- Terdampak: ${n(t.affected)} jiwa`);
  lines.push(`- Mengungsi: ${n(t.displaced)} jiwa`);
  lines.push(`- Luka-luka: ${n(t.injured)} | Meninggal: ${n(t.dead)} | Hilang: ${n(t.missing)}`);
  lines.push(`- Rumah rusak: ringan ${n(t.housesRingan)}, sedang ${n(t.housesSedang)}, berat ${n(t.housesBerat)}`);
  lines.push(`- Kelompok rentan: lansia ${n(t.elderly)}, anak ${n(t.children)}, disabilitas ${n(t.disabled)}, ibu hamil ${n(t.pregnant)}`);
  lines.push('');
  lines.push('*Per desa/kelurahan:*');
  for (const v of f.villages) {
    lines.push(`- ${v.villageName} (Kec. ${v.districtName}, ${v.regencyName}): terdampak ${n(v.affected)}, mengungsi ${n(v.displaced)}, korban terdata ${n(v.victims)}`);
  }
  lines.push('');
  lines.push('*Korban terdata (PPKS):*');
  lines.push(`- Terdata: ${n(f.victims.registered)} jiwa, mengungsi ${n(f.victims.displaced)}, rentan ${n(f.victims.vulnerable)}`);
  lines.push(
    `- Kebutuhan dasar terpenuhi: ${n(f.victims.met)} dari ${n(f.victims.registered)}${f.victims.spmPercent === null ? '' : ` (${String(f.victims.spmPercent).replace('.', ',')}%)`} – indikator SPM 5`,
  );
  lines.push('');
  lines.push('*Kebutuhan mendesak:*');
  const pressing = NEED_KINDS.map((k) => f.needs.find((x) => x.kind === k)).filter((x): x is SitrepFigures['needs'][number] => !!x && x.high + x.medium > 0);
  if (pressing.length === 0) lines.push('- Belum ada kebutuhan tingkat sedang/tinggi yang dilaporkan');
  for (const x of pressing) lines.push(`- ${NEED_LABELS[x.kind].id}: tinggi di ${x.high} desa, sedang di ${x.medium} desa`);
  lines.push('');
  lines.push('*Bantuan (diterima / disalurkan / sisa):*');
  if (f.aid.length === 0) lines.push('- Belum ada bantuan tercatat');
  for (const a of f.aid) {
    lines.push(`- ${a.itemName}: ${n(a.received)} / ${n(a.issued)} / ${n(a.balance)} ${a.unit}${a.low ? ' ⚠ stok menipis' : ''}`);
  }
  lines.push('');
  lines.push('*Kesenjangan:*');
  if (f.gaps.length === 0) lines.push('- Tidak ada kesenjangan tercatat');
  for (const g of f.gaps) lines.push(`- ${NEED_LABELS[g.kind].id}: ${GAP_TEXT[g.reason]}`);
  lines.push('');
  lines.push(`*Relawan:* ${n(f.volunteers.total)} terdaftar, ${n(f.volunteers.onDuty)} sedang bertugas`);
  lines.push('');
  lines.push('_Data agregat tanpa data pribadi. Sumber: Pilar._');
  return lines.join('\n');
}
