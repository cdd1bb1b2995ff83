import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { registrationLinksPath, requirementsPath } from '../../router';
import { useCanNavigate } from '../../session/SessionContext';
import { importPath, importTemplateUrl } from './memberAdmin.api';
import './members.css';

/**
 * The registry's tools for the accounts that may use them: Excel import (its wizard
 * lives in the imports module) and its template, self-registration links, and the
 * requirement settings. Navigation only: each screen and the server decide again.
 */
export function MemberTools() {
  const { t } = useTranslation();
  const canCreate = useCanNavigate('member.create');
  const canConfigure = useCanNavigate('member.verify');
  if (!canCreate && !canConfigure) return null;
  return (
    <nav className="member-tools" aria-label={t('memberAdmin.tools')} data-testid="member-tools">
      {canCreate && (
        <>
          <Link href={importPath} className="button button-secondary" data-testid="import-members">
            {t('memberAdmin.import')}
          </Link>
          <a href={importTemplateUrl} className="button button-secondary" download data-testid="import-template">
            {t('memberAdmin.template')}
          </a>
          <Link href={registrationLinksPath} className="button button-secondary" data-testid="registration-links">
            {t('memberAdmin.link.title')}
          </Link>
        </>
      )}
      {canConfigure && (
        <Link href={requirementsPath(null)} className="button button-secondary" data-testid="requirement-settings-link">
          {t('memberAdmin.requirements.title')}
        </Link>
      )}
    </nav>
  );
}
