import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import type { AidPost } from './disasters.types';
import { DISPLACEMENTS, NEED_KINDS, VICTIM_CONDITIONS, VULNERABLE_GROUPS } from './disasters.types';
import { CheckGroup, CodeSelect } from './forms';

/** What is recorded about a victim besides who they are (shared by the web and the phone forms). */
export interface Situation {
  displacement: string;
  postId: string;
  displacementPlace: string;
  condition: string;
  needs: string[];
  vulnerabilities: string[];
  openCase: boolean;
  caseNeed: string;
}

export const emptySituation = (): Situation => ({
  displacement: 'posko',
  postId: '',
  displacementPlace: '',
  condition: 'selamat',
  needs: [],
  vulnerabilities: [],
  openCase: false,
  caseNeed: '',
});

/** The situation as the API takes it (VictimRegisterSchema without the person). */
export function situationBody(s: Situation): Record<string, unknown> {
  return {
    displacement: s.displacement,
    ...(s.postId ? { postId: s.postId } : {}),
    ...(s.displacementPlace.trim() ? { displacementPlace: s.displacementPlace.trim() } : {}),
    condition: s.condition,
    needs: s.needs,
    vulnerabilities: s.vulnerabilities,
    ...(s.openCase && s.vulnerabilities.length ? { openCase: { need: s.caseNeed.trim() } } : {}),
  };
}

/** Checks the phone can make before queueing (the server checks again). */
export function situationErrors(s: Situation, t: (k: string) => string): Record<string, string> {
  return s.openCase && s.vulnerabilities.length && s.caseNeed.trim().length < 3
    ? { 'openCase.need': t('disasters.victim.caseNeedRequired') }
    : {};
}

export function VictimSituation({
  value,
  onChange,
  posts,
  errors,
  ppksCode,
}: {
  value: Situation;
  onChange: (s: Situation) => void;
  posts: AidPost[];
  errors: Record<string, string>;
  ppksCode: number;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<Situation>) => onChange({ ...value, ...patch });
  return (
    <>
      <CodeSelect
        name="displacement"
        label={t('disasters.victim.displacement')}
        options={DISPLACEMENTS}
        value={value.displacement}
        onChange={(v) => set({ displacement: v })}
        labelKey="disasters.displacement"
        error={errors.displacement}
      />
      {value.displacement === 'posko' && posts.length > 0 && (
        <Field name="postId" label={t('disasters.victim.post')} error={errors.postId}>
          {(p) => (
            <select {...p} value={value.postId} onChange={(e) => set({ postId: e.target.value })} data-testid="in-postId">
              <option value="">{t('disasters.victim.noPost')}</option>
              {posts.map((post) => (
                <option key={post.id} value={post.id}>
                  {post.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {value.displacement !== 'tidak_mengungsi' && (
        <Field name="displacementPlace" label={t('disasters.victim.displacementPlace')} error={errors.displacementPlace}>
          {(p) => (
            <input
              {...p}
              value={value.displacementPlace}
              onChange={(e) => set({ displacementPlace: e.target.value })}
              maxLength={300}
              data-testid="in-displacementPlace"
            />
          )}
        </Field>
      )}
      <CodeSelect
        name="condition"
        label={t('disasters.victim.condition')}
        options={VICTIM_CONDITIONS}
        value={value.condition}
        onChange={(v) => set({ condition: v })}
        labelKey="disasters.condition"
        error={errors.condition}
      />
      <CheckGroup
        name="needs"
        legend={t('disasters.victim.needs')}
        options={NEED_KINDS}
        value={value.needs}
        onChange={(needs) => set({ needs })}
        labelKey="disasters.need"
      />
      <CheckGroup
        name="vuln"
        legend={t('disasters.victim.vulnerabilities')}
        options={VULNERABLE_GROUPS}
        value={value.vulnerabilities}
        onChange={(vulnerabilities) => set({ vulnerabilities })}
        labelKey="disasters.vulnerable"
      />
      {value.vulnerabilities.length > 0 && (
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              checked={value.openCase}
              onChange={(e) => set({ openCase: e.target.checked })}
              data-testid="in-openCase"
            />
            {t('disasters.victim.openCase')}
          </label>
          {value.openCase && (
            <Field name="openCase.need" label={t('disasters.victim.caseNeed')} error={errors['openCase.need'] ?? errors.openCase}>
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  value={value.caseNeed}
                  onChange={(e) => set({ caseNeed: e.target.value })}
                  maxLength={1000}
                  data-testid="in-caseNeed"
                />
              )}
            </Field>
          )}
        </div>
      )}
      <p className="hint" data-testid="ppks-note">
        {t('disasters.victim.ppksNote', { ppks: t(`disasters.ppks.${ppksCode}`) })}
      </p>
    </>
  );
}
