import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { useFormatDateTime } from '../../hooks/useFormat';
import { logDelivery, markNoticeReady, noticeLetterHref, updateNotice } from './privacy.api';
import { DELIVERY_CHANNELS, type Breach, type Notice } from './privacy.types';
import { localNow, toInstant } from './BreachesPage';
import { Download } from './PrivacyBits';
import { useSubmit } from '../../hooks/useSubmit';

// UU PDP Pasal 46(2): a notice must say which data, when and how it was exposed, and what was done.
const CONTENTS = ['dataExposed', 'whenAndHow', 'measuresTaken', 'contact'] as const;
type Content = (typeof CONTENTS)[number];

function ErrorLine({ error, errors }: { error: unknown; errors: Record<string, string> }) {
  if (error === null || Object.keys(errors).some((k) => k !== 'version')) return null;
  return (
    <p className="notice notice-error" role="alert" data-testid="error">
      {summaryMessage(error)}
    </p>
  );
}

/** The notice's mandatory contents, editable while it is a draft or ready. */
function NoticeContents({ breachId, notice, onChange }: { breachId: string; notice: Notice; onChange: (b: Breach) => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState<Record<Content, string>>(
    () => Object.fromEntries(CONTENTS.map((k) => [k, notice[k] ?? ''])) as Record<Content, string>,
  );
  const save = useSubmit();
  const ready = useSubmit();
  const errors = { ...fieldErrors(save.error), ...fieldErrors(ready.error) };
  const body = () => ({ ...Object.fromEntries(CONTENTS.map((k) => [k, v[k].trim() || null])), version: notice.version });
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(
          async () => onChange(await updateNotice(breachId, notice.audience, body())),
          () => {},
        );
      }}
    >
      {CONTENTS.map((k) => (
        <Field
          key={k}
          name={k}
          label={t(`privacy.notice.fields.${k}`)}
          hint={notice.missing.includes(k) ? t('privacy.notice.missingHint') : undefined}
          error={errors[k]}
        >
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={v[k]}
              onChange={(e) => setV({ ...v, [k]: e.target.value })}
              data-testid={`notice-${notice.audience}-${k}`}
            />
          )}
        </Field>
      ))}
      <ErrorLine error={save.error ?? ready.error} errors={errors} />
      <div className="actions">
        <button
          type="submit"
          className="button button-secondary"
          disabled={save.busy}
          data-testid={`notice-${notice.audience}-save`}
        >
          {t('privacy.notice.save')}
        </button>
        {notice.status === 'draft' && (
          <button
            type="button"
            className="button"
            disabled={ready.busy}
            onClick={() =>
              void ready.run(
                async () => onChange(await markNoticeReady(breachId, notice.audience)),
                () => {},
              )
            }
            data-testid={`notice-${notice.audience}-ready`}
          >
            {t('privacy.notice.markReady')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Records one delivery of a ready notice (channel, how many recipients, when). */
function DeliveryForm({ breachId, notice, onChange }: { breachId: string; notice: Notice; onChange: (b: Breach) => void }) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<string>(notice.audience === 'authority' ? 'portal_otoritas' : 'surat');
  const [recipients, setRecipients] = useState('1');
  const [at, setAt] = useState(localNow());
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);
  const send = () =>
    logDelivery(breachId, notice.audience, {
      channel,
      recipients: Number(recipients),
      deliveredAt: toInstant(at),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(
          async () => onChange(await send()),
          () => {},
        );
      }}
    >
      <div className="field-pair">
        <Field name="channel" label={t('privacy.delivery.channel')} error={errors.channel}>
          {(props) => (
            <select
              {...props}
              value={channel}
              onChange={(e) => setChannel(e.target.value)}
              data-testid={`delivery-${notice.audience}-channel`}
            >
              {DELIVERY_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`privacy.delivery.channels.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="recipients" label={t('privacy.delivery.recipients')} error={errors.recipients}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              inputMode="numeric"
              value={recipients}
              onChange={(e) => setRecipients(e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field name="deliveredAt" label={t('privacy.delivery.at')} error={errors.deliveredAt}>
        {(props) => <input {...props} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />}
      </Field>
      <Field name="note" label={t('privacy.delivery.note')} error={errors.note}>
        {(props) => <input {...props} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <ErrorLine error={submit.error} errors={errors} />
      <button type="submit" className="button" disabled={submit.busy} data-testid={`delivery-${notice.audience}-log`}>
        {t('privacy.delivery.log')}
      </button>
    </form>
  );
}

/** One notice (to the persons or to the authority): contents, readiness, letter and delivery log. */
export function NoticeCard({ breachId, notice, onChange }: { breachId: string; notice: Notice; onChange: (b: Breach) => void }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <section className="card" data-testid={`notice-${notice.audience}`} data-status={notice.status}>
      <h2>{t(`privacy.notice.audience.${notice.audience}`)}</h2>
      <p>
        <span
          className={`badge${notice.status === 'draft' ? ' badge-warn' : ''}`}
          data-testid={`notice-${notice.audience}-status`}
        >
          {t(`privacy.notice.status.${notice.status}`)}
        </span>{' '}
        {notice.missing.length > 0 && (
          <span className="meta">
            {t('privacy.notice.missing', { fields: notice.missing.map((m) => t(`privacy.notice.fields.${m}`)).join(', ') })}
          </span>
        )}
      </p>
      <NoticeContents key={notice.version} breachId={breachId} notice={notice} onChange={onChange} />
      <div className="actions">
        <Download
          href={noticeLetterHref(breachId, notice.audience)}
          label={t('privacy.notice.letter')}
          testId={`notice-${notice.audience}-letter`}
        />
      </div>
      <h3>{t('privacy.delivery.title')}</h3>
      {notice.deliveries.length === 0 ? (
        <p className="meta">{t('privacy.delivery.none')}</p>
      ) : (
        <ul data-testid={`deliveries-${notice.audience}`}>
          {notice.deliveries.map((d) => (
            <li key={d.id}>
              {formatDateTime(d.deliveredAt)} · {t(`privacy.delivery.channels.${d.channel}`)} ·{' '}
              {t('privacy.delivery.count', { count: d.recipients })}
              {d.note ? ` · ${d.note}` : ''}
            </li>
          ))}
        </ul>
      )}
      {notice.status !== 'draft' && <DeliveryForm breachId={breachId} notice={notice} onChange={onChange} />}
    </section>
  );
}
