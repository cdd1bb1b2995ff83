import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { areaPath } from '../../router';
import { typeLabel } from './areaLabels';
import { searchAreas } from './areas.api';
import type { AreaSearchResult } from './areas.types';

const minChars = 2;
const debounceMs = 300;

type SearchState =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'done'; q: string; items: AreaSearchResult[] }
  | { status: 'error'; error: unknown };

/** Finds an area by name anywhere in Indonesia; a result opens that area. */
export function AreaSearch() {
  const { t } = useTranslation();
  const inputId = useId();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const q = query.trim();

  useEffect(() => {
    if (q.length < minChars) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'searching' });
    const timer = setTimeout(() => {
      searchAreas(q, controller.signal).then(
        (items) => setState({ status: 'done', q, items }),
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ status: 'error', error });
        },
      );
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, attempt]);

  return (
    <div className="area-search" role="search">
      <label htmlFor={inputId} className="field-label">
        {t('areas.search.label')}
      </label>
      <div className="search-field">
        <Icon name="search" className="search-icon" />
        <input
          id={inputId}
          type="search"
          inputMode="search"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('areas.search.placeholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          data-testid="area-search"
        />
      </div>
      <div aria-live="polite" className="search-status">
        {q.length > 0 && q.length < minChars && <p className="hint">{t('areas.search.minChars')}</p>}
        {state.status === 'searching' && <p className="hint">{t('areas.search.searching')}</p>}
        {state.status === 'done' && state.items.length === 0 && (
          <p className="hint">{t('areas.search.noResults', { q: state.q })}</p>
        )}
      </div>
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {state.status === 'done' && state.items.length > 0 && (
        <ul className="search-results" aria-label={t('areas.search.resultsLabel')} data-testid="search-results">
          {state.items.map((area) => (
            <li key={area.code}>
              <Link
                href={areaPath(area.code)}
                className="search-result"
                data-testid="search-result"
                data-code={area.code}
                onClick={() => setQuery('')}
              >
                <span className="row-name">{area.name}</span>
                <span className="row-meta">
                  <span className="badge">{typeLabel(t, area)}</span>
                  <span className="code">{area.code}</span>
                </span>
                {area.path && (
                  <span className="result-path" data-testid="search-result-path">
                    {area.path}
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
