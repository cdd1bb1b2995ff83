import { useTranslation } from 'react-i18next';
import { describeError } from '../api/client';
import { currentLanguage } from '../i18n';

/** Shows a failed request's message in the current language, with a retry button. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert" data-testid="error">
      <p>{describeError(error, currentLanguage())}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}
