import { AppError } from '../../platform/errors';
import type { Ctx } from '../../platform/access/unit-of-work';
import type { SyncEntity, SyncRecord } from '../sync/sync.entity';
import { incidentActions, loadIncident, visibilityOf } from './disasters.access';
import * as store from './incidents.store';

/**
 * Incidents on the responder's phone (issue 9 §3), read-only: the field app lists the
 * open incidents of the PSM's villages and registers victims of them offline. Each
 * record carries the affected villages (marked where the caller may respond) and the
 * caller's actions, as GET /incidents/:id does. Changes are logged by the triggers of
 * migration 0120, once per affected village.
 */
async function loadOne(ctx: Ctx, id: string): Promise<SyncRecord | null> {
  try {
    const acc = await loadIncident(ctx, id);
    const areas = acc.areas.map((a) => ({ ...a, respond: acc.respondsIn(a.villageCode) }));
    const home = areas.find((a) => a.respond) ?? areas[0];
    const i = acc.incident;
    return {
      id: i.id,
      version: i.version,
      villageCode: home?.villageCode ?? i.leadOfficeCode,
      data: {
        kind: i.kind,
        hazard: i.hazard,
        title: i.title,
        startedAt: i.startedAt,
        status: i.status,
        ppksCode: i.ppksCode,
        leadOfficeName: i.leadOfficeName,
        areas,
        actions: incidentActions(acc),
        updatedAt: i.updatedAt,
      },
    };
  } catch (err) {
    // Out of sight now (or never): the phone drops its copy.
    if (err instanceof AppError && err.status < 500) return null;
    throw err;
  }
}

const readOnly = () =>
  new AppError(
    400,
    'invalid_input',
    {
      id: 'Kejadian bencana diubah lewat aplikasi web, bukan dari ponsel',
      en: 'Incidents are changed in the web app, not from the phone',
    },
    [{ field: 'entityType', code: 'sync.read_only', message: { id: 'Hanya dibaca di ponsel', en: 'Read-only on the phone' } }],
  );

export const incidentSync: SyncEntity = {
  type: 'disaster_incident',
  readPermission: 'incident.respond',
  fieldColumns: {},
  async load(ctx, ids) {
    const out: SyncRecord[] = [];
    for (const id of ids) {
      const rec = await loadOne(ctx, id);
      if (rec) out.push(rec);
    }
    return out;
  },
  page: (ctx, afterId, limit) => store.pageIds(ctx.db, visibilityOf(ctx), afterId, limit),
  create: () => Promise.reject(readOnly()),
  update: () => Promise.reject(readOnly()),
};
