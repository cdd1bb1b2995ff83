import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { MemberPicker } from '../MemberPicker';
import { BOARD_POSITIONS } from '../org.api';

/** One position being edited: a registered member (memberId + name shown) or a written name. */
export interface PositionDraft {
  key: string;
  position: string;
  title: string;
  memberId: string | null;
  name: string;
}

let serial = 0;
export const newPosition = (position = 'ketua'): PositionDraft => ({
  key: `p${++serial}`,
  position,
  title: '',
  memberId: null,
  name: '',
});

function PositionRow({
  draft,
  index,
  areaCode,
  errors,
  onChange,
  onRemove,
}: {
  draft: PositionDraft;
  index: number;
  areaCode: string;
  errors: Record<string, string>;
  onChange: (d: PositionDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const at = `positions[${index}]`;
  return (
    <li className="position-row" data-testid="position-row">
      <h3>{t('ipsm.position.row', { n: index + 1 })}</h3>
      <Field name={`${at}.position`} label={t('ipsm.position.label')} error={errors[`${at}.position`]}>
        {(props) => (
          <select
            {...props}
            value={draft.position}
            onChange={(e) => onChange({ ...draft, position: e.target.value })}
            data-testid="position-kind"
          >
            {BOARD_POSITIONS.map((p) => (
              <option key={p} value={p}>
                {t(`org.position.${p}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.position === 'bidang' && (
        <Field
          name={`${at}.title`}
          label={t('ipsm.position.title')}
          hint={t('ipsm.position.titleHint')}
          error={errors[`${at}.title`]}
        >
          {(props) => (
            <input
              {...props}
              value={draft.title}
              maxLength={200}
              onChange={(e) => onChange({ ...draft, title: e.target.value })}
              data-testid="position-title"
            />
          )}
        </Field>
      )}
      {draft.memberId ? (
        <p data-testid="position-member">
          {t('ipsm.picker.chosen', { name: draft.name })}{' '}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => onChange({ ...draft, memberId: null, name: '' })}
            data-testid="position-member-clear"
          >
            {t('ipsm.position.change')}
          </button>
        </p>
      ) : (
        <>
          <MemberPicker
            areaCode={areaCode}
            onPick={(m) => onChange({ ...draft, memberId: m.id, name: m.fullName })}
            error={errors[`${at}.memberId`] ?? errors[at]}
          />
          <Field name={`${at}.personName`} label={t('ipsm.position.personName')} error={errors[`${at}.personName`]}>
            {(props) => (
              <input
                {...props}
                value={draft.name}
                maxLength={200}
                onChange={(e) => onChange({ ...draft, name: e.target.value })}
                data-testid="position-name"
              />
            )}
          </Field>
        </>
      )}
      <button type="button" className="button button-secondary" onClick={onRemove} data-testid="position-remove">
        {t('ipsm.position.remove')}
      </button>
    </li>
  );
}

/** Positions of a board: add, change and remove rows; each is held by a member or a named person. */
export function PositionsEditor({
  value,
  onChange,
  areaCode,
  errors,
}: {
  value: PositionDraft[];
  onChange: (v: PositionDraft[]) => void;
  areaCode: string;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="org-fieldset" data-testid="positions">
      <legend>{t('ipsm.board.positionsLegend')}</legend>
      {value.length === 0 && <p className="meta">{t('ipsm.board.noPositions')}</p>}
      <ol className="position-list">
        {value.map((d, i) => (
          <PositionRow
            key={d.key}
            draft={d}
            index={i}
            areaCode={areaCode}
            errors={errors}
            onChange={(next) => onChange(value.map((x) => (x.key === d.key ? next : x)))}
            onRemove={() => onChange(value.filter((x) => x.key !== d.key))}
          />
        ))}
      </ol>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => onChange([...value, newPosition(value.length === 0 ? 'ketua' : 'anggota')])}
        data-testid="position-add"
      >
        {t('ipsm.position.add')}
      </button>
    </fieldset>
  );
}

/** The API body for the drafts: a member by id, otherwise the written name. */
export function positionsInput(drafts: PositionDraft[]) {
  return drafts.map((d) => ({
    position: d.position,
    ...(d.position === 'bidang' && d.title.trim() ? { title: d.title.trim() } : {}),
    ...(d.memberId ? { memberId: d.memberId } : d.name.trim() ? { personName: d.name.trim() } : {}),
  }));
}
