import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { navigate, orgEventPath } from '../../../router';
import { FormError, optional, orgFieldErrors, today, useSubmit } from '../formBits';
import { createEvent, EVENT_KINDS, type Unit } from '../org.api';

interface Draft {
  kind: string;
  title: string;
  startsOn: string;
  endsOn: string;
  place: string;
  agenda: string;
}

/** A new event of the unit (Musda, Mukernas, Bulan Bhakti, sarasehan, study tour…); opens it when saved. */
export function EventForm({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const [d, setD] = useState<Draft>({ kind: 'sarasehan', title: '', startsOn: today(), endsOn: '', place: '', agenda: '' });
  const { busy, error, run } = useSubmit();
  const errors = orgFieldErrors(error);
  const set = (key: keyof Draft) => (value: string) => setD((x) => ({ ...x, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const created = await createEvent(unit.id, {
        kind: d.kind,
        title: d.title.trim(),
        startsOn: d.startsOn,
        ...optional('endsOn', d.endsOn),
        ...optional('place', d.place),
        ...optional('agenda', d.agenda),
      });
      navigate(orgEventPath(created.id));
    });
  }

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="event-form">
      <h2>{t('ipsm.events.new')}</h2>
      <FormError error={error} shown={['kind', 'title', 'startsOn', 'endsOn', 'place', 'agenda']} />
      <Field name="kind" label={t('ipsm.events.kind')} error={errors.kind}>
        {(props) => (
          <select {...props} value={d.kind} onChange={(e) => set('kind')(e.target.value)} data-testid="event-kind">
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`ipsm.events.kinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="title" label={t('ipsm.events.name')} error={errors.title}>
        {(props) => (
          <input
            {...props}
            value={d.title}
            maxLength={200}
            onChange={(e) => set('title')(e.target.value)}
            data-testid="event-title"
          />
        )}
      </Field>
      <div className="field-pair">
        <Field name="startsOn" label={t('ipsm.events.startsOn')} error={errors.startsOn}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={d.startsOn}
              onChange={(e) => set('startsOn')(e.target.value)}
              data-testid="event-startsOn"
            />
          )}
        </Field>
        <Field name="endsOn" label={t('ipsm.events.endsOn')} hint={t('ipsm.events.endsOnHint')} error={errors.endsOn}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={d.endsOn}
              onChange={(e) => set('endsOn')(e.target.value)}
              data-testid="event-endsOn"
            />
          )}
        </Field>
      </div>
      <Field name="place" label={t('ipsm.events.place')} error={errors.place}>
        {(props) => (
          <input
            {...props}
            value={d.place}
            maxLength={300}
            onChange={(e) => set('place')(e.target.value)}
            data-testid="event-place"
          />
        )}
      </Field>
      <Field name="agenda" label={t('ipsm.events.agenda')} error={errors.agenda}>
        {(props) => (
          <textarea
            {...props}
            rows={4}
            maxLength={10000}
            value={d.agenda}
            onChange={(e) => set('agenda')(e.target.value)}
            data-testid="event-agenda"
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={busy || !d.title.trim() || !d.startsOn} data-testid="event-save">
          {t('ipsm.events.save')}
        </button>
      </div>
    </form>
  );
}
