import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalCheckin, LocalRecipient } from './localDistributions';
import { recipientForCode } from './localDistributions';
import { canScan, normaliseCode, readQrFromPhoto } from './qrCode';

/**
 * "Pindai QR": finds the recipient of an invitation by its QR code, offline. The camera
 * photo is read with the browser's BarcodeDetector where there is one; the code printed
 * under the QR can always be typed instead.
 */
export function QrCheckin({
  eventId,
  recipients,
  done,
  onFound,
}: {
  eventId: string;
  recipients: LocalRecipient[];
  done: Map<string, LocalCheckin>;
  onFound: (recipient: LocalRecipient, code: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scanning = canScan();

  const match = async (raw: string) => {
    const value = normaliseCode(raw);
    if (!value) return setError(t('distributionUi.qr.empty'));
    const found = await recipientForCode(eventId, value, recipients);
    if (!found) return setError(t('distributionUi.checkin.notListed'));
    if (done.has(found.recipient.id)) return setError(t('distributionUi.checkin.already'));
    setError(null);
    setCode('');
    setOpen(false);
    onFound(found.recipient, found.code);
  };

  const scan = async (files: FileList | null) => {
    const photo = files?.[0];
    if (!photo) return;
    setBusy(true);
    try {
      const value = await readQrFromPhoto(photo);
      if (value) await match(value);
      else setError(t('distributionUi.qr.noCode'));
    } catch {
      setError(t('distributionUi.qr.noCode'));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void match(code);
  };

  if (!open)
    return (
      <button
        type="button"
        className="button button-secondary button-block"
        onClick={() => setOpen(true)}
        data-testid="checkin-qr-open"
      >
        {t('distributionUi.qr.open')}
      </button>
    );

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="checkin-qr">
      <h2 className="section-title">{t('distributionUi.qr.title')}</h2>
      {scanning && (
        <div className="field">
          <label className="button button-block photo-button" htmlFor="checkin-qr-photo">
            {busy ? t('distributionUi.qr.reading') : t('distributionUi.qr.scan')}
          </label>
          <input
            id="checkin-qr-photo"
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            disabled={busy}
            onChange={(e) => {
              void scan(e.target.files);
              e.target.value = '';
            }}
            data-testid="checkin-qr-photo"
          />
        </div>
      )}
      <div className={`field${error ? ' has-error' : ''}`}>
        <label className="field-label" htmlFor="checkin-qr-code">
          {t('distributionUi.qr.codeLabel')}
        </label>
        <p className="field-hint">{scanning ? t('distributionUi.qr.codeHint') : t('distributionUi.qr.noScanner')}</p>
        <input
          id="checkin-qr-code"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          data-testid="checkin-qr-code"
        />
        {error && (
          <p className="field-error" role="alert" data-testid="checkin-qr-error">
            {error}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy} data-testid="checkin-qr-find">
          {t('distributionUi.checkin.find')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setOpen(false);
            setError(null);
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
