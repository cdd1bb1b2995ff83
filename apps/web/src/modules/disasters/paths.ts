/** Paths of the disaster screens (ids only, never names or NIK). */
export const INCIDENT_TABS = ['ringkasan', 'asesmen', 'korban', 'logistik', 'relawan', 'sitrep'] as const;
export type IncidentTab = (typeof INCIDENT_TABS)[number];

export const incidentsPath = '/bencana';
export const incidentNewPath = '/bencana/baru';
export const incidentPath = (id: string, tab: IncidentTab = 'ringkasan') =>
  tab === 'ringkasan' ? `/bencana/${id}` : `/bencana/${id}/${tab}`;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** `/bencana…` paths as routes (used by router.ts). */
export function matchDisasterPath(
  path: string,
): { name: 'incidents' } | { name: 'incidentNew' } | { name: 'incident'; id: string; tab: IncidentTab } | null {
  if (path === incidentsPath) return { name: 'incidents' };
  if (path === incidentNewPath) return { name: 'incidentNew' };
  const m = new RegExp(`^/bencana/(${UUID})(?:/(${INCIDENT_TABS.join('|')}))?$`, 'i').exec(path);
  if (!m?.[1]) return null;
  return { name: 'incident', id: m[1].toLowerCase(), tab: (m[2] as IncidentTab | undefined) ?? 'ringkasan' };
}
