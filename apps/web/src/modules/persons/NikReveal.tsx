import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { revealNik } from './persons.api';

const REASON_MIN = 10;
export const REVEAL_SECONDS = 30;

function RevealDialog({
  personId,
  onRevealed,
  onClose,
}: {
  personId: string;
  onRevealed: (nik: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const length = reason.trim().length;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (length < REASON_MIN) return;
    setBusy(true);
    setError(null);
    try {
      onRevealed((await revealNik(personId, reason.trim())).nik);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const fields = fieldErrors(error);
  return (
    <Dialog title={t('reveal.title')} onClose={onClose} testId="reveal-dialog">
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <p>{t('reveal.intro')}</p>
        {error !== null && !fields.reason && (
          <div className="notice notice-error" role="alert" data-testid="error">
            <p>{summaryMessage(error)}</p>
          </div>
        )}
        <Field name="reason" label={t('reveal.reason')} hint={t('reveal.audited')} error={fields.reason}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              required
              minLength={REASON_MIN}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('reveal.placeholder')}
              data-testid="reveal-reason"
            />
          )}
        </Field>
        <p className={`meta${length > 0 && length < REASON_MIN ? ' field-error' : ''}`} aria-live="polite">
          {length < REASON_MIN ? t('reveal.minChars', { min: REASON_MIN, n: length }) : t('reveal.ready')}
        </p>
        <div className="actions">
          <button type="submit" className="button" disabled={busy || length < REASON_MIN} data-testid="reveal-submit">
            {t('reveal.submit')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * The NIK, masked; with `person.reveal_nik` in the record's actions, it can be shown
 * for a stated reason (audited) and is masked again after {@link REVEAL_SECONDS} s.
 */
export function NikReveal({ personId, masked, canReveal }: { personId: string; masked: string; canReveal: boolean }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [shown, setShown] = useState<{ nik: string; until: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());

  // Counted against the clock, not by ticks: a phone that sleeps or throttles timers
  // still hides the NIK on time.
  useEffect(() => {
    if (!shown) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= shown.until) setShown(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [shown]);
  const left = shown ? Math.max(0, Math.ceil((shown.until - now) / 1000)) : 0;

  return (
    <div className="nik-reveal">
      <span className="code nik-value" data-testid="nik-value" data-revealed={shown ? 'true' : 'false'}>
        {shown ? shown.nik : masked}
      </span>
      {shown ? (
        <>
          <span className="meta" aria-live="polite" data-testid="nik-countdown">
            {t('reveal.hidesIn', { n: left })}
          </span>
          <button type="button" className="button button-secondary" onClick={() => setShown(null)} data-testid="nik-hide">
            {t('reveal.hide')}
          </button>
        </>
      ) : (
        canReveal && (
          <button type="button" className="button button-secondary" onClick={() => setAsking(true)} data-testid="reveal-nik">
            {t('reveal.open')}
          </button>
        )
      )}
      {asking && (
        <RevealDialog
          personId={personId}
          onClose={() => setAsking(false)}
          onRevealed={(nik) => {
            setAsking(false);
            const at = Date.now();
            setNow(at);
            setShown({ nik, until: at + REVEAL_SECONDS * 1000 });
          }}
        />
      )}
    </div>
  );
}
