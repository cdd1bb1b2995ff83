import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useLoad } from '../../hooks/useLoad';
import { listMembers } from '../members/members.api';
import type { MemberListItem } from '../members/members.types';

export type PickedMember = Pick<MemberListItem, 'id' | 'fullName' | 'villageName'>;

const noResults = Promise.resolve(null);

/**
 * Finds a PSM member by name within the unit's area (the server applies the
 * caller's scope as well) and hands the chosen one to `onPick`.
 */
export function MemberPicker({
  areaCode,
  onPick,
  exclude = [],
  testId = 'member-picker',
  error,
}: {
  areaCode: string;
  onPick: (m: PickedMember) => void;
  exclude?: string[];
  testId?: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = q.trim();
  const state = useLoad(
    () =>
      query.length < 2
        ? noResults
        : listMembers({
            area: areaCode === 'ID' ? null : areaCode,
            q: query,
            status: '',
            hasSk: '',
            hasKta: '',
            hasTraining: '',
            page: 1,
          }),
    [areaCode, query],
  );
  const items = state.status === 'done' && state.data ? state.data.items.filter((m) => !exclude.includes(m.id)) : [];
  return (
    <div data-testid={testId}>
      <Field name="memberSearch" label={t('ipsm.picker.search')} hint={t('ipsm.picker.searchHint')} error={error}>
        {(props) => (
          <input
            {...props}
            type="search"
            value={q}
            maxLength={100}
            onChange={(e) => setQ(e.target.value)}
            data-testid="picker-input"
          />
        )}
      </Field>
      {query.length >= 2 && state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && state.data && items.length === 0 && <p className="meta">{t('ipsm.picker.none')}</p>}
      {items.length > 0 && (
        <ul className="org-picker-results">
          {items.map((m) => (
            <li key={m.id} data-testid="picker-option" data-id={m.id}>
              <span>
                <strong>{m.fullName}</strong>
                <span className="meta"> · {m.villageName}</span>
              </span>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  onPick({ id: m.id, fullName: m.fullName, villageName: m.villageName });
                  setQ('');
                }}
                data-testid="picker-choose"
              >
                {t('ipsm.picker.choose')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
