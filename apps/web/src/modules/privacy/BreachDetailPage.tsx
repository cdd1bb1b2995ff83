import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { getBreach } from './privacy.api';
import type { Breach } from './privacy.types';
import { AffectedQuery } from './AffectedQuery';
import { NoticeCard } from './NoticeCard';
import { DeadlineTimer, PrivacyTabs } from './PrivacyBits';

function Facts({ breach }: { breach: Breach }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <dl className="facts card">
      <div className="facts-wide">
        <dt>{t('privacy.breach.fields.description')}</dt>
        <dd>{breach.description}</dd>
      </div>
      <div className="facts-wide">
        <dt>{t('privacy.breach.fields.how')}</dt>
        <dd>{breach.how}</dd>
      </div>
      <div>
        <dt>{t('privacy.breach.fields.discoveredAt')}</dt>
        <dd>{formatDateTime(breach.discoveredAt)}</dd>
      </div>
      <div>
        <dt>{t('privacy.breach.period')}</dt>
        <dd>
          {breach.occurredFrom
            ? `${formatDateTime(breach.occurredFrom)} – ${breach.occurredTo ? formatDateTime(breach.occurredTo) : '…'}`
            : '—'}
        </dd>
      </div>
      <div>
        <dt>{t('privacy.breach.fields.systems')}</dt>
        <dd>{breach.systems.join(', ') || '—'}</dd>
      </div>
      <div>
        <dt>{t('privacy.breach.affectedLabel')}</dt>
        <dd data-testid="breach-affected-count">{breach.affectedCount}</dd>
      </div>
    </dl>
  );
}

/** `/privasi/insiden/:id`: one breach: timer, the affected-persons query, both notices and their delivery log. */
export default function BreachDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const loaded = useLoad(() => getBreach(id), [id]);
  // The answer of each step replaces what was loaded.
  const [updated, setBreach] = useState<Breach | null>(null);
  const breach = updated ?? (loaded.status === 'done' ? loaded.data : null);
  if (loaded.status === 'error') return <ErrorMessage error={loaded.error} onRetry={loaded.retry} />;
  if (!breach) return <Loading />;
  return (
    <div className="page privacy-page" data-testid="breach" data-status={breach.status}>
      <PrivacyTabs current="breaches" />
      <div className="page-title">
        <h1 data-testid="breach-heading">{breach.title}</h1>
        <span className="badge">{t(`privacy.breach.status.${breach.status}`)}</span>
      </div>
      <DeadlineTimer deadline={breach.deadline} escalations={breach.escalations} />
      <Facts breach={breach} />
      <AffectedQuery breachId={breach.id} onRecorded={() => void getBreach(breach.id).then(setBreach, () => {})} />
      {breach.notices.map((n) => (
        <NoticeCard key={n.audience} breachId={breach.id} notice={n} onChange={setBreach} />
      ))}
    </div>
  );
}
