import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { personPath } from '../../router';
import { getPerson } from '../persons/persons.api';
import { exportHref, getRequest, letterHref } from './privacy.api';
import type { SubjectRequest } from './privacy.types';
import { DeadlineTimer, Download, PrivacyTabs } from './PrivacyBits';
import { FulfilForm, IdentityCheckForm, RefuseForm } from './RequestSteps';

/** The person's name for the header; an erased person answers 404 and shows as such. */
function PersonName({ id }: { id: string }) {
  const { t } = useTranslation();
  const person = useLoad(() => getPerson(id), [id]);
  if (person.status !== 'done')
    return <span className="meta">{person.status === 'loading' ? '…' : t('privacy.request.personGone')}</span>;
  return (
    <Link href={personPath(id)} data-testid="request-person">
      {person.data.fullName}
    </Link>
  );
}

function Facts({ request }: { request: SubjectRequest }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <dl className="facts card">
      <div>
        <dt>{t('privacy.request.person')}</dt>
        <dd>
          <PersonName id={request.personId} />
        </dd>
      </div>
      <div>
        <dt>{t('privacy.request.channel')}</dt>
        <dd>{t(`privacy.channel.${request.channel}`)}</dd>
      </div>
      <div>
        <dt>{t('privacy.request.requester')}</dt>
        <dd>{t(`privacy.requester.${request.requester}`)}</dd>
      </div>
      <div>
        <dt>{t('privacy.request.received')}</dt>
        <dd>{formatDateTime(request.receivedAt)}</dd>
      </div>
      {request.details && (
        <div className="facts-wide">
          <dt>{t('privacy.request.details')}</dt>
          <dd>{request.details}</dd>
        </div>
      )}
      <div className="facts-wide" data-testid="identity">
        <dt>{t('privacy.identity.title')}</dt>
        <dd>
          {request.identity
            ? t('privacy.identity.done', {
                method: t(`privacy.identity.methods.${request.identity.method}`),
                document: t(`privacy.identity.documents.${request.identity.document}`),
                by: request.identity.checkedBy ?? '—',
                at: formatDateTime(request.identity.checkedAt),
              })
            : t('privacy.identity.pending')}
        </dd>
      </div>
    </dl>
  );
}

/** What was answered, what an erasure removed and kept (with the legal basis), and the documents. */
function Answer({ request }: { request: SubjectRequest }) {
  const { t } = useTranslation();
  const note = request.retentionNote;
  return (
    <section className="card" data-testid="answer">
      <h2>{t(`privacy.status.${request.status}`)}</h2>
      {request.answerSummary && <p data-testid="answer-summary">{request.answerSummary}</p>}
      {note && (
        <div data-testid="retention-note">
          <p className="meta">{t('privacy.answer.filesDeleted', { count: note.filesDeleted })}</p>
          <h3>{t('privacy.answer.kept')}</h3>
          <ul>
            {note.kept.map((k) => (
              <li key={k.what}>
                {k.what} <span className="meta">— {k.legalBasis}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="actions">
        <Download href={letterHref(request.id)} label={t('privacy.answer.letter')} testId="download-letter" />
        {request.status === 'answered' && (
          <Download href={exportHref(request.id)} label={t('privacy.answer.export')} testId="download-export" />
        )}
      </div>
    </section>
  );
}

/** `/privasi/permintaan/:id`: one request, its timer and each step the DPO takes. */
export default function RequestDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const loaded = useLoad(() => getRequest(id), [id]);
  // The answer of each step replaces what was loaded.
  const [updated, setRequest] = useState<SubjectRequest | null>(null);
  const request = updated ?? (loaded.status === 'done' ? loaded.data : null);

  if (loaded.status === 'error') return <ErrorMessage error={loaded.error} onRetry={loaded.retry} />;
  if (!request) return <Loading />;
  const canAct = request.actions.includes('privacy.manage');
  const open = request.status === 'received' || request.status === 'identity_verified';
  return (
    <div className="page privacy-page" data-testid="request" data-status={request.status} data-kind={request.kind}>
      <PrivacyTabs current="requests" />
      <div className="page-title">
        <h1 data-testid="request-title">{t(`privacy.kind.${request.kind}`)}</h1>
        <span className="badge" data-testid="request-status" data-status={request.status}>
          {t(`privacy.status.${request.status}`)}
        </span>
      </div>
      <DeadlineTimer deadline={request.deadline} escalations={request.escalations} />
      <Facts request={request} />
      {open && canAct && request.status === 'received' && <IdentityCheckForm request={request} onDone={setRequest} />}
      {open && canAct && request.status === 'identity_verified' && <FulfilForm request={request} onDone={setRequest} />}
      {open && canAct && <RefuseForm request={request} onDone={setRequest} />}
      {!open && <Answer request={request} />}
    </div>
  );
}
