import { useTranslation } from 'react-i18next';
import { Field, FieldMessage } from '../../components/Field';
import type { Role } from '../../session/session.types';
import { AreaPicker, levelOfCode, type PickedArea } from '../areas/AreaPicker';
import type { AreaLevel } from '../areas/areas.types';
import type { GrantableRole, GrantLevel } from './users.types';

/** One grant being edited; `key` keeps React rows stable while rows are added and removed. */
export interface DraftGrant {
  key: number;
  role: Role | '';
  area: PickedArea | null;
}

let nextKey = 1;
export function draftGrant(role: Role | '' = '', area: PickedArea | null = null): DraftGrant {
  return { key: nextKey++, role, area };
}

const AREA_LEVELS: readonly AreaLevel[] = ['province', 'regency', 'district', 'village'];

function areaLevels(levels: readonly GrantLevel[]): AreaLevel[] {
  return AREA_LEVELS.filter((l) => levels.includes(l));
}

/** Whether `area` may be chosen for a role the caller may grant (level and place). */
function fits(info: GrantableRole | undefined, area: PickedArea | null): boolean {
  if (!info || !area) return false;
  if (area.code === 'ID') return info.levels.includes('national') && info.areas.includes('ID');
  const level = area.level ?? levelOfCode(area.code);
  const inside = info.areas.some((a) => a === 'ID' || area.code === a || area.code.startsWith(`${a}.`));
  return Boolean(level && info.levels.includes(level) && inside);
}

/** Problems the browser can see before sending (the server checks everything again). */
export function draftProblems(grants: DraftGrant[], t: (key: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  if (grants.length === 0) out.grants = t('grants.atLeastOne');
  grants.forEach((g, i) => {
    if (!g.role) out[`grants[${i}].role`] = t('grants.chooseRole');
    if (!g.area) out[`grants[${i}].areaCode`] = t('grants.chooseArea');
  });
  return out;
}

/**
 * Roles and areas of an account. Only roles from GET /roles are offered, and areas
 * are searched inside the places where the caller may grant that role; the server's
 * refusals (`grants[i].areaCode`…) appear next to the row they concern.
 */
export function GrantsEditor({
  grants,
  onChange,
  roles,
  errors,
}: {
  grants: DraftGrant[];
  onChange: (grants: DraftGrant[]) => void;
  roles: GrantableRole[];
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const byRole = new Map(roles.map((r) => [r.role, r]));
  const levelHint = (info: GrantableRole) =>
    t('grants.levelHint', {
      levels: info.levels.map((l) => (l === 'national' ? t('areas.nationalLevel') : t(`areas.level.${l}`))).join(', '),
    });
  const set = (i: number, patch: Partial<DraftGrant>) => onChange(grants.map((g, j) => (j === i ? { ...g, ...patch } : g)));

  return (
    <fieldset className="grants-editor" data-testid="grants-editor">
      <legend className="field-label">{t('grants.title')}</legend>
      <p className="field-hint">{t('grants.hint')}</p>
      <FieldMessage name="grants" error={errors.grants} />
      <ol className="grant-rows">
        {grants.map((grant, i) => {
          const info = grant.role ? byRole.get(grant.role) : undefined;
          return (
            <li key={grant.key} className="grant-row card" data-testid="grant-row">
              <Field name={`grants[${i}].role`} label={t('grants.role')} error={errors[`grants[${i}].role`]}>
                {(props) => (
                  <select
                    {...props}
                    value={grant.role}
                    data-testid="grant-role"
                    onChange={(event) => {
                      const role = event.target.value as Role | '';
                      const nextInfo = role ? byRole.get(role) : undefined;
                      set(i, { role, area: fits(nextInfo, grant.area) ? grant.area : null });
                    }}
                  >
                    <option value="">{t('grants.chooseRole')}</option>
                    {/* A role the account already has but the caller may not give is still shown. */}
                    {grant.role && !info && <option value={grant.role}>{t(`roles.${grant.role}`)}</option>}
                    {roles.map((r) => (
                      <option key={r.role} value={r.role}>
                        {t(`roles.${r.role}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {grant.role && (
                <AreaPicker
                  name={`grants[${i}].areaCode`}
                  testId="grant-area"
                  label={t('grants.area')}
                  hint={info ? levelHint(info) : undefined}
                  value={grant.area}
                  onChange={(area) => set(i, { area })}
                  within={info?.areas ?? null}
                  levels={info ? areaLevels(info.levels) : null}
                  national={Boolean(info?.levels.includes('national') && info.areas.includes('ID'))}
                  error={errors[`grants[${i}].areaCode`]}
                />
              )}
              {grants.length > 1 && (
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => onChange(grants.filter((_, j) => j !== i))}
                  data-testid="grant-remove"
                >
                  {t('grants.remove')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {roles.length > 0 && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => onChange([...grants, draftGrant(roles.length === 1 ? roles[0]!.role : '')])}
          data-testid="grant-add"
        >
          {t('grants.add')}
        </button>
      )}
    </fieldset>
  );
}

/** Drafts from an account's grants (for editing). */
export function draftsOf(grants: { role: Role; areaCode: string; areaName?: string | null }[]): DraftGrant[] {
  return grants.map((g) => {
    const level = levelOfCode(g.areaCode);
    return draftGrant(g.role, { code: g.areaCode, name: g.areaName ?? g.areaCode, ...(level ? { level } : {}) });
  });
}

/** What the API takes; call only when {@link draftProblems} found nothing. */
export function grantsBody(grants: DraftGrant[]): { role: Role; areaCode: string }[] {
  return grants.map((g) => ({ role: g.role as Role, areaCode: g.area!.code }));
}
