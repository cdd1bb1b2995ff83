import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../components/Link';
import { useLive } from '../../../offline/useLive';
import { useFieldDb } from '../../field/FieldApp';
import { fieldPaths } from '../../field/fieldPaths';
import { CheckinForm, type CheckinChoice } from './CheckinForm';
import { checkinsByRecipient, eventRecipients, queueCheckin, recipientsForNik, type LocalRecipient } from './localDistributions';
import { QrCheckin } from './QrCheckin';
import { useProofUploads } from './useProofUploads';
import './fieldDistributions.css';

/** Checks recipients in at a distribution, from the list, by NIK or by the invitation's QR code; works with no signal. */
export function FieldCheckinScreen({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const db = useFieldDb();
  useProofUploads(db);
  const data = useLive(
    async () => ({ ...(await eventRecipients(db, eventId)), done: await checkinsByRecipient(db) }),
    [db, eventId],
  );
  const [nik, setNik] = useState('');
  const [nikError, setNikError] = useState<string | null>(null);
  const [selected, setSelected] = useState<{ recipient: LocalRecipient; nik?: string; qrToken?: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  if (!data) return null;
  const { event, recipients, done } = data;
  if (!event) return <p className="notice">{t('distributionUi.field.notOnPhone')}</p>;

  const findByNik = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const value = nik.replace(/\D/g, '');
    if (value.length !== 16) return setNikError(t('distributionUi.checkin.nik16'));
    const hits = recipientsForNik(value, recipients).filter((r) => !done.has(r.id));
    if (hits.length === 0)
      return setNikError(
        recipientsForNik(value, recipients).length ? t('distributionUi.checkin.already') : t('distributionUi.checkin.notListed'),
      );
    if (hits.length > 1) return setNikError(t('distributionUi.checkin.ambiguous'));
    setNikError(null);
    setSelected({ recipient: hits[0]!, nik: value });
  };

  const save = async (choice: CheckinChoice) => {
    if (!selected) return;
    await queueCheckin(db, {
      eventId,
      recipientId: selected.recipient.id,
      ...(selected.nik ? { nik: selected.nik } : {}),
      ...(selected.qrToken ? { qrToken: selected.qrToken } : {}),
      ...choice,
    });
    setSaved(selected.recipient.displayName);
    setSelected(null);
    setNik('');
  };

  return (
    <div className="page field-page">
      <Link href={fieldPaths.distributions} className="back-link">
        ← {t('distributionUi.field.title')}
      </Link>
      <h1 className="page-title" data-testid="field-distribution-title">
        {event.programmeName} · {event.place}
      </h1>
      <p className="meta" data-testid="field-distribution-progress">
        {event.heldOn} · {t('distributionUi.field.progress', { done: event.checkedIn, total: event.expected })}
      </p>
      {saved && (
        <p className="notice notice-ok" role="status" data-testid="checkin-saved">
          {t('distributionUi.checkin.saved', { name: saved })}
        </p>
      )}
      {selected ? (
        <CheckinForm
          recipient={selected.recipient}
          via={selected.nik ? 'nik' : selected.qrToken ? 'qr' : 'list'}
          onSave={save}
          onCancel={() => setSelected(null)}
        />
      ) : (
        <>
          <QrCheckin
            eventId={eventId}
            recipients={recipients}
            done={done}
            onFound={(recipient, qrToken) => {
              setSaved(null);
              setSelected({ recipient, qrToken });
            }}
          />
          <form className="card form" onSubmit={findByNik} noValidate>
            <div className={`field${nikError ? ' has-error' : ''}`}>
              <label className="field-label" htmlFor="checkin-nik">
                {t('distributionUi.checkin.nikLabel')}
              </label>
              <input
                id="checkin-nik"
                inputMode="numeric"
                autoComplete="off"
                maxLength={16}
                value={nik}
                onChange={(e) => setNik(e.target.value.replace(/\D/g, ''))}
                data-testid="checkin-nik"
              />
              {nikError && (
                <p className="field-error" data-testid="checkin-nik-error">
                  {nikError}
                </p>
              )}
            </div>
            <button type="submit" className="button button-block" data-testid="checkin-nik-find">
              {t('distributionUi.checkin.find')}
            </button>
          </form>
        </>
      )}
      <h2 className="section-title">{t('distributionUi.field.listTitle')}</h2>
      <ul className="plain-list person-rows" data-testid="field-recipient-list">
        {recipients.map((r) => {
          const c = done.get(r.id);
          return (
            <li key={r.id}>
              <button
                type="button"
                className="person-row recipient-row"
                disabled={Boolean(c)}
                onClick={() => {
                  setSaved(null);
                  setSelected({ recipient: r });
                }}
                data-testid="field-recipient"
                data-status={c ? c.outcome : 'none'}
              >
                <span className="person-row-name">{r.displayName}</span>
                <span className="person-row-meta">
                  {r.nikMasked ?? '—'} · {r.villageName}
                  {c && (
                    <span className="badge" data-testid="recipient-outcome">
                      {t(`distributionUi.outcomes.${c.outcome}`)}
                      {c.representativeName ? ` (${c.representativeName})` : ''}
                    </span>
                  )}
                  {c?.pending && <span className="badge badge-muted">{t('distributionUi.field.pendingBadge')}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
