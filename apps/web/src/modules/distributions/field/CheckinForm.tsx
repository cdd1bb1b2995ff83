import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { compressPhoto } from '../../../offline/photos';
import type { LocalRecipient, Outcome } from './localDistributions';

export interface CheckinChoice {
  outcome: Outcome;
  representativeName?: string;
  representativeRelation?: string;
  proof?: Blob;
}

const OUTCOMES: Outcome[] = ['received', 'represented', 'absent'];

/** Received, represented (by whom) or absent, with an optional proof photo made small on the phone. */
export function CheckinForm({
  recipient,
  via,
  onSave,
  onCancel,
}: {
  recipient: LocalRecipient;
  /** How the recipient was found: by NIK or QR code the server checks it again. */
  via: 'list' | 'nik' | 'qr';
  onSave: (c: CheckinChoice) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>('received');
  const [repName, setRepName] = useState('');
  const [repRelation, setRepRelation] = useState('');
  const [proof, setProof] = useState<Blob | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!proof) return setPreview(null);
    const url = URL.createObjectURL(proof);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [proof]);

  const pick = async (files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    setBusy(true);
    try {
      setProof(await compressPhoto(f));
    } catch {
      setError(t('distributionUi.checkin.photoFailed'));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (outcome === 'represented' && repName.trim().length < 2) {
      setError(t('distributionUi.checkin.repRequired'));
      return;
    }
    setBusy(true);
    await onSave({
      outcome,
      ...(outcome === 'represented'
        ? {
            representativeName: repName.trim(),
            ...(repRelation.trim().length >= 2 ? { representativeRelation: repRelation.trim() } : {}),
          }
        : {}),
      ...(proof && outcome !== 'absent' ? { proof } : {}),
    });
  };

  return (
    <form className="card form field-form" onSubmit={(e) => void submit(e)} noValidate data-testid="checkin-form">
      <h2 className="section-title" data-testid="checkin-name">
        {recipient.displayName}
      </h2>
      <p className="meta">
        {recipient.nikMasked ?? '—'} · {recipient.villageName}
        {via === 'nik' ? ` · ${t('distributionUi.checkin.byNik')}` : ''}
        {via === 'qr' ? ` · ${t('distributionUi.checkin.byQr')}` : ''}
      </p>
      <fieldset className="field">
        <legend className="field-label">{t('distributionUi.checkin.outcome')}</legend>
        <div className="choices">
          {OUTCOMES.map((o) => (
            <label key={o} className="choice">
              <input
                type="radio"
                name="outcome"
                checked={outcome === o}
                onChange={() => setOutcome(o)}
                data-testid={`checkin-outcome-${o}`}
              />
              {t(`distributionUi.outcomes.${o}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {outcome === 'represented' && (
        <>
          <div className={`field${error ? ' has-error' : ''}`}>
            <label className="field-label" htmlFor="checkin-rep">
              {t('distributionUi.checkin.repName')}
            </label>
            <input id="checkin-rep" value={repName} onChange={(e) => setRepName(e.target.value)} data-testid="checkin-rep-name" />
            {error && <p className="field-error">{error}</p>}
          </div>
          <div className="field">
            <label className="field-label" htmlFor="checkin-rel">
              {t('distributionUi.checkin.repRelation')}
            </label>
            <input
              id="checkin-rel"
              value={repRelation}
              onChange={(e) => setRepRelation(e.target.value)}
              data-testid="checkin-rep-relation"
            />
          </div>
        </>
      )}
      {outcome !== 'absent' && (
        <div className="field">
          <label className="button button-secondary button-block photo-button" htmlFor="checkin-photo">
            {t('distributionUi.checkin.photo')}
          </label>
          <input
            id="checkin-photo"
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => void pick(e.target.files)}
            data-testid="checkin-photo"
          />
          {preview && (
            <div className="photo-previews" data-testid="checkin-preview">
              <img src={preview} alt={t('distributionUi.checkin.photoAlt')} />
            </div>
          )}
        </div>
      )}
      {error && outcome !== 'represented' && <p className="field-error">{error}</p>}
      <div className="actions">
        <button type="submit" className="button" disabled={busy} data-testid="checkin-save">
          {t('distributionUi.checkin.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
