import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useLoad } from '../../hooks/useLoad';
import { navigate } from '../../router';
import { useSession } from '../../session/SessionContext';
import { createUsulan } from '../usulan/usulan.api';
import { usulanPath } from '../usulan/paths';
import { today, useAction } from './formErrors';
import {
  createMembership,
  listMemberships,
  listProgrammes,
  MEMBERSHIP_SOURCES,
  MEMBERSHIP_STATUSES,
  updateMembership,
  type Membership,
  type Programme,
} from './programmes.api';
import './programmes.css';

function MembershipForm({ personId, programmes, onSaved }: { personId: string; programmes: Programme[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({
    programmeCode: '',
    status: 'aktif',
    periodStart: '',
    periodEnd: '',
    dtsenId: '',
    kks: '',
    decile: '',
    source: 'dtsen',
    infoDate: today(),
    note: '',
  });
  const { busy, error, errors, run } = useAction();
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await run(() =>
      createMembership({
        personId,
        programmeCode: f.programmeCode,
        status: f.status,
        source: f.source,
        infoDate: f.infoDate,
        ...(f.periodStart ? { periodStart: f.periodStart } : {}),
        ...(f.periodEnd ? { periodEnd: f.periodEnd } : {}),
        ...(f.dtsenId.trim() ? { dtsenId: f.dtsenId.trim() } : {}),
        ...(f.kks.trim() ? { kks: f.kks.trim() } : {}),
        ...(f.decile ? { decile: Number(f.decile) } : {}),
        ...(f.note.trim() ? { note: f.note.trim() } : {}),
      }),
    );
    if (saved) onSaved();
  };
  return (
    <details className="card">
      <summary data-testid="membership-add">{t('programmeUi.add')}</summary>
      <form className="step-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field name="programmeCode" label={t('programmeUi.programme')} error={errors.programmeCode}>
          {(p) => (
            <select
              {...p}
              value={f.programmeCode}
              onChange={(e) => set({ programmeCode: e.target.value })}
              data-testid="membership-programme"
            >
              <option value="">—</option>
              {programmes.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="status" label={t('programmeUi.status')} error={errors.status}>
          {(p) => (
            <select {...p} value={f.status} onChange={(e) => set({ status: e.target.value })} data-testid="membership-status">
              {MEMBERSHIP_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`programmeUi.statuses.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="periodStart" label={t('programmeUi.periodStart')} error={errors.periodStart}>
          {(p) => <input {...p} type="date" value={f.periodStart} onChange={(e) => set({ periodStart: e.target.value })} />}
        </Field>
        <Field name="periodEnd" label={t('programmeUi.periodEnd')} error={errors.periodEnd}>
          {(p) => <input {...p} type="date" value={f.periodEnd} onChange={(e) => set({ periodEnd: e.target.value })} />}
        </Field>
        <Field name="dtsenId" label={t('programmeUi.dtsenId')} error={errors.dtsenId}>
          {(p) => <input {...p} value={f.dtsenId} onChange={(e) => set({ dtsenId: e.target.value })} />}
        </Field>
        <Field name="kks" label={t('programmeUi.kks')} hint={t('programmeUi.kksHint')} error={errors.kks}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              autoComplete="off"
              maxLength={16}
              value={f.kks}
              onChange={(e) => set({ kks: e.target.value.replace(/\D/g, '') })}
              data-testid="membership-kks"
            />
          )}
        </Field>
        <Field name="decile" label={t('programmeUi.decile')} error={errors.decile}>
          {(p) => (
            <select {...p} value={f.decile} onChange={(e) => set({ decile: e.target.value })}>
              <option value="">—</option>
              {Array.from({ length: 10 }, (_, i) => i + 1).map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="source" label={t('programmeUi.source')} error={errors.source}>
          {(p) => (
            <select {...p} value={f.source} onChange={(e) => set({ source: e.target.value })}>
              {MEMBERSHIP_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`programmeUi.sources.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="infoDate" label={t('programmeUi.infoDate')} error={errors.infoDate}>
          {(p) => <input {...p} type="date" value={f.infoDate} onChange={(e) => set({ infoDate: e.target.value })} />}
        </Field>
        {error !== null && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
        <button type="submit" className="button" disabled={busy} data-testid="membership-save">
          {t('common.save')}
        </button>
      </form>
    </details>
  );
}

function MembershipRow({ m, onChanged }: { m: Membership; onChanged: () => void }) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  const end = async () => {
    const done = await run(() => updateMembership(m.id, { version: m.version, status: 'berhenti', periodEnd: today() }));
    if (done) onChanged();
  };
  return (
    <li data-testid="membership" data-status={m.status}>
      <strong>{m.programmeName}</strong> · {t(`programmeUi.statuses.${m.status}`)}
      <span className="row-meta">
        {[
          m.periodStart && `${m.periodStart} – ${m.periodEnd ?? ''}`,
          m.kksMasked && `KKS ${m.kksMasked}`,
          m.decile && t('programmeUi.decileN', { n: m.decile }),
          t(`programmeUi.sources.${m.source}`),
          m.infoDate,
        ]
          .filter(Boolean)
          .join(' · ')}
      </span>
      {m.status !== 'berhenti' && m.actions.includes('programme.enrol') && (
        <button
          type="button"
          className="button button-secondary"
          disabled={busy}
          onClick={() => void end()}
          data-testid="membership-end"
        >
          {t('programmeUi.end')}
        </button>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </li>
  );
}

function UsulanForm({ personId, programmes }: { personId: string; programmes: Programme[] }) {
  const { t } = useTranslation();
  const [programmeCode, setProgrammeCode] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, errors, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const u = await run(() => createUsulan({ personId, programmeCode, reason: reason.trim() }));
    if (u) navigate(usulanPath(u.id));
  };
  return (
    <details className="card">
      <summary data-testid="usulan-new">{t('programmeUi.newUsulan')}</summary>
      <form className="step-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field name="programmeCode" label={t('programmeUi.programme')} error={errors.programmeCode}>
          {(p) => (
            <select
              {...p}
              value={programmeCode}
              onChange={(e) => setProgrammeCode(e.target.value)}
              data-testid="usulan-programme"
            >
              <option value="">—</option>
              {programmes.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="reason" label={t('programmeUi.usulanReason')} error={errors.reason}>
          {(p) => (
            <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="usulan-reason" />
          )}
        </Field>
        {error !== null && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
        <button type="submit" className="button" disabled={busy} data-testid="usulan-create">
          {t('programmeUi.createDraft')}
        </button>
      </form>
    </details>
  );
}

/** The person page's panel: programme memberships (KKS masked), add or end one, draft an usulan. */
export default function PersonProgrammes({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const perms = me?.permissions ?? [];
  const list = useLoad(() => listMemberships({ personId }), [personId]);
  const programmes = useLoad(() => listProgrammes(), []);
  const active = programmes.status === 'done' ? programmes.data.items.filter((p) => p.active) : [];
  if (!perms.includes('programme.read')) return null;
  return (
    <section className="card" aria-labelledby="programmes-title" data-testid="person-programmes">
      <h2 id="programmes-title">{t('programmeUi.title')}</h2>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' &&
        (list.data.items.length === 0 ? (
          <p className="meta">{t('programmeUi.none')}</p>
        ) : (
          <ul className="list">
            {list.data.items.map((m) => (
              <MembershipRow key={m.id} m={m} onChanged={list.retry} />
            ))}
          </ul>
        ))}
      {perms.includes('programme.enrol') && <MembershipForm personId={personId} programmes={active} onSaved={list.retry} />}
      {perms.includes('usulan.create') && <UsulanForm personId={personId} programmes={active} />}
    </section>
  );
}
