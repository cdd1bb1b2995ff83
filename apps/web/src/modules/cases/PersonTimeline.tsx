import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { casePath } from '../../router';
import { personTimeline } from './cases.api';
import { VisitPhotos } from './VisitPhotos';
import { listVisits, type Visit } from './visits.api';
import '../dashboard/charts.css';

/** The timeline and the person's visits (their notes and photos are shown on the visit's entry). */
async function loadTimeline(personId: string) {
  const [items, visits] = await Promise.all([personTimeline(personId), listVisits(personId)]);
  return { items, visits: new Map<string, Visit>(visits.map((v) => [v.id, v])) };
}

/** "Linimasa": everything that happened to a person (registration, cases, assessments, services, referrals, visits…), newest first. */
export default function PersonTimeline({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const state = useLoad(() => loadTimeline(personId), [personId]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.retry} />;
  const items = [...state.data.items].sort((a, b) => b.at.localeCompare(a.at));
  if (items.length === 0) return <p className="meta">{t('timeline.empty')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {items.map((item, i) => {
        const visit = item.entityType === 'visit' ? state.data.visits.get(item.entityId) : undefined;
        return (
          <li key={`${item.at}-${i}`} data-testid="timeline-item" data-kind={item.kind}>
            <span data-testid="timeline-summary">{localized(item.summary)}</span>
            <span className="block meta">
              {formatDateTime(item.at)}
              {item.actor ? ` · ${item.actor}` : ''}
              {visit?.lat != null && ` · ${t('visits.gps')}`}
              {item.caseId && (
                <>
                  {' · '}
                  <Link href={casePath(item.caseId)}>{t('timeline.openCase')}</Link>
                </>
              )}
            </span>
            {visit && (
              <>
                <span className="block" data-testid="timeline-note">
                  {visit.note}
                </span>
                <VisitPhotos fileIds={visit.fileIds} />
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}
