/** The disaster screens of the field app, under /lapangan/bencana (ids only in URLs). */
export const fieldIncidentPath = (id: string) => `/lapangan/bencana/${id}`;
export const fieldVictimNewPath = (id: string) => `/lapangan/bencana/${id}/korban`;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** `/lapangan/bencana/:id[/korban]` as a field screen (used by the field app's router). */
export function matchFieldDisaster(path: string): { name: 'incident'; id: string } | { name: 'victimNew'; id: string } | null {
  const m = new RegExp(`^/lapangan/bencana/(${UUID})(/korban)?$`, 'i').exec(path);
  if (!m?.[1]) return null;
  const id = m[1].toLowerCase();
  return m[2] ? { name: 'victimNew', id } : { name: 'incident', id };
}
