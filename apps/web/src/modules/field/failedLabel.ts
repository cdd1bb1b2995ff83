import type { FieldDb, OutboxItem } from '../../offline/db';
import { fieldPaths } from './fieldPaths';

/**
 * How a write the server refused is shown on the field home: a label the PSM recognises
 * (a message key and its values, translated when rendered) and, where the phone has an
 * editor for that kind of record, where to fix it. Other kinds offer retry or discard only.
 */
export interface FailedLabel {
  key: string;
  values: Record<string, string>;
  editPath: string | null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

async function personName(db: FieldDb, personId: string): Promise<string> {
  return str((await db.records.get(['person', personId]))?.data.fullName);
}

/** The title of an activity, queued or already on the phone. */
async function activityTitle(db: FieldDb, id: string, queued: Record<string, unknown> | null): Promise<string> {
  return str(queued?.title) || str((await db.records.get(['activity', id]))?.data.title);
}

/** Where a distribution took place, from the recipient list the phone holds for it. */
async function distributionPlace(db: FieldDb, eventId: string): Promise<string> {
  const row = await db.records
    .where('type')
    .equals('distribution_recipient')
    .filter((r) => r.data.eventId === eventId)
    .first();
  return str(row?.data.place);
}

/** A disaster victim's name: the person registered with them, or the existing person chosen. */
async function victimName(db: FieldDb, data: Record<string, unknown>): Promise<string> {
  const person = data.person as Record<string, unknown> | undefined;
  return str(person?.fullName) || (data.personId ? await personName(db, str(data.personId)) : '');
}

export async function failedLabel(db: FieldDb, item: OutboxItem): Promise<FailedLabel> {
  const label = (key: string, values: Record<string, string> = {}, editPath: string | null = null) => ({ key, values, editPath });
  if (item.kind === 'visit') return label('field.outbox.visit', { name: await personName(db, item.personId) });
  if (item.kind === 'upload') {
    return item.purpose === 'activity'
      ? label('fieldOffline.failed.activityPhoto', { title: await activityTitle(db, item.personId, null) })
      : label('field.outbox.photo', { name: await personName(db, item.personId) });
  }
  switch (item.entityType) {
    case 'person': {
      const name = await personName(db, item.entityId);
      return label(
        item.op === 'create' ? 'field.outbox.create' : 'field.outbox.update',
        { name },
        fieldPaths.personEdit(item.entityId),
      );
    }
    case 'case':
    case 'assessment':
      return label(`fieldOffline.outbox.${item.entityType}`, { name: await personName(db, item.personId) });
    case 'activity': {
      const title = await activityTitle(db, item.entityId, item.data);
      return label(
        'fieldOffline.failed.activity',
        { title },
        item.op === 'create' ? fieldPaths.activityEdit(item.entityId) : null,
      );
    }
    case 'distribution_checkin': {
      const place = await distributionPlace(db, str(item.data.eventId));
      return place ? label('fieldOffline.failed.checkin', { place }) : label('fieldOffline.failed.checkinNoPlace');
    }
    case 'disaster_victim': {
      const name = await victimName(db, item.data);
      return name ? label('fieldOffline.failed.victim', { name }) : label('fieldOffline.failed.victimNoName');
    }
    default:
      return label('fieldOffline.failed.other');
  }
}
