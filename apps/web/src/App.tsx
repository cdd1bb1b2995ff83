import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Layout } from './components/Layout';
import { Link } from './components/Link';
import { AboutPage } from './modules/about/AboutPage';
import { AreasPage } from './modules/areas/AreasPage';
import { HomePage } from './modules/home/HomePage';
import { matchRoute, usePathname, type Route } from './router';

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('common.notFoundTitle')}</h1>
      <p>{t('common.notFoundBody')}</p>
      <Link href="/" className="button">
        {t('common.backHome')}
      </Link>
    </div>
  );
}

function screen(route: Route) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'areas':
      return <AreasPage code={route.code} />;
    case 'about':
      return <AboutPage />;
    case 'notFound':
      return <NotFound />;
  }
}

export function App() {
  const pathname = usePathname();
  const route = matchRoute(pathname);
  const first = useRef(true);

  // After an in-app navigation, move focus to the new content so screen readers follow.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <Layout section={route.name === 'notFound' ? null : route.name}>
      {/* keyed by path so each screen starts fresh */}
      <div key={pathname}>{screen(route)}</div>
    </Layout>
  );
}
