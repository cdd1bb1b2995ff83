import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { transitionCase, verificationStep } from './cases.api';
import { CLOSURE_REASONS, LIFECYCLE_ACTIONS, VERIFICATION_ACTIONS, type Case } from './cases.types';

type Step = { kind: 'lifecycle' | 'verification'; action: string };
const isLifecycle = (a: string) => (LIFECYCLE_ACTIONS as readonly string[]).includes(a);
const isVerification = (a: string) => (VERIFICATION_ACTIONS as readonly string[]).includes(a);
/** Steps that need something written first: a closure reason, a reopening note, a return reason. */
const needsForm = (s: Step) => (s.kind === 'lifecycle' ? s.action === 'close' || s.action === 'reopen' : s.action === 'return');

function StepDialog({ kase, step, onDone, onClose }: { kase: Case; step: Step; onDone: (c: Case) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<string>(CLOSURE_REASONS[0]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const closing = step.kind === 'lifecycle' && step.action === 'close';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const text = note.trim() || undefined;
      onDone(
        step.kind === 'lifecycle'
          ? await transitionCase(kase.id, { action: step.action, version: kase.version, ...(closing ? { closureReason: reason } : {}), ...(text ? { note: text } : {}) })
          : await verificationStep(kase.id, { action: step.action, version: kase.version, ...(text ? { reason: text } : {}) }),
      );
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog title={t(`cases.action.${step.action}`)} onClose={onClose} testId="case-step-dialog">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {error !== null && (
          <div className="notice notice-error" role="alert" data-testid="error">
            <p>{summaryMessage(error)}</p>
          </div>
        )}
        {closing && (
          <Field name="closureReason" label={t('cases.closureReasonLabel')} error={errors.closureReason}>
            {(props) => (
              <select {...props} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="closure-reason">
                {CLOSURE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`cases.closure.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field name="note" label={t('cases.note')} error={errors.note ?? errors.reason}>
          {(props) => <textarea {...props} rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="step-note" />}
        </Field>
        <div className="actions">
          <button type="submit" className="button" disabled={busy} data-testid="step-submit">
            {t(`cases.action.${step.action}`)}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Lifecycle and verification buttons, exactly as the case's `actions` lists them. */
export function CaseActions({ kase, onChange }: { kase: Case; onChange: (c: Case) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Step | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const steps: Step[] = [
    ...kase.actions.filter(isLifecycle).map((action) => ({ kind: 'lifecycle' as const, action })),
    ...kase.actions.filter(isVerification).map((action) => ({ kind: 'verification' as const, action })),
  ];
  if (steps.length === 0) return null;

  async function direct(step: Step) {
    setBusy(true);
    setError(null);
    try {
      onChange(
        step.kind === 'lifecycle'
          ? await transitionCase(kase.id, { action: step.action, version: kase.version })
          : await verificationStep(kase.id, { action: step.action, version: kase.version }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" data-testid="case-actions">
      <h2>{t('cases.actionsTitle')}</h2>
      {error !== null && (
        <div className="notice notice-error" role="alert" data-testid="error">
          <p>{summaryMessage(error)}</p>
        </div>
      )}
      <div className="actions">
        {steps.map((s) => (
          <button
            key={`${s.kind}-${s.action}`}
            type="button"
            disabled={busy}
            className={`button${s.action === 'close' || s.action === 'return' ? ' button-secondary' : ''}`}
            onClick={() => (needsForm(s) ? setOpen(s) : void direct(s))}
            data-testid={`case-action-${s.action}`}
          >
            {t(`cases.action.${s.action}`)}
          </button>
        ))}
      </div>
      {open && (
        <StepDialog
          kase={kase}
          step={open}
          onClose={() => setOpen(null)}
          onDone={(c) => {
            setOpen(null);
            onChange(c);
          }}
        />
      )}
    </section>
  );
}
