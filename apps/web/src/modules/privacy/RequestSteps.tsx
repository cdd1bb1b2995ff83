import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { useLoad } from '../../hooks/useLoad';
import { getPerson } from '../persons/persons.api';
import { fulfilRequest, listConsents, recordIdentityCheck, refuseRequest } from './privacy.api';
import { IDENTITY_DOCUMENTS, IDENTITY_METHODS, type SubjectRequest } from './privacy.types';
import { useSubmit } from '../../hooks/useSubmit';

type Step = { request: SubjectRequest; onDone: (r: SubjectRequest) => void };

function FormError({ error, errors }: { error: unknown; errors: Record<string, string> }) {
  if (error === null) return null;
  // Field messages sit next to their field; the rest (version conflict, legal hold…) here.
  const shown = Object.keys(errors).filter((k) => k !== 'version');
  if (shown.length > 0) return null;
  return (
    <p className="notice notice-error" role="alert" data-testid="error">
      {summaryMessage(error)}
    </p>
  );
}

/** Step 1: how the requester's identity was checked (before anything is disclosed or changed). */
export function IdentityCheckForm({ request, onDone }: Step) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<string>('tatap_muka');
  const [document, setDocument] = useState<string>('ktp');
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);
  return (
    <form
      className="card form"
      data-testid="identity-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(
          async () => onDone(await recordIdentityCheck(request.id, { version: request.version, method, document })),
          () => {},
        );
      }}
    >
      <h2>{t('privacy.identity.title')}</h2>
      <Field name="method" label={t('privacy.identity.method')} error={errors.method}>
        {(props) => (
          <select {...props} value={method} onChange={(e) => setMethod(e.target.value)} data-testid="identity-method">
            {IDENTITY_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`privacy.identity.methods.${m}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="document" label={t('privacy.identity.document')} error={errors.document}>
        {(props) => (
          <select {...props} value={document} onChange={(e) => setDocument(e.target.value)} data-testid="identity-document">
            {IDENTITY_DOCUMENTS.map((d) => (
              <option key={d} value={d}>
                {t(`privacy.identity.documents.${d}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormError error={submit.error} errors={errors} />
      <button type="submit" className="button" disabled={submit.busy} data-testid="record-identity">
        {t('privacy.identity.record')}
      </button>
    </form>
  );
}

/** Kind-specific inputs of the answer: the consent withdrawn, or the corrected fields. */
function KindInputs({
  request,
  consentId,
  setConsentId,
  correction,
  setCorrection,
  errors,
}: {
  request: SubjectRequest;
  consentId: string;
  setConsentId: (v: string) => void;
  correction: { fullName: string; address: string; phone: string };
  setCorrection: (v: { fullName: string; address: string; phone: string }) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const consents = useLoad(
    () => (request.kind === 'consent_withdrawal' ? listConsents(request.personId) : Promise.resolve({ items: [] })),
    [request.kind, request.personId],
  );
  if (request.kind === 'consent_withdrawal') {
    const items = consents.status === 'done' ? consents.data.items.filter((c) => c.active) : [];
    return (
      <Field name="consentId" label={t('privacy.fulfil.consent')} error={errors.consentId}>
        {(props) => (
          <select {...props} value={consentId} onChange={(e) => setConsentId(e.target.value)} data-testid="fulfil-consent">
            <option value="">—</option>
            {items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.purpose} ({c.basis}, {c.givenOn})
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }
  if (request.kind !== 'correction') return null;
  const set = (k: keyof typeof correction) => (e: { target: { value: string } }) =>
    setCorrection({ ...correction, [k]: e.target.value });
  return (
    <fieldset className="form">
      <legend>{t('privacy.fulfil.correction')}</legend>
      {(['fullName', 'address', 'phone'] as const).map((k) => (
        <Field key={k} name={`correction.${k}`} label={t(`privacy.fulfil.fields.${k}`)} error={errors[`correction.${k}`]}>
          {(props) => <input {...props} value={correction[k]} onChange={set(k)} data-testid={`correction-${k}`} />}
        </Field>
      ))}
    </fieldset>
  );
}

/** Step 2: carry out and answer the request (the letter and export follow from it). */
export function FulfilForm({ request, onDone }: Step) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState('');
  const [consentId, setConsentId] = useState('');
  const [correction, setCorrection] = useState({ fullName: '', address: '', phone: '' });
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);

  async function send() {
    const body: Parameters<typeof fulfilRequest>[1] = { version: request.version, summary };
    if (request.kind === 'consent_withdrawal' && consentId) body.consentId = consentId;
    if (request.kind === 'correction') {
      // A correction goes through the person's normal edit, based on its current version.
      const person = await getPerson(request.personId);
      const changes = Object.fromEntries(
        Object.entries(correction)
          .filter(([, v]) => v.trim() !== '')
          .map(([k, v]) => [k, v.trim()]),
      );
      body.correction = { version: person.version, ...changes };
    }
    onDone(await fulfilRequest(request.id, body));
  }

  return (
    <form
      className="card form"
      data-testid="fulfil-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(send, () => {});
      }}
    >
      <h2>{t('privacy.fulfil.title')}</h2>
      <p className="meta">{t(`privacy.fulfil.effect.${request.kind}`)}</p>
      <KindInputs
        request={request}
        consentId={consentId}
        setConsentId={setConsentId}
        correction={correction}
        setCorrection={setCorrection}
        errors={errors}
      />
      <Field name="summary" label={t('privacy.fulfil.summary')} hint={t('privacy.fulfil.summaryHint')} error={errors.summary}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            data-testid="fulfil-summary"
          />
        )}
      </Field>
      <FormError error={submit.error} errors={errors} />
      <button type="submit" className="button" disabled={submit.busy} data-testid="fulfil">
        {t(`privacy.fulfil.submit.${request.kind}`)}
      </button>
    </form>
  );
}

/** Or: refuse, with a reason the letter gives to the person. */
export function RefuseForm({ request, onDone }: Step) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);
  return (
    <details className="card">
      <summary data-testid="refuse-open">{t('privacy.refuse.title')}</summary>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(
            async () => onDone(await refuseRequest(request.id, { version: request.version, reason })),
            () => {},
          );
        }}
      >
        <Field name="reason" label={t('privacy.refuse.reason')} error={errors.reason}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="refuse-reason"
            />
          )}
        </Field>
        <FormError error={submit.error} errors={errors} />
        <button type="submit" className="button button-secondary" disabled={submit.busy} data-testid="refuse">
          {t('privacy.refuse.submit')}
        </button>
      </form>
    </details>
  );
}
