import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { listPersons } from '../persons/persons.api';
import type { PersonListItem } from '../persons/persons.types';

/**
 * Picks the person a request is about from the registry, by name search inside the
 * user's scope. The pick is a record id: no NIK or name ever goes into a URL of Pilar.
 */
export function PersonPicker({
  value,
  onChange,
  error,
}: {
  value: PersonListItem | null;
  onChange: (p: PersonListItem | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<PersonListItem[]>([]);
  useEffect(() => {
    if (q.trim().length < 2) {
      setFound([]);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      listPersons({ area: null, q, page: 1 }, ctl.signal).then(
        (r) => setFound(r.items),
        () => setFound([]),
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [q]);

  if (value) {
    return (
      <div className="field" data-field="personId">
        <span className="field-label">{t('privacy.request.person')}</span>
        <p className="picked" data-testid="picked-person" data-id={value.id}>
          <strong>{value.fullName}</strong> <span className="meta">{value.villageName}</span>{' '}
          <span className="code">{value.nikMasked ?? ''}</span>
        </p>
        <button type="button" className="button button-secondary" onClick={() => onChange(null)}>
          {t('privacy.request.changePerson')}
        </button>
      </div>
    );
  }
  return (
    <Field name="personId" label={t('privacy.request.person')} hint={t('privacy.request.personHint')} error={error}>
      {(props) => (
        <>
          <input
            {...props}
            type="search"
            autoComplete="off"
            spellCheck={false}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            data-testid="person-search"
          />
          {found.length > 0 && (
            <ul className="list privacy-choices" data-testid="person-choices">
              {found.map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    className="row row-link privacy-choice"
                    onClick={() => onChange(p)}
                    data-testid="person-choice"
                    data-id={p.id}
                  >
                    <span className="row-main">
                      <span className="row-name">{p.fullName}</span>
                      <span className="row-meta">
                        {p.villageName} · <span className="code">{p.nikMasked ?? t('privacy.request.noNik')}</span>
                      </span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Field>
  );
}
