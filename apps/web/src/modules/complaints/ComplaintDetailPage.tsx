import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { personPath } from '../../router';
import { useAction } from '../programmes/formErrors';
import { listProgrammes } from '../programmes/programmes.api';
import '../programmes/programmes.css';
import { complaintInboxPath } from './paths';
import { getComplaint, linkComplaint, moveStage, NEXT_STAGES, OUTCOMES, type Complaint } from './staff.api';

function StageForm({ c, onDone }: { c: Complaint; onDone: (c: Complaint) => void }) {
  const { t } = useTranslation();
  const next = NEXT_STAGES[c.stage] ?? [];
  const [stage, setStage] = useState(next[0] ?? '');
  const [publicNote, setPublicNote] = useState('');
  const [internalNote, setInternalNote] = useState('');
  const [outcome, setOutcome] = useState('');
  const [outcomeNote, setOutcomeNote] = useState('');
  const { busy, error, errors, run } = useAction();
  if (next.length === 0) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      version: c.version,
      stage,
      ...(publicNote.trim() ? { publicNote: publicNote.trim() } : {}),
      ...(internalNote.trim() ? { internalNote: internalNote.trim() } : {}),
      ...(stage === 'selesai'
        ? { ...(outcome ? { outcome } : {}), ...(outcomeNote.trim() ? { outcomeNote: outcomeNote.trim() } : {}) }
        : {}),
    };
    const moved = await run(() => moveStage(c.id, body));
    if (moved) onDone(moved);
  };
  return (
    <form className="card step-form" onSubmit={(e) => void submit(e)} noValidate data-testid="complaint-stage-form">
      <h2>{t('complaintDesk.advance')}</h2>
      <Field name="stage" label={t('complaintDesk.nextStage')} error={errors.stage}>
        {(p) => (
          <select {...p} value={stage} onChange={(e) => setStage(e.target.value)} data-testid="complaint-next-stage">
            {next.map((s) => (
              <option key={s} value={s}>
                {t(`complaints.stages.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {stage === 'selesai' && (
        <>
          <Field name="outcome" label={t('complaints.outcome')} error={errors.outcome}>
            {(p) => (
              <select {...p} value={outcome} onChange={(e) => setOutcome(e.target.value)} data-testid="complaint-outcome">
                <option value="">—</option>
                {OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {t(`complaints.outcomes.${o}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            name="outcomeNote"
            label={t('complaintDesk.outcomeNote')}
            hint={t('complaintDesk.outcomeNoteHint')}
            error={errors.outcomeNote}
          >
            {(p) => (
              <textarea
                {...p}
                rows={3}
                value={outcomeNote}
                onChange={(e) => setOutcomeNote(e.target.value)}
                data-testid="complaint-outcome-note"
              />
            )}
          </Field>
        </>
      )}
      <Field
        name="publicNote"
        label={t('complaintDesk.publicNote')}
        hint={t('complaintDesk.publicNoteHint')}
        error={errors.publicNote}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={publicNote}
            onChange={(e) => setPublicNote(e.target.value)}
            data-testid="complaint-public-note"
          />
        )}
      </Field>
      <Field name="internalNote" label={t('complaintDesk.internalNote')} error={errors.internalNote}>
        {(p) => <textarea {...p} rows={2} value={internalNote} onChange={(e) => setInternalNote(e.target.value)} />}
      </Field>
      {error !== null && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
      <button type="submit" className="button" disabled={busy || !stage} data-testid="complaint-advance">
        {t('complaintDesk.advance')}
      </button>
    </form>
  );
}

function LinkForm({ c, onDone }: { c: Complaint; onDone: (c: Complaint) => void }) {
  const { t } = useTranslation();
  const programmes = useLoad(() => listProgrammes(), []);
  const [personId, setPersonId] = useState(c.personId ?? '');
  const [programmeCode, setProgrammeCode] = useState(c.programmeCode ?? '');
  const { busy, error, errors, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const linked = await run(() =>
      linkComplaint(c.id, { version: c.version, personId: personId.trim() || null, programmeCode: programmeCode || null }),
    );
    if (linked) onDone(linked);
  };
  return (
    <details className="card">
      <summary data-testid="complaint-link-open">{t('complaintDesk.link')}</summary>
      <form className="step-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field name="personId" label={t('complaintDesk.personId')} hint={t('complaintDesk.personIdHint')} error={errors.personId}>
          {(p) => (
            <input {...p} value={personId} onChange={(e) => setPersonId(e.target.value)} data-testid="complaint-person-id" />
          )}
        </Field>
        <Field name="programmeCode" label={t('complaintDesk.programme')} error={errors.programmeCode}>
          {(p) => (
            <select
              {...p}
              value={programmeCode}
              onChange={(e) => setProgrammeCode(e.target.value)}
              data-testid="complaint-programme"
            >
              <option value="">—</option>
              {(programmes.status === 'done' ? programmes.data.items : []).map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {error !== null && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
        <button type="submit" className="button button-secondary" disabled={busy} data-testid="complaint-link-save">
          {t('common.save')}
        </button>
      </form>
    </details>
  );
}

function ComplaintView({ initial }: { initial: Complaint }) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const [c, setC] = useState(initial);
  const handles = c.actions.includes('complaint.handle');
  return (
    <>
      <section className={`record-header${c.overdue ? ' is-overdue' : ''}`} data-testid="complaint-header" data-stage={c.stage}>
        <p className="eyebrow">
          {t(`complaints.categories.${c.category}`, { defaultValue: c.category })} · {t(`complaintDesk.channel.${c.channel}`)}
        </p>
        <h1 data-testid="complaint-detail-stage">{t(`complaints.stages.${c.stage}`)}</h1>
        <p className="meta">
          {t('complaints.filedAt')}: {formatTime(c.createdAt)}
          {c.stageDueAt ? ` · ${t('complaints.dueAt')}: ${formatTime(c.stageDueAt)}` : ''}
          {c.overdue && <span className="overdue-badge">{t('complaintDesk.overdue')}</span>}
        </p>
        <p>{c.description}</p>
        <dl className="facts">
          {c.subjectName && (
            <div>
              <dt>{t('complaintDesk.subject')}</dt>
              <dd>{c.subjectName}</dd>
            </div>
          )}
          {(c.filerName || c.filerContact) && (
            <div>
              <dt>{t('complaintDesk.filer')}</dt>
              <dd>{[c.filerName, c.filerContact].filter(Boolean).join(' · ')}</dd>
            </div>
          )}
          <div>
            <dt>{t('complaintDesk.programme')}</dt>
            <dd data-testid="complaint-linked-programme">{c.programmeCode ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('complaintDesk.person')}</dt>
            <dd data-testid="complaint-linked-person">
              {c.personId ? <Link href={personPath(c.personId)}>{t('complaintDesk.openPerson')}</Link> : '—'}
            </dd>
          </div>
          {c.outcome && (
            <div>
              <dt>{t('complaints.outcome')}</dt>
              <dd data-testid="complaint-detail-outcome">
                {t(`complaints.outcomes.${c.outcome}`)}
                {c.outcomeNote ? ` — ${c.outcomeNote}` : ''}
              </dd>
            </div>
          )}
        </dl>
      </section>
      {handles && <StageForm key={c.version} c={c} onDone={setC} />}
      {handles && c.stage !== 'ditutup' && <LinkForm key={`l${c.version}`} c={c} onDone={setC} />}
      <section className="card">
        <h2>{t('complaintDesk.history')}</h2>
        <ol className="timeline">
          {[...(c.history ?? [])].reverse().map((h, i) => (
            <li key={`${h.at}-${i}`}>
              <strong>{t(`complaints.stages.${h.toStage}`, { defaultValue: h.toStage })}</strong>
              <span className="block meta">
                {formatTime(h.at)}
                {h.note ? ` · ${h.note}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** `/pengaduan/masuk/:id`: one complaint; advance its stage, link it, record the outcome. */
export default function ComplaintDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const c = useLoad(() => getComplaint(id), [id]);
  return (
    <div className="page">
      <Link href={complaintInboxPath} className="back-link">
        ← {t('complaintDesk.title')}
      </Link>
      {c.status === 'loading' && <Loading />}
      {c.status === 'error' && <ErrorMessage error={c.error} onRetry={c.retry} />}
      {c.status === 'done' && <ComplaintView key={c.data.id} initial={c.data} />}
    </div>
  );
}
