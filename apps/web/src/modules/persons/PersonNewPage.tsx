import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Link } from '../../components/Link';
import { navigate, personPath } from '../../router';
import { useSession } from '../../session/SessionContext';
import { DuplicateNotice, blocksRegistration, isClear } from './DuplicateNotice';
import { PersonForm } from './PersonForm';
import { checkDuplicates, createPerson, keepWarnings } from './persons.api';
import type { DuplicateCheckResult, PersonInput } from './persons.types';
import { grantAreas, soleVillage } from './scope';

/**
 * `/warga/baru`: registers a person (pendataan). Every submit first asks the server for
 * duplicates: the same NIK stops the registration, near matches (similar name, birth
 * date, village) are shown and the user goes on only by choosing to. Warnings about the
 * data itself are shown on the new record and never block.
 */
export default function PersonNewPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [check, setCheck] = useState<{ input: PersonInput; result: DuplicateCheckResult } | null>(null);

  async function register(input: PersonInput) {
    const created = await createPerson(input);
    keepWarnings(created.id, created.warnings);
    navigate(personPath(created.id), { replace: true });
  }

  async function attempt(send: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await send();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const submit = (input: PersonInput) =>
    attempt(async () => {
      setCheck(null);
      const result = await checkDuplicates(input);
      if (isClear(result)) return register(input);
      setCheck({ input, result });
    });

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
      {check && (
        <DuplicateNotice
          result={check.result}
          busy={busy}
          onContinue={() => {
            if (!blocksRegistration(check.result)) void attempt(() => register(check.input));
          }}
        />
      )}
      <PersonForm
        person={null}
        villageWithin={grantAreas(me)}
        defaultVillage={soleVillage(me)}
        errors={fields}
        busy={busy}
        submitLabel={t('persons.form.register')}
        onSubmit={(input) => void submit(input)}
      />
    </div>
  );
}
