import { ianaZoneOf, SPM_INDICATORS, SUPPRESSION_THRESHOLD, suppressGroup, type Period } from '@pilar/domain';
import type { Actor } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { collect, periodFor, resolveArea } from '../dashboard/dashboard.service';
import { sliceOf } from '../dashboard/dashboard.slice';
import { coverage } from '../members/coverage.service';
import { figureDefs, figureMatrix, type FigureDef } from './public.figures';
import * as store from './public.store';

/**
 * Public transparency statistics (issue 7 §5): aggregates per area and period, no
 * personal data, small-cell suppression (UU PDP; DOMAIN.md §6 point 10). Figures are
 * read from the dashboard rollups. The public has no grants: the aggregate reads run
 * as a reader holding national report scope, and only counts leave this function.
 */
const AGGREGATE_READER: Actor = { kind: 'system', userId: null, username: 'publik (agregat)', grants: [{ role: 'kemensos', areaCode: 'ID' }] };

export const METHOD = {
  id:
    'Angka adalah agregat dari data yang dicatat di Pilar, dihitung dari tabel ringkasan yang diperbarui pada setiap perubahan data. ' +
    'Periode mengikuti zona waktu wilayah (WIB/WITA/WIT). PSM dan PPKS per kategori adalah keadaan saat ini; kasus dan layanan dihitung pada periode; ' +
    'indikator SPM (Permensos 9/2018) = orang yang terlayani ÷ orang yang membutuhkan layanan menurut asesmen × 100 %, per tahun. ' +
    `Perlindungan data (UU 27/2022): angka di bawah ${SUPPRESSION_THRESHOLD} disembunyikan (null, suppressed: true) untuk kategori data pribadi spesifik ` +
    '(anak, kesehatan, catatan pidana) dan untuk setiap angka tingkat desa/kelurahan; angka lain ikut disembunyikan bila perlu agar angka yang disembunyikan ' +
    'tidak dapat dihitung ulang dari total dikurangi angka lainnya. Tidak ada data orang per orang.',
  en:
    'Figures are aggregates of the data recorded in Pilar, read from summary tables updated with every change. ' +
    'Periods follow the area’s time zone (WIB/WITA/WIT). PSM and PPKS per category are current; cases and services are counted in the period; ' +
    'SPM indicators (Permensos 9/2018) = persons served ÷ persons needing the service per assessment × 100 %, per year. ' +
    `Data protection (Law 27/2022): counts below ${SUPPRESSION_THRESHOLD} are hidden (null, suppressed: true) for specific personal data categories ` +
    '(children, health, criminal record) and for every figure at village level; further figures are hidden where needed so that a hidden count cannot be ' +
    'recomputed as a total minus the others. No individual-level data is published.',
};

/** 'ID', then each enclosing area down to `code` itself. */
export function chainOf(code: string): string[] {
  if (code === 'ID') return ['ID'];
  const parts = code.split('.');
  return ['ID', ...parts.map((_, i) => parts.slice(0, i + 1).join('.'))];
}

async function groupOf(ctx: Ctx, area: string, period: Period) {
  const reader = { ...ctx, actor: AGGREGATE_READER };
  const c = await collect(ctx.db, sliceOf(area), period, ctx.clock.now());
  const cov = await coverage(reader, { area, page: 1, pageSize: 1 });
  const kids = await store.childAreas(ctx.db, area);
  return { matrix: figureMatrix(c, cov.children, period.year), kids };
}

type Flags = Record<string, boolean>;
type Values = Record<string, number>;

export async function publicStats(ctx: Ctx, q: { area: string; period?: string | undefined }) {
  const area = await resolveArea(ctx.db, q.area);
  const period = periodFor(ctx, q.area, q.period);
  const defs = figureDefs(await store.ppksNames(ctx.db));
  const chain = chainOf(q.area);
  let values: Values = {};
  let hidden: Flags = {};
  let childOut: { code: string; name: string; level: string; values: Values; hidden: Flags }[] = [];

  for (let i = 0; i < chain.length; i++) {
    const level = chain[i]!;
    const isTarget = i === chain.length - 1;
    if (level.split('.').length === 4) break; // a village has no children
    const g = await groupOf(ctx, level, period);
    if (level === 'ID') {
      values = g.matrix.self;
      hidden = Object.fromEntries(defs.map((d) => [d.key, d.sensitive && (values[d.key] ?? 0) < SUPPRESSION_THRESHOLD]));
    }
    const decisions = new Map<string, Set<string>>();
    for (const d of defs) {
      const cells = g.kids.map((k) => ({
        key: k.code,
        value: g.matrix.children.get(k.code)?.[d.key] ?? 0,
        sensitive: cellSensitive(d, k),
      }));
      const dec = suppressGroup(cells, { hidden: hidden[d.key] ?? false });
      if (dec.hideTotal) hidden[d.key] = true;
      decisions.set(d.key, dec.hidden);
    }
    if (isTarget) {
      childOut = g.kids.map((k) => ({
        code: k.code, name: k.name, level: k.level,
        values: g.matrix.children.get(k.code) ?? {},
        hidden: Object.fromEntries(defs.map((d) => [d.key, decisions.get(d.key)!.has(k.code)])),
      }));
      break;
    }
    const next = chain[i + 1]!;
    values = g.matrix.children.get(next) ?? {};
    hidden = Object.fromEntries(defs.map((d) => [d.key, decisions.get(d.key)!.has(next)]));
  }

  return {
    area: { code: area.code, name: area.name, level: area.level },
    period: { kind: period.kind, value: period.value, timeZone: periodTz(q.area) },
    threshold: SUPPRESSION_THRESHOLD,
    definitions: [
      ...defs.map((d) => ({ key: d.key, label: d.label, sensitive: d.sensitive })),
      ...SPM_INDICATORS.map((s) => ({ key: `spm.${s.code}.percent`, label: { id: `SPM ${s.code}: capaian (%)`, en: `SPM ${s.code}: achievement (%)` }, sensitive: s.sensitive })),
    ],
    figures: publish(defs, values, hidden),
    children: childOut.map((k) => ({ code: k.code, name: k.name, level: k.level, figures: publish(defs, k.values, k.hidden) })),
    method: METHOD,
    source: 'Pilar — data wilayah: Kepmendagri 300.2.2-2138/2025 (idn-area-data, ODbL 1.0)',
  };
}

function cellSensitive(d: FigureDef, k: { level: string; childCount: number }): boolean {
  // Every figure of a village is small-cell data; so is a district that is a single village.
  return d.sensitive || k.level === 'village' || (k.level === 'district' && k.childCount === 1);
}

const periodTz = (area: string) => ianaZoneOf(area === 'ID' ? '31' : area);

function publish(defs: FigureDef[], values: Values, hidden: Flags) {
  const out = defs.map((d) => (hidden[d.key] ? { key: d.key, value: null, suppressed: true } : { key: d.key, value: values[d.key] ?? 0, suppressed: false }));
  for (const s of SPM_INDICATORS) {
    const n = `spm.${s.code}.needing`;
    const v = `spm.${s.code}.served`;
    const shown = !hidden[n] && !hidden[v] && (values[n] ?? 0) > 0;
    const pct = shown ? Math.round(((values[v] ?? 0) / values[n]!) * 1000) / 10 : null;
    out.push({ key: `spm.${s.code}.percent`, value: pct, suppressed: hidden[n] === true || hidden[v] === true });
  }
  return out;
}
