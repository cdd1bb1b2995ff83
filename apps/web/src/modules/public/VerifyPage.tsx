import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useLoad } from '../../hooks/useLoad';
import { MemberStatusBadge } from '../members/MemberBits';
import { verifyCard } from '../members/members.api';

/** `/verifikasi/:token`: what the QR code on a member card opens. Name, status and village only. */
export default function VerifyPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => verifyCard(token), [token]);
  return (
    <div className="page narrow-page">
      <h1>{t('verify.title')}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && (
        <section className="card" data-testid="verification">
          <p className="eyebrow">{t('verify.member')}</p>
          <h2 data-testid="verified-name">{state.data.fullName}</h2>
          <p>
            <MemberStatusBadge status={state.data.status} />
          </p>
          <p data-testid="verified-village">
            {t('verify.village')}: {state.data.villageName}
          </p>
          <p className="meta">{t('verify.note')}</p>
        </section>
      )}
    </div>
  );
}
