import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { caseReferrals, partnersFor, sendReferral } from './cases.api';
import { useSubmit } from '../../hooks/useSubmit';

/** Referrals of a case and, with `refer` in the case's actions, a form to send one to a partner serving the village. */
export function ReferralsPanel({ caseId, villageCode, canRefer, onChanged, reloadKey }: { caseId: string; villageCode: string; canRefer: boolean; onChanged: () => void; reloadKey: number }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const list = useLoad(() => caseReferrals(caseId), [caseId, reloadKey]);
  const partners = useLoad(() => (canRefer ? partnersFor(villageCode) : Promise.resolve([])), [canRefer, villageCode]);
  const [partnerId, setPartnerId] = useState('');
  const [need, setNeed] = useState('');
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);

  function send(e: FormEvent) {
    e.preventDefault();
    void submit.run(
      () => sendReferral(caseId, { partnerId, need: need.trim() }),
      () => {
        setPartnerId('');
        setNeed('');
        onChanged();
      },
    );
  }

  return (
    <div className="page" data-testid="referrals">
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' &&
        (list.data.length === 0 ? (
          <p className="meta">{t('referrals.none')}</p>
        ) : (
          <ul className="list">
            {list.data.map((r) => (
              <li key={r.id} className="row" data-testid="referral" data-status={r.status}>
                <span className="row-main">
                  <span className="row-name">{r.partnerName}</span>
                  <span className="meta">
                    {r.need} · {formatDateTime(r.sentAt)}
                  </span>
                  {r.rejectReason && <span className="meta">{t('referrals.rejectedBecause', { reason: r.rejectReason })}</span>}
                  {r.outcome && <span className="meta">{t('referrals.outcomeWas', { outcome: r.outcome })}</span>}
                </span>
                <span className="badge" data-testid="referral-status">
                  {t(`referrals.status.${r.status}`)}
                </span>
              </li>
            ))}
          </ul>
        ))}
      {canRefer && (
        <form className="card form" onSubmit={send} noValidate data-testid="referral-form">
          <h3>{t('referrals.send')}</h3>
          {submit.error !== null && (
            <div className="notice notice-error" role="alert" data-testid="error">
              <p>{summaryMessage(submit.error)}</p>
            </div>
          )}
          <Field name="partnerId" label={t('referrals.partner')} error={errors.partnerId}>
            {(props) => (
              <select {...props} value={partnerId} onChange={(e) => setPartnerId(e.target.value)} data-testid="referral-partner">
                <option value="">{t('assessment.choose')}</option>
                {(partners.status === 'done' ? partners.data : []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} · {p.areaName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="need" label={t('referrals.need')} hint={t('referrals.needHint')} error={errors.need}>
            {(props) => <textarea {...props} rows={3} maxLength={1000} value={need} onChange={(e) => setNeed(e.target.value)} data-testid="referral-need" />}
          </Field>
          <button type="submit" className="button" disabled={submit.busy || !partnerId || need.trim().length < 3} data-testid="send-referral">
            {t('referrals.sendButton')}
          </button>
        </form>
      )}
    </div>
  );
}
