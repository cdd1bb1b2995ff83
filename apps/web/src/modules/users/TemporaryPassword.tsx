import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';

/**
 * A generated password, shown once: the server never shows it again. The user
 * must change it at first sign-in.
 */
export function TemporaryPassword({ password, username }: { password: string; username: string }) {
  const { t } = useTranslation();
  return (
    <section className="card temp-password" aria-labelledby="temp-password-title" data-testid="temporary-password-box">
      <h2 id="temp-password-title">{t('users.tempPasswordTitle')}</h2>
      <p>{t('users.tempPasswordFor', { username })}</p>
      <div className="secret-row">
        <code className="secret" data-testid="temporary-password">
          {password}
        </code>
        <CopyButton text={password} testId="copy-password" />
      </div>
      <p className="meta">{t('users.tempPasswordOnce')}</p>
    </section>
  );
}
