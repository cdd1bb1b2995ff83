import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { fieldErrors } from '../../api/client';
import { useLoad } from '../../hooks/useLoad';
import { personPath } from '../../router';
import { useSubmit } from '../../hooks/useSubmit';
import { liftRestriction, listRestricted } from './privacy.api';

/** One restricted person with the form that lifts the restriction (a reason is required). */
function LiftForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(() => liftRestriction(personId, reason), onDone);
      }}
    >
      <Field name="reason" label={t('privacy.restricted.reason')} error={errors.reason}>
        {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="lift-reason" />}
      </Field>
      {submit.error !== null && !errors.reason && <ErrorMessage error={submit.error} />}
      <button type="submit" className="button button-secondary" disabled={submit.busy} data-testid="lift-restriction">
        {t('privacy.restricted.lift')}
      </button>
    </form>
  );
}

/** Persons whose processing is restricted (UU PDP Pasal 11): hidden from other lists, visible here to the DPO. */
export function RestrictedPersons() {
  const { t } = useTranslation();
  const list = useLoad(() => listRestricted(), []);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="restricted-title" data-testid="restricted-persons">
      <h2 id="restricted-title">{t('privacy.restricted.title')}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' &&
        (list.data.items.length === 0 ? (
          <p className="meta">{t('privacy.restricted.empty')}</p>
        ) : (
          <ul className="list">
            {list.data.items.map((p) => (
              <li key={p.id} data-testid="restricted-person" data-id={p.id} className="privacy-item">
                <Link href={personPath(p.id)}>{p.fullName}</Link> <span className="code">{p.nikMasked ?? ''}</span>
                {open === p.id ? (
                  <LiftForm personId={p.id} onDone={() => list.retry()} />
                ) : (
                  <button type="button" className="button button-secondary" onClick={() => setOpen(p.id)}>
                    {t('privacy.restricted.lift')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
