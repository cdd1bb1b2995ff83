import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { areaPath } from '../../router';
import type { AreaDetail } from './areas.types';

/** Indonesia › province › … › current area; every step but the last is a link. */
export function Breadcrumbs({ area }: { area: AreaDetail | null }) {
  const { t } = useTranslation();
  const steps = area ? [...area.ancestors.map((a) => ({ code: a.code, name: a.name }))] : [];
  return (
    <nav className="breadcrumbs" aria-label={t('areas.breadcrumb')} data-testid="breadcrumbs">
      <ol>
        <li>
          {area ? (
            <Link href={areaPath(null)}>{t('areas.national')}</Link>
          ) : (
            <span aria-current="page">{t('areas.national')}</span>
          )}
        </li>
        {steps.map((step) => (
          <li key={step.code}>
            <Link href={areaPath(step.code)}>{step.name}</Link>
          </li>
        ))}
        {area && (
          <li>
            <span aria-current="page">{area.name}</span>
          </li>
        )}
      </ol>
    </nav>
  );
}
