import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/client';
import { Icon } from '../../components/Icon';
import { typeLabel } from './areaLabels';
import { searchAreasWithin } from './areas.api';
import type { AreaLevel, AreaSearchResult, AreaType } from './areas.types';

/** An area chosen in a form: enough to show it and send its code. */
export interface PickedArea {
  code: string;
  name: string;
  level?: AreaLevel;
  type?: AreaType | null;
  path?: string;
}

const minChars = 2;
const debounceMs = 300;

type SearchState =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'done'; q: string; items: AreaSearchResult[] }
  | { status: 'error'; error: unknown };

export function levelOfCode(code: string): AreaLevel | undefined {
  if (code === 'ID') return undefined;
  return (['province', 'regency', 'district', 'village'] as const)[code.split('.').length - 1];
}

/**
 * Picks one area by typing part of its name: never one giant list of 83,762
 * villages. `within` limits the search (the user's grants, or where a role may be
 * granted); `levels` limits what can be picked (e.g. only desa/kelurahan).
 */
export function AreaPicker({
  label,
  hint,
  value,
  onChange,
  within,
  levels,
  error,
  name,
  testId,
  national,
}: {
  label: string;
  hint?: string;
  value: PickedArea | null;
  onChange: (area: PickedArea | null) => void;
  within: readonly string[] | null;
  levels: readonly AreaLevel[] | null;
  error?: string | undefined;
  /** The API field this picks (for its error message), e.g. `villageCode`. */
  name: string;
  testId: string;
  /** Offer "Seluruh Indonesia" ('ID') as a choice (national grants). */
  national?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const q = query.trim();
  const withinKey = within?.join(',') ?? '';
  const levelsKey = levels?.join(',') ?? '';

  useEffect(() => {
    if (value || q.length < minChars) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'searching' });
    const timer = setTimeout(() => {
      searchAreasWithin(q, { within, levels }, controller.signal).then(
        (items) => setState({ status: 'done', q, items }),
        (err: unknown) => {
          if (!controller.signal.aborted) setState({ status: 'error', error: err });
        },
      );
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // within/levels are compared by content, not identity
  }, [q, withinKey, levelsKey, value]);

  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

  return (
    <div className={`field area-picker${error ? ' has-error' : ''}`} data-field={name} data-testid={testId}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {value ? (
        <div className="picked-area" data-testid="picked-area" data-code={value.code}>
          <span className="row-main">
            <span className="row-name">{value.code === 'ID' ? t('areas.national') : value.name}</span>
            <span className="row-meta">
              {value.level && <span className="badge">{typeLabel(t, { level: value.level, type: value.type ?? null })}</span>}
              <span className="code">{value.code}</span>
            </span>
            {value.path && <span className="result-path">{value.path}</span>}
          </span>
          <button
            type="button"
            id={id}
            className="button button-secondary"
            aria-describedby={describedBy}
            onClick={() => {
              onChange(null);
              setQuery('');
            }}
            data-testid="area-change"
          >
            {t('areaPicker.change')}
          </button>
        </div>
      ) : (
        <>
          <div className="search-field">
            <Icon name="search" className="search-icon" />
            <input
              id={id}
              type="search"
              inputMode="search"
              autoComplete="off"
              spellCheck={false}
              placeholder={t('areaPicker.placeholder')}
              value={query}
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
              onChange={(event) => setQuery(event.target.value)}
              data-testid="area-input"
            />
          </div>
          <div aria-live="polite" className="search-status">
            {q.length > 0 && q.length < minChars && <p className="hint">{t('areas.search.minChars')}</p>}
            {state.status === 'searching' && <p className="hint">{t('areas.search.searching')}</p>}
            {state.status === 'done' && state.items.length === 0 && (
              <p className="hint">{t('areaPicker.noResults', { q: state.q })}</p>
            )}
            {state.status === 'error' && <p className="hint field-error">{describeError(state.error)}</p>}
          </div>
          {(national || (state.status === 'done' && state.items.length > 0)) && (
            <ul className="search-results picker-results" aria-label={t('areas.search.resultsLabel')}>
              {national && (
                <li>
                  <button
                    type="button"
                    className="search-result"
                    data-testid="area-option"
                    data-code="ID"
                    onClick={() => onChange({ code: 'ID', name: t('areas.national') })}
                  >
                    <span className="row-name">{t('areas.national')}</span>
                    <span className="row-meta">
                      <span className="badge">{t('areas.nationalLevel')}</span>
                    </span>
                  </button>
                </li>
              )}
              {state.status === 'done' &&
                state.items.map((area) => (
                  <li key={area.code}>
                    <button
                      type="button"
                      className="search-result"
                      data-testid="area-option"
                      data-code={area.code}
                      onClick={() =>
                        onChange({ code: area.code, name: area.name, level: area.level, type: area.type, path: area.path })
                      }
                    >
                      <span className="row-name">{area.name}</span>
                      <span className="row-meta">
                        <span className="badge">{typeLabel(t, area)}</span>
                        <span className="code">{area.code}</span>
                      </span>
                      {area.path && <span className="result-path">{area.path}</span>}
                    </button>
                  </li>
                ))}
            </ul>
          )}
        </>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} data-testid="field-error" data-for={name}>
          {error}
        </p>
      )}
    </div>
  );
}
