import type { FieldDb, LocalRecord } from '../../offline/db';

/**
 * What the phone keeps of incidents and victims (synced types `disaster_incident` and
 * `disaster_victim`, see apps/server/src/modules/disasters/{incidents,victims}.sync.ts).
 */
export interface LocalIncident {
  id: string;
  title: string;
  kind: string;
  hazard: string | null;
  status: 'emergency' | 'recovery' | 'closed';
  ppksCode: number;
  areas: { villageCode: string; villageName: string; districtName: string; regencyName: string; respond: boolean }[];
  actions: string[];
}

export interface LocalVictim {
  id: string;
  name: string;
  villageName: string;
  displacement: string;
  pending: boolean;
  /** The queued registration the server refused (its outbox seq and the reason), if any. */
  refused: { seq: number; problem: unknown } | null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function asIncident(r: LocalRecord): LocalIncident {
  const d = r.data;
  return {
    id: r.id,
    title: str(d.title),
    kind: str(d.kind),
    hazard: typeof d.hazard === 'string' ? d.hazard : null,
    status: (d.status as LocalIncident['status']) ?? 'emergency',
    ppksCode: Number(d.ppksCode ?? 21),
    areas: Array.isArray(d.areas) ? (d.areas as LocalIncident['areas']) : [],
    actions: Array.isArray(d.actions) ? (d.actions as string[]) : [],
  };
}

/** Open incidents on the phone where the PSM may register victims, newest first. */
export async function openIncidents(db: FieldDb): Promise<LocalIncident[]> {
  const rows = await db.records.where('type').equals('disaster_incident').toArray();
  return rows
    .map(asIncident)
    .filter((i) => i.status !== 'closed' && i.actions.includes('register_victim'))
    .sort((a, b) => a.title.localeCompare(b.title));
}

export async function localIncident(db: FieldDb, id: string): Promise<LocalIncident | null> {
  const r = await db.records.get(['disaster_incident', id]);
  return r ? asIncident(r) : null;
}

/** Victims of an incident on this phone: the name from the queued form, or from the person record once synced. */
export async function localVictims(db: FieldDb, incidentId: string, villages: Map<string, string>): Promise<LocalVictim[]> {
  const rows = (await db.records.where('type').equals('disaster_victim').toArray()).filter(
    (r) => r.data.incidentId === incidentId,
  );
  const personIds = rows.map((r) => str(r.data.personId)).filter(Boolean);
  const persons = new Map(
    (await db.records.bulkGet(personIds.map((id) => ['person', id] as [string, string]))).filter(Boolean).map((p) => [p!.id, p!]),
  );
  const queued = await db.outbox.toArray();
  const pending = new Set(queued.map((i) => i.personId));
  const failed = new Map(
    queued.filter((i) => i.status === 'failed').map((i) => [i.personId, { seq: i.seq!, problem: i.error?.problem ?? null }]),
  );
  return rows
    .map((r) => {
      const form = (r.data.person ?? null) as { fullName?: string; villageCode?: string } | null;
      const person = persons.get(str(r.data.personId));
      const village = str(r.data.villageCode) || form?.villageCode || str(person?.data.villageCode);
      return {
        id: r.id,
        name: form?.fullName ?? str(person?.data.fullName),
        villageName: villages.get(village) ?? village,
        displacement: str(r.data.displacement),
        pending: pending.has(r.id),
        refused: failed.get(r.id) ?? null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** People on the phone in the given villages whose name contains every word typed (the offline duplicate hint). */
export async function personsLike(
  db: FieldDb,
  villages: string[],
  query: string,
): Promise<{ id: string; fullName: string; villageCode: string; birthDate: string }[]> {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length >= 2);
  if (!words.length) return [];
  const rows = await db.records.where('type').equals('person').toArray();
  return rows
    .filter((r) => villages.includes(r.villageCode) && words.some((w) => r.search.includes(w)))
    .map((r) => ({
      id: r.id,
      fullName: str(r.data.fullName),
      villageCode: r.villageCode,
      birthDate: str(r.data.birthDate),
      hits: words.filter((w) => r.search.includes(w)).length,
    }))
    .sort((a, b) => b.hits - a.hits || a.fullName.localeCompare(b.fullName))
    .slice(0, 8)
    .map(({ hits: _h, ...p }) => p);
}
