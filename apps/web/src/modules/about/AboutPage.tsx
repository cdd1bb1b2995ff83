import { Trans, useTranslation } from 'react-i18next';

const odblUrl = 'https://opendatacommons.org/licenses/odbl/1-0/';

export function AboutPage() {
  const { t } = useTranslation();
  return (
    <div className="page about-page">
      <h1>{t('about.title')}</h1>
      <p className="lead">{t('about.body')}</p>
      <section className="card" aria-labelledby="data-title">
        <h2 id="data-title">{t('about.dataTitle')}</h2>
        {/* ODbL 1.0 §4.3: the attribution must stay visible wherever the area data is shown. */}
        <p data-testid="attribution">
          <Trans
            i18nKey="about.attribution"
            components={{ license: <a href={odblUrl} rel="license noopener" target="_blank" /> }}
          />
        </p>
      </section>
    </div>
  );
}
