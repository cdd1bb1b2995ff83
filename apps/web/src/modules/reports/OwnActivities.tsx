import { useTranslation } from 'react-i18next';
import { summaryMessage } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useFormatDate } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { listOwnActivities, withdrawActivity } from './reports.api';
import type { Activity } from './reports.types';
import { useAction } from './useAction';

/**
 * The PSM's activity log of one month: what the report will be made from. Entries typed
 * by hand may be withdrawn (while no submitted report holds them); those from case work follow the case.
 */
export function OwnActivities({ month }: { month: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const state = useLoad(() => listOwnActivities(month), [month]);
  const withdraw = useAction<Activity>(() => state.retry());
  if (!/^\d{4}-\d{2}$/.test(month)) return null;
  return (
    <div data-testid="own-activities">
      <h3>{t('activityLog.ofMonth', { month })}</h3>
      {withdraw.error !== null && (
        <p className="notice notice-error" role="alert">
          {summaryMessage(withdraw.error)}
        </p>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && state.data.items.length === 0 && <p className="meta">{t('monthlyReport.noEntries')}</p>}
      {state.status === 'done' && state.data.items.length > 0 && (
        <ul className="plain-list entry-list">
          {state.data.items.map((a) => (
            <li key={a.id} className="entry" data-testid="own-activity" data-activity={a.id} data-source={a.source}>
              <p className="entry-title">
                <strong>{a.title}</strong>
              </p>
              <p className="meta">
                {formatDate(a.occurredOn)} · {t(`activityLog.duties.${a.duty}`)} ·{' '}
                {t(`monthlyReport.source.${a.source}`, { defaultValue: a.source })}
                {a.photoFileId && ` · ${t('activityLog.withPhoto')}`}
                {a.lat !== null && ` · ${t('activityLog.withGps')}`}
              </p>
              {a.actions.includes('delete') && (
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={withdraw.busy}
                  onClick={() => void withdraw.run(() => withdrawActivity(a))}
                  data-testid="activity-withdraw"
                >
                  {t('activityLog.withdraw')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
