import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../../components/ErrorMessage';
import { Field } from '../../../components/Field';
import { useLoad } from '../../../hooks/useLoad';
import { FormError, Openable, orgFieldErrors, useSubmit } from '../formBits';
import { canManage, createAnnouncement, unitAnnouncements, type Unit } from '../org.api';
import { UnitFrame } from '../UnitFrame';
import { AnnouncementList } from './AnnouncementList';

/** Writing an announcement to every member whose village lies in the unit's area. */
function AnnouncementForm({ unit, onPublished }: { unit: Unit; onPublished: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSubmit();
  const errors = orgFieldErrors(error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    void run(async () => {
      await createAnnouncement(unit.id, { title: title.trim(), body: body.trim() });
      setTitle('');
      setBody('');
      setDone(true);
      onPublished();
    });
  }

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="announcement-form">
      <h2>{t('ipsm.announcements.new')}</h2>
      <FormError error={error} shown={['title', 'body']} />
      {done && (
        <p className="notice" role="status" data-testid="announcement-published">
          {t('ipsm.announcements.published', { area: unit.areaName })}
        </p>
      )}
      <Field name="title" label={t('ipsm.announcements.subject')} error={errors.title}>
        {(props) => (
          <input
            {...props}
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="announcement-title-input"
          />
        )}
      </Field>
      <Field name="body" label={t('ipsm.announcements.body')} error={errors.body}>
        {(props) => (
          <textarea
            {...props}
            rows={5}
            maxLength={10000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            data-testid="announcement-body-input"
          />
        )}
      </Field>
      <div className="actions">
        <button
          type="submit"
          className="button"
          disabled={busy || !title.trim() || !body.trim()}
          data-testid="announcement-publish"
        >
          {t('ipsm.announcements.publish')}
        </button>
      </div>
    </form>
  );
}

function UnitAnnouncements({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const state = useLoad(() => unitAnnouncements(unit.id), [unit.id]);
  return (
    <>
      {canManage(unit) && (
        <Openable label={t('ipsm.announcements.new')} testId="new-announcement">
          <AnnouncementForm unit={unit} onPublished={state.retry} />
        </Openable>
      )}
      <section aria-labelledby="unit-announcements-title">
        <h2 id="unit-announcements-title">{t('ipsm.announcements.title')}</h2>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
        {state.status === 'done' && <AnnouncementList items={state.data.items} />}
      </section>
    </>
  );
}

/** `/ipsm/:id/pengumuman`: the unit's announcements; its managers write new ones here. */
export default function UnitAnnouncementsPage({ id }: { id: string }) {
  return (
    <UnitFrame id={id} tab="announcements">
      {(unit) => <UnitAnnouncements unit={unit} />}
    </UnitFrame>
  );
}
