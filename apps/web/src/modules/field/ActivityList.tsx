import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import type { MutationItem } from '../../offline/db';
import { useLive } from '../../offline/useLive';
import { useFieldDb } from './FieldApp';
import { fieldPaths } from './fieldPaths';

/** How many of the PSM's activities the phone lists (the rest are in the monthly report). */
const SHOWN = 30;

type State = 'sent' | 'waiting' | 'refused';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The PSM's recent activities as the phone holds them: those pulled from the server
 * (typed by hand or derived from case work) and those still queued here.
 */
export function ActivityList() {
  const { t, i18n } = useTranslation();
  const db = useFieldDb();
  const rows = useLive(async () => {
    const all = await db.records.where('type').equals('activity').toArray();
    const queued = new Map<string, MutationItem>();
    for (const i of await db.outbox.toArray())
      if (i.kind === 'mutation' && i.entityType === 'activity') queued.set(i.entityId, i);
    all.sort((a, b) => str(b.data.occurredAt).localeCompare(str(a.data.occurredAt)));
    return all.slice(0, SHOWN).map((r) => {
      const q = queued.get(r.id);
      const state: State = q?.status === 'failed' ? 'refused' : q ? 'waiting' : 'sent';
      return { r, state, photo: Boolean(r.data.photoFileId ?? q?.photoBlobKey), gps: typeof r.data.lat === 'number' };
    });
  }, [db]);
  const when = (iso: string) =>
    iso
      ? new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' })
      : '';

  return (
    <section aria-labelledby="activities-title">
      <h2 id="activities-title" className="section-title">
        {t('fieldOffline.activity.listTitle')}
      </h2>
      {rows && rows.length === 0 && <p className="hint">{t('fieldOffline.activity.empty')}</p>}
      <ul className="plain-list activity-rows" data-testid="act-list">
        {rows?.map(({ r, state, photo, gps }) => (
          <li key={r.id} className="activity-row" data-testid="act-item" data-state={state}>
            <span className="activity-row-title" data-testid="act-item-title">
              {str(r.data.title)}
            </span>
            <span className="person-row-meta">
              {t(`activityLog.duties.${str(r.data.duty) || 'a'}`)}
              {r.data.programmeCode ? ` · ${str(r.data.programmeCode).toUpperCase()}` : ''} · {when(str(r.data.occurredAt))}
            </span>
            <span className="person-row-meta">
              {photo && <span className="badge">{t('activityLog.withPhoto')}</span>}
              {gps && <span className="badge">{t('activityLog.withGps')}</span>}
              {state === 'waiting' && (
                <span className="badge badge-muted" data-testid="act-item-waiting">
                  {t('fieldOffline.activity.waiting')}
                </span>
              )}
              {state === 'refused' && (
                <span className="badge badge-warn" data-testid="act-item-refused">
                  {t('fieldOffline.activity.refused')}
                </span>
              )}
            </span>
            {state !== 'sent' && !r.server && (
              <Link href={fieldPaths.activityEdit(r.id)} className="button button-secondary" data-testid="act-item-edit">
                {t('fieldOffline.activity.edit')}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
