import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { listRequests } from './privacy.api';
import type { SubjectRequest } from './privacy.types';
import { DeadlineBadge, PrivacyTabs } from './PrivacyBits';
import { RestrictedPersons } from './RestrictedPersons';

export const requestPath = (id: string) => `/privasi/permintaan/${id}`;

function RequestRow({ request }: { request: SubjectRequest }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <li data-testid="request-row" data-id={request.id} data-kind={request.kind}>
      <Link href={requestPath(request.id)} className="row row-link">
        <span className="row-main">
          <span className="row-name">{t(`privacy.kind.${request.kind}`)}</span>
          <span className="row-meta">
            {t(`privacy.status.${request.status}`)} ·{' '}
            {t('privacy.request.receivedAt', { at: formatDateTime(request.receivedAt) })}
          </span>
        </span>
        <DeadlineBadge deadline={request.deadline} />
        <Icon name="chevron" className="row-chevron" />
      </Link>
    </li>
  );
}

/** `/privasi`: the DPO's data subject requests with their 3 × 24 h timers, and restricted persons. */
export default function RequestsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const list = useLoad(() => listRequests(status), [status]);
  return (
    <div className="page privacy-page">
      <div className="page-title">
        <h1>{t('privacy.title')}</h1>
        <Link href="/privasi/permintaan/baru" className="button" data-testid="new-request">
          <Icon name="plus" />
          {t('privacy.request.new')}
        </Link>
      </div>
      <PrivacyTabs current="requests" />
      <p className="meta">{t('privacy.request.intro')}</p>
      <div className="actions" role="group" aria-label={t('privacy.request.filter')}>
        {(['open', 'closed', 'all'] as const).map((s) => (
          <button
            key={s}
            type="button"
            className={`button${s === status ? '' : ' button-secondary'}`}
            aria-pressed={s === status}
            onClick={() => setStatus(s)}
            data-testid={`requests-${s}`}
          >
            {t(`privacy.request.show.${s}`)}
          </button>
        ))}
      </div>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' &&
        (list.data.items.length === 0 ? (
          <p className="notice" data-testid="requests-empty">
            {t('privacy.request.empty')}
          </p>
        ) : (
          <ul className="list" data-testid="request-list">
            {list.data.items.map((r) => (
              <RequestRow key={r.id} request={r} />
            ))}
          </ul>
        ))}
      <RestrictedPersons />
    </div>
  );
}
