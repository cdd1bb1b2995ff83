import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, FieldMessage } from '../../components/Field';
import { useAction } from '../programmes/formErrors';
import { CHECKLIST, stepUsulan, uploadUsulanFile, type StepBody, type Usulan } from './usulan.api';

type Done = (u: Usulan) => void;

/** A step that needs nothing but a click (propose, approvals, withdraw). */
export function SimpleStep({
  u,
  action,
  onDone,
}: {
  u: Usulan;
  action: 'propose' | 'approve_verifier' | 'approve_head' | 'withdraw';
  onDone: Done;
}) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  const go = async () => {
    const next = await run(() => stepUsulan(u.id, { action, version: u.version }));
    if (next) onDone(next);
  };
  return (
    <div>
      <button
        type="button"
        className={`button${action === 'withdraw' ? ' button-secondary' : ''}`}
        disabled={busy}
        onClick={() => void go()}
        data-testid={`usulan-step-${action}`}
      >
        {t(`usulanUi.actions.${action}`)}
      </button>
      {error !== null && <ErrorMessage error={error} />}
    </div>
  );
}

/** Returning for correction: the reason is required. */
export function ReturnStep({ u, onDone }: { u: Usulan; onDone: Done }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { busy, error, errors, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = await run(() => stepUsulan(u.id, { action: 'return', version: u.version, reason: reason.trim() }));
    if (next) onDone(next);
  };
  return (
    <details className="card">
      <summary data-testid="usulan-step-return">{t('usulanUi.actions.return')}</summary>
      <form className="step-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field name="reason" label={t('usulanUi.returnReason')} error={errors.reason}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="usulan-return-reason"
            />
          )}
        </Field>
        {error !== null && !errors.reason && <ErrorMessage error={error} />}
        <button type="submit" className="button button-secondary" disabled={busy} data-testid="usulan-return-submit">
          {t('usulanUi.actions.return')}
        </button>
      </form>
    </details>
  );
}

/** An SPTJM in place of a musdes: the signed scan and the signer. */
export function SptjmStep({ u, onDone }: { u: Usulan; onDone: Done }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [signer, setSigner] = useState('');
  const { busy, error, errors, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = await run(async () => {
      const body: StepBody = { action: 'sptjm', version: u.version, sptjmSigner: signer.trim() };
      if (file) body.sptjmFileId = (await uploadUsulanFile(u.villageCode, 'sptjm', file, file.name)).id;
      return stepUsulan(u.id, body);
    });
    if (next) onDone(next);
  };
  return (
    <form className="card step-form" onSubmit={(e) => void submit(e)} noValidate data-testid="usulan-sptjm-form">
      <h3>{t('usulanUi.sptjm.title')}</h3>
      <Field name="sptjmFileId" label={t('usulanUi.sptjm.file')} error={errors.sptjmFileId ?? errors.file}>
        {(p) => (
          <input
            {...p}
            type="file"
            accept="image/*,application/pdf"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="usulan-sptjm-file"
          />
        )}
      </Field>
      <Field name="sptjmSigner" label={t('usulanUi.sptjm.signer')} error={errors.sptjmSigner}>
        {(p) => <input {...p} value={signer} onChange={(e) => setSigner(e.target.value)} data-testid="usulan-sptjm-signer" />}
      </Field>
      {error !== null && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
      <button type="submit" className="button" disabled={busy} data-testid="usulan-sptjm-submit">
        {t('usulanUi.sptjm.submit')}
      </button>
    </form>
  );
}

/** Field verification: every checklist item answered, a note, photos. */
export function VerifyStep({ u, onDone }: { u: Usulan; onDone: Done }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [incomplete, setIncomplete] = useState(false);
  const { busy, error, errors, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (CHECKLIST.some((c) => answers[c] === undefined)) return setIncomplete(true);
    setIncomplete(false);
    const next = await run(async () => {
      const photoFileIds: string[] = [];
      for (const p of photos) photoFileIds.push((await uploadUsulanFile(u.villageCode, 'verification_photo', p, p.name)).id);
      return stepUsulan(u.id, {
        action: 'verify',
        version: u.version,
        checklist: answers,
        ...(note.trim() ? { verificationNote: note.trim() } : {}),
        ...(photoFileIds.length ? { photoFileIds } : {}),
      });
    });
    if (next) onDone(next);
  };
  return (
    <form className="card step-form" onSubmit={(e) => void submit(e)} noValidate data-testid="usulan-verify-form">
      <h3>{t('usulanUi.verify.title')}</h3>
      {CHECKLIST.map((c) => (
        <fieldset key={c} className="field">
          <legend className="field-label">{t(`usulanUi.checklist.${c}`)}</legend>
          <div className="choices">
            {[true, false].map((v) => (
              <label key={String(v)} className="choice">
                <input
                  type="radio"
                  name={`check-${c}`}
                  checked={answers[c] === v}
                  onChange={() => setAnswers((a) => ({ ...a, [c]: v }))}
                  data-testid={`check-${c}-${v ? 'yes' : 'no'}`}
                />
                {v ? t('usulanUi.yes') : t('usulanUi.no')}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <FieldMessage name="checklist" error={incomplete ? t('usulanUi.verify.incomplete') : errors.checklist} />
      <Field name="verificationNote" label={t('usulanUi.verify.note')} error={errors.verificationNote}>
        {(p) => (
          <textarea {...p} rows={3} value={note} onChange={(e) => setNote(e.target.value)} data-testid="usulan-verify-note" />
        )}
      </Field>
      <Field name="photoFileIds" label={t('usulanUi.verify.photos')} error={errors.photoFileIds}>
        {(p) => (
          <input
            {...p}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            onChange={(e) => setPhotos([...(e.target.files ?? [])].slice(0, 10))}
            data-testid="usulan-verify-photos"
          />
        )}
      </Field>
      {error !== null && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
      <button type="submit" className="button" disabled={busy} data-testid="usulan-verify-submit">
        {t('usulanUi.actions.verify')}
      </button>
    </form>
  );
}
