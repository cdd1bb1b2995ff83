import { matchFieldDisaster } from '../disasters/fieldPaths';

/** Paths of the PSM's phone screens, all under /lapangan (ids only in URLs, never names or NIK). */
export const fieldPaths = {
  home: '/lapangan',
  personNew: '/lapangan/warga/baru',
  person: (id: string) => `/lapangan/warga/${id}`,
  personEdit: (id: string) => `/lapangan/warga/${id}/ubah`,
  visitNew: (id: string) => `/lapangan/warga/${id}/kunjungan`,
  conflicts: '/lapangan/konflik',
  // cases and assessments offline (issue 6)
  caseNew: (personId: string) => `/lapangan/warga/${personId}/kasus-baru`,
  assessmentNew: (caseId: string) => `/lapangan/kasus/${caseId}/asesmen`,
  // distributions: offline check-in (issue 8)
  distributions: '/lapangan/penyaluran',
  distribution: (id: string) => `/lapangan/penyaluran/${id}`,
  // activity log offline (issue 7)
  activities: '/lapangan/kegiatan',
  activityEdit: (id: string) => `/lapangan/kegiatan/${id}/ubah`,
};

export type FieldScreen =
  | { name: 'home' }
  | { name: 'personNew' }
  | { name: 'person'; id: string }
  | { name: 'personEdit'; id: string }
  | { name: 'visitNew'; id: string }
  | { name: 'conflicts' }
  | { name: 'caseNew'; id: string }
  | { name: 'assessmentNew'; id: string }
  | { name: 'distributions' }
  | { name: 'distribution'; id: string }
  // disasters: incidents and offline victim registration (issue 9)
  | { name: 'incident'; id: string }
  | { name: 'victimNew'; id: string }
  // activity log offline (issue 7)
  | { name: 'activities' }
  | { name: 'activityEdit'; id: string }
  | { name: 'notFound' };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export function matchFieldScreen(path: string): FieldScreen {
  const p = path.replace(/\/+$/, '');
  if (p === '/lapangan') return { name: 'home' };
  if (p === '/lapangan/warga/baru') return { name: 'personNew' };
  if (p === '/lapangan/konflik') return { name: 'conflicts' };
  // distributions (issue 8)
  if (p === '/lapangan/penyaluran') return { name: 'distributions' };
  const d = new RegExp(`^/lapangan/penyaluran/(${UUID})$`, 'i').exec(p);
  if (d?.[1]) return { name: 'distribution', id: d[1].toLowerCase() };
  // activity log offline (issue 7)
  if (p === '/lapangan/kegiatan') return { name: 'activities' };
  const act = new RegExp(`^/lapangan/kegiatan/(${UUID})/ubah$`, 'i').exec(p);
  if (act?.[1]) return { name: 'activityEdit', id: act[1].toLowerCase() };
  // disasters (issue 9): /lapangan/bencana/:id[/korban]
  const disaster = matchFieldDisaster(p);
  if (disaster) return disaster;
  // cases and assessments offline (issue 6)
  const c = new RegExp(`^/lapangan/warga/(${UUID})/kasus-baru$`, 'i').exec(p);
  if (c?.[1]) return { name: 'caseNew', id: c[1].toLowerCase() };
  const a = new RegExp(`^/lapangan/kasus/(${UUID})/asesmen$`, 'i').exec(p);
  if (a?.[1]) return { name: 'assessmentNew', id: a[1].toLowerCase() };
  const m = new RegExp(`^/lapangan/warga/(${UUID})(/ubah|/kunjungan)?$`, 'i').exec(p);
  if (m?.[1]) {
    const id = m[1].toLowerCase();
    return m[2] === '/ubah' ? { name: 'personEdit', id } : m[2] === '/kunjungan' ? { name: 'visitNew', id } : { name: 'person', id };
  }
  return { name: 'notFound' };
}
