import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError } from '../api/client';
import { currentLanguage } from '../i18n';

/** Whether trying the same request again may help (not for 404 or invalid input). */
function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.kind !== 'http' || error.status >= 500 || error.status === 408 || error.status === 429;
}

/** Shows a failed request's message in the current language, with a retry button when it can help. */
export function ErrorMessage({ error, onRetry, children }: { error: unknown; onRetry?: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert" data-testid="error">
      <p>{describeError(error, currentLanguage())}</p>
      {children}
      {onRetry && isRetryable(error) && (
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
