import { SENSITIVE_PPKS, SPM_INDICATORS, type Msg } from '@pilar/domain';
import type { Collected } from '../dashboard/dashboard.service';

/** The figures the public transparency page shows, and which are specific personal data. */
export interface FigureDef {
  key: string;
  label: Msg;
  sensitive: boolean;
}

export function figureDefs(ppksNames: Map<number, { id: string; en: string }>): FigureDef[] {
  return [
    { key: 'psm.active', label: { id: 'PSM aktif', en: 'Active PSM' }, sensitive: false },
    { key: 'psm.villages', label: { id: 'Desa/kelurahan dengan PSM aktif', en: 'Villages with an active PSM' }, sensitive: false },
    { key: 'cases.opened', label: { id: 'Kasus PPKS didata pada periode', en: 'PPKS cases registered in the period' }, sensitive: false },
    { key: 'services.delivered', label: { id: 'Layanan diberikan pada periode', en: 'Services delivered in the period' }, sensitive: false },
    ...[...ppksNames].map(([code, name]) => ({ key: `ppks.${code}`, label: { id: `PPKS: ${name.id}`, en: `PPKS: ${name.en}` }, sensitive: SENSITIVE_PPKS.includes(code) })),
    ...SPM_INDICATORS.flatMap((s) => [
      { key: `spm.${s.code}.needing`, label: { id: `SPM ${s.code}: membutuhkan layanan`, en: `SPM ${s.code}: needing the service` }, sensitive: s.sensitive },
      { key: `spm.${s.code}.served`, label: { id: `SPM ${s.code}: terlayani`, en: `SPM ${s.code}: served` }, sensitive: s.sensitive },
    ]),
  ];
}

type Matrix = Map<string, Record<string, number>>;

/** Figures per child code (and 'self', the sum) from one area's rollup reads. */
export function figureMatrix(c: Collected, coverage: { code: string; villagesWithActive: number; activeMembers: number }[], year: number): { self: Record<string, number>; children: Matrix } {
  const children: Matrix = new Map();
  const self: Record<string, number> = {};
  const add = (child: string, key: string, n: number) => {
    const row = children.get(child) ?? {};
    row[key] = (row[key] ?? 0) + n;
    children.set(child, row);
    self[key] = (self[key] ?? 0) + n;
  };
  for (const k of coverage) {
    add(k.code, 'psm.active', k.activeMembers);
    add(k.code, 'psm.villages', k.villagesWithActive);
  }
  for (const r of c.cases) add(r.child, 'cases.opened', r.n);
  for (const r of c.services) add(r.child, 'services.delivered', r.n);
  for (const r of c.ppks) add(r.child, `ppks.${r.code}`, r.n);
  for (const r of c.spm) {
    if (r.year !== year) continue;
    add(r.child, `spm.${r.spm}.needing`, r.needing);
    add(r.child, `spm.${r.spm}.served`, r.served);
  }
  return { self, children };
}
