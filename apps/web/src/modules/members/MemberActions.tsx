import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { today } from './MemberBits';
import { issueKta, transitionMember, type TransitionInput } from './members.api';
import { STOP_REASONS, type Member, type MemberTransition, type StopReason } from './members.types';

/** Transitions that need something written down first (a reason, a stop reason with its basis). */
const NEEDS_FORM: readonly MemberTransition[] = ['return', 'stop'];

function TransitionDialog({ member, transition, onDone, onClose }: { member: Member; transition: MemberTransition; onDone: (m: Member) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [stopReason, setStopReason] = useState<StopReason>('mengundurkan_diri');
  const [basis, setBasis] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: TransitionInput = { transition, version: member.version };
    if (transition === 'return') body.reason = reason.trim();
    if (transition === 'stop') Object.assign(body, { stopReason, date: today(), ...(basis.trim() ? { basis: basis.trim() } : {}) });
    try {
      onDone(await transitionMember(member.id, body));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog title={t(`members.transitions.${transition}`)} onClose={onClose} testId="transition-dialog">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {error !== null && (
          <div className="notice notice-error" role="alert" data-testid="error">
            <p>{summaryMessage(error)}</p>
          </div>
        )}
        {transition === 'return' && (
          <Field name="reason" label={t('members.returnReason')} hint={t('members.returnHint')} error={errors.reason}>
            {(props) => <textarea {...props} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="return-reason" />}
          </Field>
        )}
        {transition === 'stop' && (
          <>
            <Field name="stopReason" label={t('members.stopReasonLabel')} error={errors.stopReason}>
              {(props) => (
                <select {...props} value={stopReason} onChange={(e) => setStopReason(e.target.value as StopReason)} data-testid="stop-reason">
                  {STOP_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`members.stopReason.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="basis" label={t('members.basis')} error={errors.basis}>
              {(props) => <input {...props} value={basis} onChange={(e) => setBasis(e.target.value)} data-testid="stop-basis" />}
            </Field>
          </>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={busy} data-testid="transition-submit">
            {t(`members.transitions.${transition}`)}
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
 * The lifecycle buttons the server offers for this record (`transitions`): verify,
 * return with a reason, resubmit, deactivate, reactivate, stop. Nothing is derived here.
 */
export function MemberTransitions({ member, onChange }: { member: Member; onChange: (m: Member) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<MemberTransition | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (member.transitions.length === 0) return null;

  async function direct(transition: MemberTransition) {
    setBusy(true);
    setError(null);
    try {
      onChange(await transitionMember(member.id, { transition, version: member.version }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="member-actions-title" data-testid="member-transitions">
      <h2 id="member-actions-title">{t('members.actionsTitle')}</h2>
      {error !== null && (
        <div className="notice notice-error" role="alert" data-testid="error">
          <p>{summaryMessage(error)}</p>
        </div>
      )}
      <div className="actions">
        {member.transitions.map((tr) => (
          <button
            key={tr}
            type="button"
            disabled={busy}
            className={`button${tr === 'verify' || tr === 'resubmit' || tr === 'reactivate' ? '' : ' button-secondary'}`}
            onClick={() => (NEEDS_FORM.includes(tr) ? setOpen(tr) : void direct(tr))}
            data-testid={`transition-${tr}`}
          >
            {t(`members.transitions.${tr}`)}
          </button>
        ))}
      </div>
      {open && (
        <TransitionDialog
          member={member}
          transition={open}
          onClose={() => setOpen(null)}
          onDone={(m) => {
            setOpen(null);
            onChange(m);
          }}
        />
      )}
    </section>
  );
}

/** KTA issue (IPSM: sementara by kab/kota, tetap by Nasional — the server decides which is allowed). */
export function KtaForm({ member, onChange }: { member: Member; onChange: (m: Member) => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [kind, setKind] = useState<'sementara' | 'tetap'>('sementara');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onChange(await issueKta(member.id, { number: number.trim(), kind, date: today(), version: member.version }));
      setNumber('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate data-testid="kta-form">
      <h2>{member.kta ? t('members.kta.reissue') : t('members.kta.issue')}</h2>
      {error !== null && !errors.number && (
        <div className="notice notice-error" role="alert" data-testid="error">
          <p>{summaryMessage(error)}</p>
        </div>
      )}
      <Field name="number" label={t('members.kta.number')} error={errors.number}>
        {(props) => <input {...props} value={number} maxLength={50} onChange={(e) => setNumber(e.target.value)} data-testid="kta-number" />}
      </Field>
      <Field name="kind" label={t('members.kta.kind')} error={errors.kind}>
        {(props) => (
          <select {...props} value={kind} onChange={(e) => setKind(e.target.value as 'sementara' | 'tetap')} data-testid="kta-kind">
            <option value="sementara">{t('members.kta.sementara')}</option>
            <option value="tetap">{t('members.kta.tetap')}</option>
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={busy || !number.trim()} data-testid="kta-submit">
          {t('members.kta.submit')}
        </button>
      </div>
    </form>
  );
}
