import type { TFunction } from 'i18next';
import type { PsmDuty } from '../reports/reports.types';
import type { Position } from './GpsField';

/** What the PSM types for an activity on the phone, before it becomes an outbox write. */
export interface ActivityDraft {
  duty: PsmDuty;
  programmeCode: string;
  title: string;
  /** `datetime-local` value in the phone's own time. */
  when: string;
  note: string;
}

/** A `datetime-local` value for `at` (default now), in the phone's own time zone. */
export function localDateTime(at: Date = new Date()): string {
  const d = new Date(at);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export const emptyDraft = (): ActivityDraft => ({ duty: 'a', programmeCode: '', title: '', when: localDateTime(), note: '' });

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The draft of an activity already on the phone (for the editor of a queued or refused one). */
export function draftOf(data: Record<string, unknown>): ActivityDraft {
  const at = str(data.occurredAt);
  return {
    duty: (str(data.duty) || 'a') as PsmDuty,
    programmeCode: str(data.programmeCode),
    title: str(data.title),
    when: at ? localDateTime(new Date(at)) : localDateTime(),
    note: str(data.note),
  };
}

const PROGRAMME_CODE = /^[a-z0-9_-]{1,40}$/;

/** The checks the server makes on the shape (ActivityCreateSchema), so most refusals never leave the phone. */
export function draftErrors(d: ActivityDraft, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  if (d.duty === 'program' && !PROGRAMME_CODE.test(d.programmeCode.trim().toLowerCase())) {
    errors.programmeCode = t('fieldOffline.activity.programmeRequired');
  }
  const title = d.title.trim();
  if (title.length < 3 || title.length > 200) errors.title = t('fieldOffline.activity.titleShort');
  if (!d.when || Number.isNaN(new Date(d.when).getTime())) errors.when = t('fieldOffline.activity.whenRequired');
  else if (new Date(d.when).getTime() > Date.now() + 5 * 60_000) errors.when = t('fieldOffline.activity.whenFuture');
  if (d.note.length > 5000) errors.note = t('fieldOffline.activity.noteLong');
  return errors;
}

/**
 * The activity as it is queued (the body of the sync `activity` create). Optional fields
 * are left out when empty; a programme only for programme accompaniment.
 */
export function activityData(d: ActivityDraft, position: Position | null): Record<string, unknown> {
  const note = d.note.trim();
  return {
    duty: d.duty,
    programmeCode: d.duty === 'program' ? d.programmeCode.trim().toLowerCase() : undefined,
    title: d.title.trim(),
    note: note || undefined,
    occurredAt: new Date(d.when).toISOString(),
    ...(position ?? {}),
  };
}
