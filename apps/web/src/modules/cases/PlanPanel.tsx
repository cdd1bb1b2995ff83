import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useFormatDate } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { currentLanguage } from '../../i18n';
import { today } from '../members/MemberBits';
import { addGoal, completeFollowUp, getPlan, planService, recordDelivery, scheduleFollowUp, serviceKinds } from './cases.api';
import type { ServiceKind } from './cases.types';
import { useSubmit } from '../../hooks/useSubmit';

function FormError({ error }: { error: unknown }) {
  if (error === null) return null;
  return (
    <div className="notice notice-error" role="alert" data-testid="error">
      <p>{summaryMessage(error)}</p>
    </div>
  );
}

function ServiceSelect({ kinds, value, onChange, testId, error }: { kinds: ServiceKind[]; value: string; onChange: (v: string) => void; testId: string; error?: string | undefined }) {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en';
  return (
    <Field name="serviceCode" label={t('plan.service')} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          <option value="">{t('assessment.choose')}</option>
          {kinds.map((k) => (
            <option key={k.code} value={k.code}>
              {en ? k.nameEn : k.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Goals, planned services, deliveries and follow-ups of a case; `canRecord` from the case's `actions`. */
export function PlanPanel({ caseId, canRecord, onChanged, reloadKey }: { caseId: string; canRecord: boolean; onChanged: () => void; reloadKey: number }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const plan = useLoad(() => getPlan(caseId), [caseId, reloadKey]);
  const kinds = useLoad(() => (canRecord ? serviceKinds() : Promise.resolve([])), [canRecord]);
  const [goal, setGoal] = useState('');
  const [planned, setPlanned] = useState('');
  const [delivery, setDelivery] = useState({ serviceCode: '', deliveredOn: today(), quantity: '1', note: '' });
  const [followUp, setFollowUp] = useState({ dueOn: '', purpose: '' });
  const [outcome, setOutcome] = useState<Record<string, string>>({});
  const goalSubmit = useSubmit();
  const planSubmit = useSubmit();
  const deliverySubmit = useSubmit();
  const followSubmit = useSubmit();
  const doneSubmit = useSubmit();
  const list = kinds.status === 'done' ? kinds.data : [];

  const on = (fn: () => Promise<void>) => (e: FormEvent) => {
    e.preventDefault();
    void fn();
  };

  if (plan.status === 'loading') return <Loading />;
  if (plan.status === 'error') return <ErrorMessage error={plan.error} onRetry={plan.retry} />;
  const p = plan.data;
  return (
    <div className="page" data-testid="plan">
      <section className="card">
        <h3>{t('plan.goals')}</h3>
        <ul className="plain-list" data-testid="goals">
          {p.goals.map((g) => (
            <li key={g.id} data-testid="goal">
              {g.description} <span className="badge badge-muted">{t(`plan.goalStatus.${g.status}`, { defaultValue: g.status })}</span>
            </li>
          ))}
        </ul>
        {canRecord && (
          <form className="form" noValidate onSubmit={on(() => goalSubmit.run(() => addGoal(caseId, { description: goal.trim() }), () => (setGoal(''), onChanged())))}>
            <FormError error={goalSubmit.error} />
            <Field name="description" label={t('plan.newGoal')} error={fieldErrors(goalSubmit.error).description}>
              {(props) => <input {...props} value={goal} onChange={(e) => setGoal(e.target.value)} data-testid="goal-input" />}
            </Field>
            <button type="submit" className="button button-secondary" disabled={goalSubmit.busy || goal.trim().length < 3} data-testid="add-goal">
              {t('plan.addGoal')}
            </button>
          </form>
        )}
      </section>

      <section className="card">
        <h3>{t('plan.services')}</h3>
        <ul className="plain-list" data-testid="planned-services">
          {p.services.map((s) => (
            <li key={s.id} data-testid="planned-service" data-code={s.serviceCode}>
              {s.serviceName}
              {s.plannedOn ? ` · ${formatDate(s.plannedOn)}` : ''}
            </li>
          ))}
        </ul>
        {canRecord && (
          <form className="form" noValidate onSubmit={on(() => planSubmit.run(() => planService(caseId, { serviceCode: planned }), () => (setPlanned(''), onChanged())))}>
            <FormError error={planSubmit.error} />
            <ServiceSelect kinds={list} value={planned} onChange={setPlanned} testId="plan-service" />
            <button type="submit" className="button button-secondary" disabled={planSubmit.busy || !planned} data-testid="add-planned-service">
              {t('plan.addService')}
            </button>
          </form>
        )}
      </section>

      <section className="card">
        <h3>{t('plan.deliveries')}</h3>
        <ul className="plain-list" data-testid="deliveries">
          {p.deliveries.map((d) => (
            <li key={d.id} data-testid="delivery" data-code={d.serviceCode}>
              {d.serviceName} · {d.quantity} {d.unit} · {formatDate(d.deliveredOn)} · {d.delivererLabel}
            </li>
          ))}
        </ul>
        {canRecord && (
          <form
            className="form"
            noValidate
            onSubmit={on(() =>
              deliverySubmit.run(
                () =>
                  recordDelivery(caseId, {
                    serviceCode: delivery.serviceCode,
                    deliveredOn: delivery.deliveredOn,
                    quantity: Number(delivery.quantity),
                    ...(delivery.note.trim() ? { note: delivery.note.trim() } : {}),
                  }),
                () => (setDelivery({ serviceCode: '', deliveredOn: today(), quantity: '1', note: '' }), onChanged()),
              ),
            )}
          >
            <FormError error={deliverySubmit.error} />
            <ServiceSelect kinds={list} value={delivery.serviceCode} onChange={(serviceCode) => setDelivery((d) => ({ ...d, serviceCode }))} testId="delivery-service" />
            <div className="field-pair">
              <Field name="deliveredOn" label={t('plan.deliveredOn')}>
                {(props) => <input {...props} type="date" value={delivery.deliveredOn} onChange={(e) => setDelivery((d) => ({ ...d, deliveredOn: e.target.value }))} data-testid="delivery-date" />}
              </Field>
              <Field name="quantity" label={t('plan.quantity')}>
                {(props) => (
                  <input {...props} type="number" inputMode="decimal" min={0} value={delivery.quantity} onChange={(e) => setDelivery((d) => ({ ...d, quantity: e.target.value }))} data-testid="delivery-quantity" />
                )}
              </Field>
            </div>
            <Field name="note" label={t('plan.note')}>
              {(props) => <input {...props} value={delivery.note} onChange={(e) => setDelivery((d) => ({ ...d, note: e.target.value }))} data-testid="delivery-note" />}
            </Field>
            <button type="submit" className="button button-secondary" disabled={deliverySubmit.busy || !delivery.serviceCode} data-testid="add-delivery">
              {t('plan.addDelivery')}
            </button>
          </form>
        )}
      </section>

      <section className="card">
        <h3>{t('plan.followUps')}</h3>
        <FormError error={doneSubmit.error} />
        <ul className="plain-list" data-testid="follow-ups">
          {p.followUps.map((f) => (
            <li key={f.id} data-testid="follow-up" data-done={f.doneAt ? 'true' : 'false'}>
              <p>
                {formatDate(f.dueOn)} · {f.purpose} {f.overdue && <span className="badge badge-warn">{t('plan.overdue')}</span>}
                {f.outcome && <span className="block meta">{f.outcome}</span>}
              </p>
              {canRecord && !f.doneAt && (
                <form
                  className="form"
                  noValidate
                  onSubmit={on(() => doneSubmit.run(() => completeFollowUp(caseId, f.id, (outcome[f.id] ?? '').trim()), onChanged))}
                >
                  <Field name="outcome" label={t('plan.outcome')}>
                    {(props) => <input {...props} value={outcome[f.id] ?? ''} onChange={(e) => setOutcome((o) => ({ ...o, [f.id]: e.target.value }))} data-testid="follow-up-outcome" />}
                  </Field>
                  <button type="submit" className="button button-secondary" disabled={doneSubmit.busy} data-testid="follow-up-done">
                    {t('plan.markDone')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
        {canRecord && (
          <form
            className="form"
            noValidate
            onSubmit={on(() => followSubmit.run(() => scheduleFollowUp(caseId, { dueOn: followUp.dueOn, purpose: followUp.purpose.trim() }), () => (setFollowUp({ dueOn: '', purpose: '' }), onChanged())))}
          >
            <FormError error={followSubmit.error} />
            <Field name="dueOn" label={t('plan.dueOn')} error={fieldErrors(followSubmit.error).dueOn}>
              {(props) => <input {...props} type="date" value={followUp.dueOn} onChange={(e) => setFollowUp((f) => ({ ...f, dueOn: e.target.value }))} data-testid="follow-up-date" />}
            </Field>
            <Field name="purpose" label={t('plan.purpose')} error={fieldErrors(followSubmit.error).purpose}>
              {(props) => <input {...props} value={followUp.purpose} onChange={(e) => setFollowUp((f) => ({ ...f, purpose: e.target.value }))} data-testid="follow-up-purpose" />}
            </Field>
            <button type="submit" className="button button-secondary" disabled={followSubmit.busy || !followUp.dueOn} data-testid="add-follow-up">
              {t('plan.addFollowUp')}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
