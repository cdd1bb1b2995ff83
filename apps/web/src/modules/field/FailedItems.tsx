import { useTranslation } from 'react-i18next';
import { discardItem, retryItem } from '../../offline/outbox';
import { useLive } from '../../offline/useLive';
import { navigate } from '../../router';
import { failedLabel } from './failedLabel';
import { useFieldDb } from './FieldApp';
import { problemText } from './problemText';

/**
 * The writes the server refused, each with what it was, the server's reason, and what
 * the PSM can do: fix it where the phone has an editor for it, try again, or discard it.
 */
export function FailedItems() {
  const { t } = useTranslation();
  const db = useFieldDb();
  const failed = useLive(async () => {
    const items = await db.outbox.where('status').equals('failed').sortBy('seq');
    return Promise.all(items.map(async (item) => ({ item, label: await failedLabel(db, item) })));
  }, [db]);
  if (!failed?.length) return null;
  return (
    <section className="card" aria-labelledby="failed-title" data-testid="outbox-failed-list">
      <h2 id="failed-title" className="section-title">
        {t('field.outbox.failedTitle')}
      </h2>
      <ul className="plain-list">
        {failed.map(({ item, label }) => (
          <li
            key={item.seq}
            className="failed-item"
            data-testid="outbox-failed"
            data-kind={item.kind === 'mutation' ? item.entityType : item.kind}
          >
            <p className="failed-what" data-testid="failed-label">
              {t(label.key, label.values)}
            </p>
            <p className="failed-reason" data-testid="failed-reason">
              {problemText(item.error?.problem, t('field.outbox.unknownReason'))}
            </p>
            <div className="actions">
              {label.editPath && (
                <button
                  type="button"
                  className="button"
                  // The person editor keeps its test id; other editors say which they are.
                  data-testid={
                    item.kind === 'mutation' && item.entityType === 'person'
                      ? 'failed-edit'
                      : `failed-edit-${item.kind === 'mutation' ? item.entityType : item.kind}`
                  }
                  onClick={() => navigate(label.editPath!)}
                >
                  {t('field.outbox.edit')}
                </button>
              )}
              <button
                type="button"
                className="button button-secondary"
                data-testid="failed-retry"
                onClick={() => void retryItem(db, item.seq!)}
              >
                {t('common.retry')}
              </button>
              <button
                type="button"
                className="button button-secondary"
                data-testid="failed-discard"
                onClick={() => {
                  if (confirm(t('field.outbox.discardConfirm'))) void discardItem(db, item.seq!);
                }}
              >
                {t('field.outbox.discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
