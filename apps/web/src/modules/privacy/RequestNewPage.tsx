import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { navigate } from '../../router';
import { useCanNavigate } from '../../session/SessionContext';
import type { PersonListItem } from '../persons/persons.types';
import { registerRequest } from './privacy.api';
import { REQUEST_CHANNELS, REQUEST_KINDS, REQUESTERS, type RequestKind } from './privacy.types';
import { PersonPicker } from './PersonPicker';
import { requestPath } from './RequestsPage';
import { useSubmit } from '../../hooks/useSubmit';

/** `/privasi/permintaan/baru`: staff record a request a person made at the office or to a PSM. */
export default function RequestNewPage() {
  const { t } = useTranslation();
  const isDpo = useCanNavigate('privacy.manage');
  const [person, setPerson] = useState<PersonListItem | null>(null);
  const [kind, setKind] = useState<RequestKind>('access');
  const [channel, setChannel] = useState<string>('kantor');
  const [requester, setRequester] = useState<string>('subjek');
  const [details, setDetails] = useState('');
  const [sent, setSent] = useState(false);
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);

  function send() {
    const body = { personId: person?.id ?? '', kind, channel, requester, ...(details.trim() ? { details: details.trim() } : {}) };
    void submit.run(
      async () => {
        const r = await registerRequest(body);
        // The DPO continues with the identity check; other staff hand over to the DPO.
        if (isDpo) navigate(requestPath(r.id));
        else setSent(true);
      },
      () => {},
    );
  }

  if (sent) {
    return (
      <div className="page">
        <h1>{t('privacy.request.new')}</h1>
        <p className="notice notice-ok" data-testid="request-sent">
          {t('privacy.request.sent')}
        </p>
        <Link href="/" className="button">
          {t('common.backHome')}
        </Link>
      </div>
    );
  }
  return (
    <div className="page privacy-page">
      <h1>{t('privacy.request.new')}</h1>
      <p className="meta">{t('privacy.request.newIntro')}</p>
      <form
        className="card form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <PersonPicker value={person} onChange={setPerson} error={errors.personId} />
        <Field name="kind" label={t('privacy.request.kind')} error={errors.kind}>
          {(props) => (
            <select {...props} value={kind} onChange={(e) => setKind(e.target.value as RequestKind)} data-testid="request-kind">
              {REQUEST_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`privacy.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="channel" label={t('privacy.request.channel')} error={errors.channel}>
          {(props) => (
            <select {...props} value={channel} onChange={(e) => setChannel(e.target.value)} data-testid="request-channel">
              {REQUEST_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`privacy.channel.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="requester" label={t('privacy.request.requester')} error={errors.requester}>
          {(props) => (
            <select {...props} value={requester} onChange={(e) => setRequester(e.target.value)} data-testid="request-requester">
              {REQUESTERS.map((r) => (
                <option key={r} value={r}>
                  {t(`privacy.requester.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="details" label={t('privacy.request.details')} hint={t('privacy.request.detailsHint')} error={errors.details}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={details}
              onChange={(e) => setDetails(e.target.value)}
              data-testid="request-details"
            />
          )}
        </Field>
        {submit.error !== null && Object.keys(errors).length === 0 && (
          <p className="notice notice-error" role="alert" data-testid="error">
            {summaryMessage(submit.error)}
          </p>
        )}
        <button type="submit" className="button" disabled={submit.busy || !person} data-testid="register-request">
          {t('privacy.request.register')}
        </button>
      </form>
    </div>
  );
}
