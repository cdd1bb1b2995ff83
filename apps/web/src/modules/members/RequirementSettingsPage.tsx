import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useLoad } from '../../hooks/useLoad';
import { useSession } from '../../session/SessionContext';
import { AreaPicker } from '../areas/AreaPicker';
import { grantAreas } from '../persons/scope';
import { FormActions, FormProblem, useSubmit } from './FormBits';
import { getRequirementSettings, saveRequirementSettings } from './memberAdmin.api';
import type { RequirementSettings } from './members.types';
import { useRegencyChoice } from './regency';
import { soleRegencyCode } from './regencyScope';
import './members.css';

/**
 * The requirement checklist of one regency: which requirements count when a PSM is
 * judged complete. Editable by whoever the server allows (`actions`: Dinsos kab/kota
 * with member.verify); read-only for the others.
 */
function SettingsForm({ settings, onSaved }: { settings: RequirementSettings; onSaved: (s: RequirementSettings) => void }) {
  const { t } = useTranslation();
  const editable = settings.actions.includes('member.verify');
  const [enabled, setEnabled] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(settings.items.map((i) => [i.code, i.enabled])),
  );
  const [saved, setSaved] = useState(false);
  const { busy, error, onSubmit } = useSubmit(
    () =>
      saveRequirementSettings(
        settings.regencyCode,
        settings.items.map((i) => ({ code: i.code, enabled: enabled[i.code] ?? i.enabled })),
      ),
    (s) => {
      setSaved(true);
      onSaved(s);
    },
  );
  const changed = settings.items.some((i) => enabled[i.code] !== i.enabled);

  return (
    <form className="card form" onSubmit={onSubmit} noValidate data-testid="requirement-settings">
      {!editable && (
        <p className="notice" data-testid="settings-read-only">
          {t('memberAdmin.requirements.readOnly')}
        </p>
      )}
      {saved && !changed && (
        <p className="notice notice-ok" role="status" data-testid="settings-saved">
          {t('memberAdmin.requirements.saved')}
        </p>
      )}
      <FormProblem error={error} fields={[]} />
      <ul className="setting-list">
        {settings.items.map((item) => (
          <li key={item.code}>
            <label className="choice">
              <input
                type="checkbox"
                checked={enabled[item.code] ?? item.enabled}
                disabled={!editable}
                onChange={(e) => {
                  setSaved(false);
                  setEnabled((m) => ({ ...m, [item.code]: e.target.checked }));
                }}
                data-testid="requirement-toggle"
                data-code={item.code}
              />
              <span>{localized({ id: item.label, en: item.labelEn })}</span>
              <span className="setting-default">
                {item.defaultEnabled ? t('memberAdmin.requirements.defaultOn') : t('memberAdmin.requirements.defaultOff')}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {editable && <FormActions busy={busy || !changed} label={t('memberAdmin.requirements.save')} testId="save-requirements" />}
    </form>
  );
}

function Settings({ regencyCode }: { regencyCode: string }) {
  const state = useLoad(() => getRequirementSettings(regencyCode), [regencyCode]);
  const [saved, setSaved] = useState<RequirementSettings | null>(null);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.retry} />;
  // After a save the form compares its choices with what the server now holds.
  return <SettingsForm settings={saved ?? state.data} onSaved={setSaved} />;
}

/** `/psm/persyaratan[/:kabupaten]`: the configurable requirement checklist, per regency. */
export default function RequirementSettingsPage({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [regency, setRegency] = useRegencyChoice(code ?? soleRegencyCode(me));
  return (
    <div className="page narrow-page">
      <Link href="/psm" className="back-link">
        ← {t('members.backToList')}
      </Link>
      <h1>{t('memberAdmin.requirements.title')}</h1>
      <p className="meta">{t('memberAdmin.requirements.intro')}</p>
      <AreaPicker
        name="regencyCode"
        testId="requirements-regency"
        label={t('memberAdmin.regency')}
        value={regency}
        onChange={setRegency}
        within={grantAreas(me)}
        levels={['regency']}
      />
      {regency && <Settings key={regency.code} regencyCode={regency.code} />}
    </div>
  );
}
