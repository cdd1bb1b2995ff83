/** Paths of the PSM's phone screens, all under /lapangan (ids only in URLs, never names or NIK). */
export const fieldPaths = {
  home: '/lapangan',
  personNew: '/lapangan/warga/baru',
  person: (id: string) => `/lapangan/warga/${id}`,
  personEdit: (id: string) => `/lapangan/warga/${id}/ubah`,
  visitNew: (id: string) => `/lapangan/warga/${id}/kunjungan`,
  conflicts: '/lapangan/konflik',
};

export type FieldScreen =
  | { name: 'home' }
  | { name: 'personNew' }
  | { name: 'person'; id: string }
  | { name: 'personEdit'; id: string }
  | { name: 'visitNew'; id: string }
  | { name: 'conflicts' }
  | { name: 'notFound' };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export function matchFieldScreen(path: string): FieldScreen {
  const p = path.replace(/\/+$/, '');
  if (p === '/lapangan') return { name: 'home' };
  if (p === '/lapangan/warga/baru') return { name: 'personNew' };
  if (p === '/lapangan/konflik') return { name: 'conflicts' };
  const m = new RegExp(`^/lapangan/warga/(${UUID})(/ubah|/kunjungan)?$`, 'i').exec(p);
  if (m?.[1]) {
    const id = m[1].toLowerCase();
    return m[2] === '/ubah' ? { name: 'personEdit', id } : m[2] === '/kunjungan' ? { name: 'visitNew', id } : { name: 'person', id };
  }
  return { name: 'notFound' };
}
