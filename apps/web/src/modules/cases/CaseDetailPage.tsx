import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useFormatDate, useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { personPath } from '../../router';
import { AssessmentPanel } from './AssessmentPanel';
import { CaseActions } from './CaseActions';
import { CaseStatusBadge } from './CaseBits';
import { caseEvents, getCase } from './cases.api';
import { LIFECYCLE_ACTIONS, VERIFICATION_ACTIONS, type Case } from './cases.types';
import { PlanPanel } from './PlanPanel';
import { ReferralsPanel } from './ReferralsPanel';
import { VisitsPanel } from './VisitsPanel';
import '../dashboard/charts.css';

function Block({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** `case.close` → "Tutup kasus", `verification.validate` → "Validasi", `service.delivered` → its own label. */
function eventLabel(kind: string, t: (key: string, o?: { defaultValue: string }) => string): string {
  const [head, tail = ''] = kind.split('.');
  if (
    (head === 'case' || head === 'verification') &&
    (LIFECYCLE_ACTIONS as readonly string[]).concat(VERIFICATION_ACTIONS).includes(tail)
  )
    return t(`cases.action.${tail}`);
  return t(`cases.event.${kind.replace(/\./g, '_')}`, { defaultValue: kind });
}

function Events({ caseId, reloadKey }: { caseId: string; reloadKey: number }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const state = useLoad(() => caseEvents(caseId), [caseId, reloadKey]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.retry} />;
  return (
    <ol className="timeline" data-testid="case-events">
      {[...state.data].reverse().map((e) => (
        <li key={e.id} data-testid="case-event" data-kind={e.kind}>
          <strong>{eventLabel(e.kind, t)}</strong>
          {e.toStatus && ` → ${t(`cases.status.${e.toStatus}`, { defaultValue: e.toStatus })}`}
          <span className="block meta">
            {formatDateTime(e.at)} · {e.actor}
            {e.reason ? ` · ${t(`cases.closure.${e.reason}`, { defaultValue: e.reason })}` : ''}
            {e.note ? ` · ${e.note}` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * `/kasus/:id`: one PPKS case — lifecycle and verification buttons from `actions`, the
 * assessment form, the plan with services and follow-ups, referrals, visits with photos and
 * GPS, and what happened.
 */
export default function CaseDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [reloadKey, setReloadKey] = useState(0);
  const state = useLoad(() => getCase(id), [id, reloadKey]);
  // The last case seen stays on screen while a fresh copy loads (panels keep their state).
  const [last, setLast] = useState<Case | null>(null);
  if (state.status === 'done' && state.data !== last) setLast(state.data);
  const kase = state.status === 'done' ? state.data : last;
  const reload = () => setReloadKey((n) => n + 1);

  return (
    <div className="page">
      <Link href={kase?.personId ? personPath(kase.personId) : '/kasus'} className="back-link">
        ← {kase?.personId ? t('cases.backToPerson') : t('cases.backToList')}
      </Link>
      {!kase && state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {kase && (
        <>
          <section className="record-header" data-testid="case-header">
            <p className="eyebrow">
              {t('cases.recordLabel')} <span data-testid="case-number">{kase.caseNumber}</span>
            </p>
            <h1 data-testid="case-title">{kase.personName ?? t('cases.household')}</h1>
            <p className="row-meta">
              {kase.ppksName} · <CaseStatusBadge status={kase.status} />
            </p>
            <p className="meta">
              {kase.villageName} · {t('cases.openedOn', { date: formatDate(kase.openedOn) })} ·{' '}
              {t(`cases.verification.${kase.verification}`, { defaultValue: kase.verification })}
            </p>
            <p>{kase.need}</p>
          </section>
          <CaseActions
            kase={kase}
            onChange={(c) => {
              setLast(c);
              reload();
            }}
          />
          <Block title={t('cases.assessments')} testId="block-assessments">
            <AssessmentPanel
              caseId={kase.id}
              ppksCode={kase.ppksCode}
              canRecord={kase.actions.includes('record')}
              onChanged={reload}
              reloadKey={reloadKey}
            />
          </Block>
          <Block title={t('cases.plan')} testId="block-plan">
            <PlanPanel caseId={kase.id} canRecord={kase.actions.includes('record')} onChanged={reload} reloadKey={reloadKey} />
          </Block>
          <Block title={t('cases.referrals')} testId="block-referrals">
            <ReferralsPanel
              caseId={kase.id}
              villageCode={kase.villageCode}
              canRefer={kase.actions.includes('refer')}
              onChanged={reload}
              reloadKey={reloadKey}
            />
          </Block>
          {kase.personId && (
            <Block title={t('visits.title')} testId="block-visits">
              <VisitsPanel
                personId={kase.personId}
                caseId={kase.id}
                canRecord={kase.actions.includes('record')}
                onChanged={reload}
              />
            </Block>
          )}
          <Block title={t('cases.events')} testId="block-events">
            <Events caseId={kase.id} reloadKey={reloadKey} />
          </Block>
        </>
      )}
    </div>
  );
}
