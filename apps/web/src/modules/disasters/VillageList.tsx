import { useTranslation } from 'react-i18next';
import { FieldMessage } from '../../components/Field';
import { AreaPicker, type PickedArea } from '../areas/AreaPicker';

/**
 * Several villages picked one at a time with the AreaPicker (search by name, no giant
 * list); they may lie in different districts and regencies, so the search is national.
 */
export function VillageList({
  label,
  hint,
  value,
  onChange,
  error,
  name,
}: {
  label: string;
  hint: string;
  value: PickedArea[];
  onChange: (v: PickedArea[]) => void;
  error?: string | undefined;
  name: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field village-list" data-field={name}>
      <legend className="field-label">{label}</legend>
      {value.length === 0 && <p className="hint">{t('disasters.create.noVillages')}</p>}
      <ul className="plain-list picked-villages" data-testid="picked-villages">
        {value.map((v) => (
          <li key={v.code} className="picked-village" data-code={v.code}>
            <span>
              <strong>{v.name}</strong> <span className="code">{v.code}</span>
              {v.path && <span className="result-path">{v.path}</span>}
            </span>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => onChange(value.filter((x) => x.code !== v.code))}
            >
              {t('disasters.create.remove')}
            </button>
          </li>
        ))}
      </ul>
      {/* A fresh picker after each choice: the search starts empty again. */}
      <AreaPicker
        key={value.length}
        label={t('disasters.create.addVillage')}
        hint={hint}
        value={null}
        onChange={(a) => a && !value.some((v) => v.code === a.code) && onChange([...value, a])}
        within={null}
        levels={['village']}
        name={`${name}-picker`}
        testId="village-picker"
      />
      <FieldMessage name={name} error={error} />
    </fieldset>
  );
}
