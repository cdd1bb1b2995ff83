import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import '../programmes/programmes.css';
import { CutoffNotice } from './CutoffNotice';
import { bnbaPath, musdesNewPath, usulanListPath } from './paths';
import { ReturnStep, SimpleStep, SptjmStep, VerifyStep } from './StepForms';
import { getUsulan, type Usulan } from './usulan.api';

/** The steps this user may take now, as the server lists them in `actions`. */
function Steps({ u, onDone }: { u: Usulan; onDone: (u: Usulan) => void }) {
  const { t } = useTranslation();
  const has = (a: string) => u.actions.includes(a);
  if (u.actions.length === 0)
    return (
      <p className="meta" data-testid="usulan-no-steps">
        {t('usulanUi.noSteps')}
      </p>
    );
  return (
    <section className="card" aria-labelledby="steps-title" data-testid="usulan-steps">
      <h2 id="steps-title">{t('usulanUi.nextSteps')}</h2>
      {has('propose') && <CutoffNotice area={u.villageCode} />}
      <div className="actions">
        {(['propose', 'approve_verifier', 'approve_head'] as const).filter(has).map((a) => (
          <SimpleStep key={a} u={u} action={a} onDone={onDone} />
        ))}
      </div>
      {has('deliberate') && (
        <>
          <p>
            {t('usulanUi.deliberateHint')}{' '}
            <Link href={musdesNewPath} data-testid="usulan-musdes-link">
              {t('usulanUi.musdes.title')}
            </Link>
          </p>
          <SptjmStep u={u} onDone={onDone} />
        </>
      )}
      {has('verify') && <VerifyStep u={u} onDone={onDone} />}
      {(has('send') || has('set') || has('reject')) && (
        <p>
          {t('usulanUi.bnbaHint')} <Link href={bnbaPath}>{t('usulanUi.bnba.title')}</Link>
        </p>
      )}
      {has('return') && <ReturnStep u={u} onDone={onDone} />}
      {has('withdraw') && <SimpleStep u={u} action="withdraw" onDone={onDone} />}
    </section>
  );
}

function UsulanView({ initial }: { initial: Usulan }) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const [u, setU] = useState(initial);
  return (
    <>
      <section className="record-header" data-testid="usulan-header">
        <p className="eyebrow">{u.programmeCode}</p>
        <h1>{u.recipientName ?? '—'}</h1>
        <p className="meta">
          <span data-testid="usulan-status" data-status={u.status}>
            {t(`usulanUi.status.${u.status}`)}
          </span>
          {u.nikMasked ? ` · ${u.nikMasked}` : ''}
          {u.batchMonth ? ` · ${t('usulanUi.batch', { month: u.batchMonth.slice(0, 7) })}` : ''}
          {u.deliberation ? ` · ${t(`usulanUi.deliberation.${u.deliberation}`)}` : ''}
        </p>
        <p>{u.reason}</p>
        {u.returnReason && <p className="notice notice-warn">{t('usulanUi.returned', { reason: u.returnReason })}</p>}
        {u.resultReason && <p className="notice">{u.resultReason}</p>}
      </section>
      <Steps u={u} onDone={setU} />
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('usulanUi.history')}</h2>
        <ol className="timeline" data-testid="usulan-events">
          {[...(u.events ?? [])].reverse().map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <strong>{t(`usulanUi.status.${e.toStatus}`, { defaultValue: e.toStatus })}</strong>
              <span className="block meta">
                {formatTime(e.at)} · {e.actor}
                {e.reason ? ` · ${e.reason}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** `/usulan/:id`: one proposal, its history and the next steps this user may take. */
export default function UsulanDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const u = useLoad(() => getUsulan(id), [id]);
  return (
    <div className="page">
      <Link href={usulanListPath} className="back-link">
        ← {t('usulanUi.title')}
      </Link>
      {u.status === 'loading' && <Loading />}
      {u.status === 'error' && <ErrorMessage error={u.error} onRetry={u.retry} />}
      {u.status === 'done' && <UsulanView key={u.data.id} initial={u.data} />}
    </div>
  );
}
