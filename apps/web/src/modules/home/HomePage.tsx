import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { useLoad } from '../../hooks/useLoad';

interface PpksCategory {
  code: string;
  slug: string;
  name: string;
  nameEn: string;
}

function PpksReference() {
  const { t, i18n } = useTranslation();
  const state = useLoad(() => apiFetch<{ items: PpksCategory[] }>('/api/v1/reference/ppks'), []);
  return (
    <section className="card reference" aria-labelledby="ppks-title" data-testid="ppks-reference">
      <h2 id="ppks-title">{t('home.referenceTitle')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && (
        <>
          <p className="meta">{t('home.referenceIntro', { n: state.data.items.length })}</p>
          <ol className="ppks-list">
            {state.data.items.map((item) => (
              <li key={item.code}>{i18n.language === 'en' ? item.nameEn : item.name}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  return (
    <div className="page home-page">
      <section className="hero">
        <h1>{t('home.title')}</h1>
        <p>{t('home.intro')}</p>
      </section>
      <ul className="cards">
        <li>
          <Link href="/wilayah" className="card card-link">
            <Icon name="map" className="card-icon" />
            <span>
              <strong>{t('home.areasCard')}</strong>
              <span className="meta">{t('home.areasCardBody')}</span>
            </span>
          </Link>
        </li>
        <li>
          <Link href="/tentang" className="card card-link">
            <Icon name="info" className="card-icon" />
            <span>
              <strong>{t('home.aboutCard')}</strong>
              <span className="meta">{t('home.aboutCardBody')}</span>
            </span>
          </Link>
        </li>
      </ul>
      <PpksReference />
    </div>
  );
}
