import { apiFetch } from '../api/client';
import { getMeta, setMeta, type FieldDb, type LocalArea, type LocalForm, type LocalPpks } from './db';

/**
 * Reference data the phone needs with no signal: the areas of the user's scope (for
 * names and pickers), the PPKS categories and the latest version of each assessment
 * form. Fetched on the first sync and then twice a day (it rarely changes).
 */
export const REFERENCE_EVERY_MS = 12 * 3600_000;

type Reference = { areas: LocalArea[]; ppks: LocalPpks[]; forms: LocalForm[] };

export async function refreshReference(db: FieldDb, force = false): Promise<void> {
  const at = (await getMeta<number>(db, 'referenceAt')) ?? 0;
  if (!force && Date.now() - at < REFERENCE_EVERY_MS) return;
  const ref = await apiFetch<Reference>('/api/v1/sync/reference');
  await db.transaction('rw', [db.areas, db.ppks, db.forms, db.meta], async () => {
    await Promise.all([db.areas.clear(), db.ppks.clear(), db.forms.clear()]);
    await db.areas.bulkPut(ref.areas);
    await db.ppks.bulkPut(ref.ppks);
    await db.forms.bulkPut(ref.forms);
    await setMeta(db, 'referenceAt', Date.now());
  });
}
