import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { casePath } from '../../router';
import { personTimeline } from './cases.api';
import '../dashboard/charts.css';

/** "Linimasa": everything that happened to a person (registration, cases, assessments, services, referrals…), newest first. */
export default function PersonTimeline({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const state = useLoad(() => personTimeline(personId), [personId]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.retry} />;
  const items = [...state.data].sort((a, b) => b.at.localeCompare(a.at));
  if (items.length === 0) return <p className="meta">{t('timeline.empty')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {items.map((item, i) => (
        <li key={`${item.at}-${i}`} data-testid="timeline-item" data-kind={item.kind}>
          <span data-testid="timeline-summary">{localized(item.summary)}</span>
          <span className="block meta">
            {formatDateTime(item.at)}
            {item.actor ? ` · ${item.actor}` : ''}
            {item.caseId && (
              <>
                {' · '}
                <Link href={casePath(item.caseId)}>{t('timeline.openCase')}</Link>
              </>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
