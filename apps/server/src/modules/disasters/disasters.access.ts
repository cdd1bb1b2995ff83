import { acceptsWork, can, incidentScopes, withinAny } from '@pilar/domain';
import { forbidden, unauthenticated } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import * as store from './incidents.store';
import type { AreaRow, IncidentRow, Visibility } from './incidents.store';

/**
 * The incident gate. Visibility: an affected village or the lead office in scope, or
 * the actor on the roster (partner users work only that way). Outside it: 404.
 * Managing (status, posts, items, roster, sitreps) needs incident.manage over the lead
 * office or one of the affected villages; responding in a village needs it in the
 * respond scope, the roster, or managing rights on the incident.
 */
export const incidentNotFound = () => notFound({ id: 'Kejadian bencana tidak ditemukan', en: 'Incident not found' });

export function visibilityOf(ctx: Ctx): Visibility {
  const s = incidentScopes(ctx.actor);
  return { respond: s.respond, manage: s.manage, rosterUserId: s.rosterable ? ctx.actor.userId : null };
}

export interface IncidentAccess {
  incident: IncidentRow;
  areas: AreaRow[];
  rostered: boolean;
  manages: boolean;
  /** Whether the caller may record field work (assessment, victim, stock) in `villageCode`. */
  respondsIn(villageCode: string): boolean;
  /** Whether the caller may manage things placed in `areaCode` (a post's village). */
  managesIn(areaCode: string): boolean;
  /** Whether the caller may work at a place of the incident (a post, possibly outside the affected villages). */
  worksAt(areaCode: string): boolean;
}

export async function loadIncident(ctx: Ctx, id: string): Promise<IncidentAccess> {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
  if (!can(ctx.actor, 'incident.respond') && !can(ctx.actor, 'incident.manage')) throw forbidden('incident.respond');
  const v = visibilityOf(ctx);
  const incident = await store.find(ctx.db, id, v);
  if (!incident) throw incidentNotFound();
  const areas = await store.areas(ctx.db, id);
  const rostered = v.rosterUserId ? await store.isRostered(ctx.db, id, v.rosterUserId) : false;
  const manages = withinAny(incident.leadOfficeCode, v.manage) || areas.some((a) => withinAny(a.villageCode, v.manage));
  const affected = new Set(areas.map((a) => a.villageCode));
  return {
    incident,
    areas,
    rostered,
    manages,
    respondsIn: (village) => affected.has(village) && (manages || rostered || withinAny(village, v.respond)),
    managesIn: (area) => withinAny(incident.leadOfficeCode, v.manage) || withinAny(area, v.manage),
    worksAt: (area) => manages || rostered || withinAny(area, v.respond),
  };
}

export function requireManage(acc: IncidentAccess, areaCode?: string): void {
  if (areaCode ? !acc.managesIn(areaCode) : !acc.manages) throw forbidden('incident.manage');
}

/** Field work in a village: it must be affected by the incident and in the caller's reach. */
export function requireRespondIn(acc: IncidentAccess, villageCode: string, field = 'villageCode'): void {
  if (!acc.areas.some((a) => a.villageCode === villageCode)) {
    throw badRequest([
      {
        field,
        code: 'incident.village_not_affected',
        message: { id: 'Desa ini tidak termasuk wilayah terdampak kejadian; tambahkan dulu ke kejadian', en: 'This village is not among the incident’s affected areas; add it to the incident first' },
      },
    ]);
  }
  if (!acc.respondsIn(villageCode)) throw forbidden('incident.respond');
}

export function requireOpen(acc: IncidentAccess): void {
  if (!acceptsWork(acc.incident.status)) {
    throw new AppError(409, 'incident_closed', { id: 'Kejadian sudah ditutup; buka kembali untuk mencatat', en: 'The incident is closed; reopen it to record more' }, [
      { field: 'status', code: 'incident.closed', message: { id: 'Kejadian ditutup', en: 'Incident closed' } },
    ]);
  }
}

/** What the caller may do on the incident (rendered by the web app as-is). */
export function incidentActions(acc: IncidentAccess): string[] {
  const out: string[] = ['read', 'dashboard'];
  const open = acceptsWork(acc.incident.status);
  if (acc.manages) out.push('update', 'status', 'posts', 'items', 'roster', 'sitrep');
  if (open && (acc.manages || acc.rostered || acc.areas.some((a) => acc.respondsIn(a.villageCode)))) out.push('assess', 'register_victim', 'stock');
  return out;
}
