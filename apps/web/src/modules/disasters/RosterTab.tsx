import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { addShift, addVolunteer, checkShift, listPosts, listShifts, listVolunteers } from './disasters.api';
import type { AidPost, Incident, Shift, Volunteer } from './disasters.types';
import { VOLUNTEER_KINDS } from './disasters.types';
import { CodeSelect, FormError, localNow, toIso, useSubmit } from './forms';

function Contacts({ items, phonesVisible }: { items: Volunteer[]; phonesVisible: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="contacts-title">
      <h2 id="contacts-title" className="section-title">
        {t('disasters.roster.contacts')}
      </h2>
      {!phonesVisible && (
        <p className="hint" data-testid="phones-hidden">
          {t('disasters.roster.phonesHidden')}
        </p>
      )}
      {items.length === 0 && <p className="hint">{t('disasters.roster.none')}</p>}
      <ul className="list" data-testid="volunteers">
        {items.map((v) => (
          <li key={v.id} className="row" data-testid="volunteer">
            <span className="row-main">
              <span className="row-name">{v.name}</span>
              <span className="row-meta">
                {t(`disasters.roster.kinds.${v.kind}`)}
                {v.organisation ? ` · ${v.organisation}` : ''}
                {v.onDuty && <span className="badge">{t('disasters.roster.onDuty')}</span>}
              </span>
            </span>
            {v.phone && (
              <a className="button button-secondary" href={`tel:${v.phone.replace(/[^+\d]/g, '')}`} data-testid="volunteer-phone">
                {v.phone}
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Shifts({ incident, items, onChanged }: { incident: Incident; items: Shift[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const submit = useSubmit();
  const check = (s: Shift, way: 'in' | 'out') => void submit.run(() => checkShift(incident.id, s.id, way), onChanged);
  return (
    <section aria-labelledby="shifts-title">
      <h2 id="shifts-title" className="section-title">
        {t('disasters.roster.shifts')}
      </h2>
      {items.length === 0 && <p className="hint">{t('disasters.roster.noShifts')}</p>}
      <FormError error={submit.error} shown={{}} />
      <ul className="list" data-testid="shifts">
        {items.map((s) => (
          <li key={s.id} className="row" data-testid="shift">
            <span className="row-main">
              <span className="row-name">
                {s.volunteerName} · {s.postName}
              </span>
              <span className="row-meta">
                {formatTime(s.startsAt)} – {formatTime(s.endsAt)}
                {s.task ? ` · ${s.task}` : ''}
                {s.checkedInAt && ` · ${t('disasters.roster.checkedIn', { at: formatTime(s.checkedInAt) })}`}
                {s.checkedOutAt && ` · ${t('disasters.roster.checkedOut', { at: formatTime(s.checkedOutAt) })}`}
              </span>
            </span>
            {!s.checkedInAt && (
              <button
                type="button"
                className="button"
                disabled={submit.busy}
                onClick={() => check(s, 'in')}
                data-testid="shift-in"
              >
                {t('disasters.roster.checkIn')}
              </button>
            )}
            {s.checkedInAt && !s.checkedOutAt && (
              <button
                type="button"
                className="button button-secondary"
                disabled={submit.busy}
                onClick={() => check(s, 'out')}
                data-testid="shift-out"
              >
                {t('disasters.roster.checkOut')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function VolunteerForm({ incident, onSaved }: { incident: Incident; onSaved: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ kind: 'psm', name: '', phone: '', organisation: '' });
  const submit = useSubmit();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      kind: v.kind,
      name: v.name.trim(),
      ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
      ...(v.organisation.trim() ? { organisation: v.organisation.trim() } : {}),
    };
    void submit.run(
      () => addVolunteer(incident.id, body),
      () => {
        setV({ kind: v.kind, name: '', phone: '', organisation: '' });
        onSaved();
      },
    );
  };
  const text = (k: 'name' | 'phone' | 'organisation', type = 'text') => (
    <Field name={k} label={t(`disasters.roster.${k}`)} error={submit.errors[k]}>
      {(p) => (
        <input
          {...p}
          type={type}
          value={v[k]}
          onChange={(e) => setV((x) => ({ ...x, [k]: e.target.value }))}
          data-testid={`in-vol-${k}`}
        />
      )}
    </Field>
  );
  return (
    <form className="form card" onSubmit={onSubmit} noValidate data-testid="volunteer-form">
      <h3>{t('disasters.roster.add')}</h3>
      <CodeSelect
        name="kind"
        label={t('disasters.roster.kind')}
        options={VOLUNTEER_KINDS}
        value={v.kind}
        onChange={(kind) => setV((x) => ({ ...x, kind }))}
        labelKey="disasters.roster.kinds"
        error={submit.errors.kind}
      />
      {text('name')}
      {text('phone', 'tel')}
      {text('organisation')}
      <FormError error={submit.error} shown={submit.errors} />
      <button type="submit" className="button" disabled={submit.busy} data-testid="volunteer-save">
        {t('disasters.roster.save')}
      </button>
    </form>
  );
}

function ShiftForm({
  incident,
  volunteers,
  posts,
  onSaved,
}: {
  incident: Incident;
  volunteers: Volunteer[];
  posts: AidPost[];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    volunteerId: volunteers[0]?.id ?? '',
    postId: posts[0]?.id ?? '',
    startsAt: localNow(),
    endsAt: localNow(),
    task: '',
  });
  const submit = useSubmit();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      volunteerId: v.volunteerId,
      postId: v.postId,
      startsAt: toIso(v.startsAt),
      endsAt: toIso(v.endsAt),
      ...(v.task.trim() ? { task: v.task.trim() } : {}),
    };
    void submit.run(() => addShift(incident.id, body), onSaved);
  };
  const select = (k: 'volunteerId' | 'postId', label: string, options: { id: string; name: string }[]) => (
    <Field name={k} label={label} error={submit.errors[k]}>
      {(p) => (
        <select {...p} value={v[k]} onChange={(e) => setV((x) => ({ ...x, [k]: e.target.value }))}>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const time = (k: 'startsAt' | 'endsAt') => (
    <Field name={k} label={t(`disasters.roster.${k}`)} error={submit.errors[k]}>
      {(p) => <input {...p} type="datetime-local" value={v[k]} onChange={(e) => setV((x) => ({ ...x, [k]: e.target.value }))} />}
    </Field>
  );
  return (
    <form className="form card" onSubmit={onSubmit} noValidate data-testid="shift-form">
      <h3>{t('disasters.roster.addShift')}</h3>
      {select('volunteerId', t('disasters.roster.volunteer'), volunteers)}
      {select('postId', t('disasters.roster.post'), posts)}
      <div className="field-pair">
        {time('startsAt')}
        {time('endsAt')}
      </div>
      <Field name="task" label={t('disasters.roster.task')} error={submit.errors.task}>
        {(p) => <input {...p} value={v.task} onChange={(e) => setV((x) => ({ ...x, task: e.target.value }))} maxLength={200} />}
      </Field>
      <FormError error={submit.error} shown={submit.errors} />
      <button type="submit" className="button" disabled={submit.busy}>
        {t('disasters.roster.saveShift')}
      </button>
    </form>
  );
}

/** Volunteer roster: contact list (phones as the API allows), shifts with check-in/out, and the manager's forms. */
export function RosterTab({ incident }: { incident: Incident }) {
  const [round, setRound] = useState(0);
  const again = () => setRound((r) => r + 1);
  const data = useLoad(async () => {
    const [vols, shifts, posts] = await Promise.all([
      listVolunteers(incident.id),
      listShifts(incident.id),
      listPosts(incident.id),
    ]);
    return { vols, shifts: shifts.items, posts: posts.items };
  }, [incident.id, round]);
  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorMessage error={data.error} onRetry={data.retry} />;
  const { vols, shifts, posts } = data.data;
  const manages = incident.actions.includes('roster');
  return (
    <>
      <Contacts items={vols.items} phonesVisible={vols.phonesVisible} />
      <Shifts incident={incident} items={shifts} onChanged={again} />
      {manages && (
        <div className="form-pair">
          <VolunteerForm incident={incident} onSaved={again} />
          {vols.items.length > 0 && posts.length > 0 && (
            <ShiftForm incident={incident} volunteers={vols.items} posts={posts} onSaved={again} />
          )}
        </div>
      )}
    </>
  );
}
