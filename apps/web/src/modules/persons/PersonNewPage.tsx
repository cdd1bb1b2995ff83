import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Link } from '../../components/Link';
import { navigate, personPath } from '../../router';
import { useSession } from '../../session/SessionContext';
import { PersonForm } from './PersonForm';
import { createPerson, keepWarnings } from './persons.api';
import type { PersonInput } from './persons.types';
import { grantAreas, soleVillage } from './scope';

/** `/warga/baru`: registers a person (pendataan); warnings are shown on the new record, never block. */
export default function PersonNewPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save(input: PersonInput) {
    setBusy(true);
    setError(null);
    try {
      const created = await createPerson(input);
      keepWarnings(created.id, created.warnings);
      navigate(personPath(created.id), { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const fields = fieldErrors(error);
  return (
    <div className="page narrow-page">
      <Link href="/warga" className="back-link">
        ← {t('persons.backToList')}
      </Link>
      <h1>{t('persons.newTitle')}</h1>
      <p className="meta">{t('persons.form.privacy')}</p>
      {error !== null && (
        <div className="notice notice-error" role="alert" data-testid="error">
          <p>{summaryMessage(error)}</p>
        </div>
      )}
      <PersonForm
        person={null}
        villageWithin={grantAreas(me)}
        defaultVillage={soleVillage(me)}
        errors={fields}
        busy={busy}
        submitLabel={t('persons.form.register')}
        onSubmit={(input) => void save(input)}
      />
    </div>
  );
}
