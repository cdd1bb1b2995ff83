import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from './components/ErrorMessage';
import { Layout, type Section } from './components/Layout';
import { Link } from './components/Link';
import { AboutPage } from './modules/about/AboutPage';
import { AreasPage } from './modules/areas/AreasPage';
import { HomePage } from './modules/home/HomePage';
import { matchRoute, navigate, needsSession, usePathname, type Route } from './router';
import { safeNext, signInPath } from './session/paths';
// Eager, not lazy: while an account must change its password the server refuses
// every other request with that session cookie, static files included.
import ChangePasswordPage from './session/ChangePasswordPage';
import { SessionProvider, useSession } from './session/SessionContext';
import { SignInPage } from './session/SignInPage';

// Screens behind sign-in load on demand: the first paint (home, areas, sign-in)
// stays small on a cheap phone with a weak signal.
const UsersPage = lazy(() => import('./modules/users/UsersPage'));
const UserNewPage = lazy(() => import('./modules/users/UserNewPage'));
const UserDetailPage = lazy(() => import('./modules/users/UserDetailPage'));
const PersonsPage = lazy(() => import('./modules/persons/PersonsPage'));
const PersonNewPage = lazy(() => import('./modules/persons/PersonNewPage'));
const PersonDetailPage = lazy(() => import('./modules/persons/PersonDetailPage'));
// The field app carries Dexie: loaded only when a PSM opens it (or background sync starts).
const FieldApp = lazy(() => import('./modules/field/FieldApp'));
const AutoSync = lazy(() => import('./offline/AutoSync'));
const MembersPage = lazy(() => import('./modules/members/MembersPage'));
const MemberNewPage = lazy(() => import('./modules/members/MemberNewPage'));
const MemberDetailPage = lazy(() => import('./modules/members/MemberDetailPage'));
const CoveragePage = lazy(() => import('./modules/members/CoveragePage'));
const VerifyPage = lazy(() => import('./modules/public/VerifyPage'));
const UnitsPage = lazy(() => import('./modules/org/UnitsPage'));
const UnitPage = lazy(() => import('./modules/org/UnitPage'));
const CasesPage = lazy(() => import('./modules/cases/CasesPage'));
const CaseDetailPage = lazy(() => import('./modules/cases/CaseDetailPage'));
const ReferralInboxPage = lazy(() => import('./modules/cases/ReferralInboxPage'));
const DashboardPage = lazy(() => import('./modules/dashboard/DashboardPage'));
const SpmPage = lazy(() => import('./modules/dashboard/SpmPage'));
const PublicStatsPage = lazy(() => import('./modules/public/PublicStatsPage'));
const ComplaintPage = lazy(() => import('./modules/complaints/ComplaintPage'));
const ComplaintTrackPage = lazy(() => import('./modules/complaints/ComplaintTrackPage'));

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

function screen(route: Route): ReactNode {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'areas':
      return <AreasPage code={route.code} />;
    case 'about':
      return <AboutPage />;
    case 'signIn':
      return <SignInPage />;
    case 'changePassword':
      return <ChangePasswordPage />;
    case 'users':
      return <UsersPage />;
    case 'userNew':
      return <UserNewPage />;
    case 'user':
      return <UserDetailPage id={route.id} />;
    case 'persons':
      return <PersonsPage />;
    case 'personNew':
      return <PersonNewPage />;
    case 'person':
      return <PersonDetailPage id={route.id} />;
    case 'members':
      return <MembersPage />;
    case 'memberNew':
      return <MemberNewPage />;
    case 'member':
      return <MemberDetailPage id={route.id} />;
    case 'coverage':
      return <CoveragePage code={route.code} />;
    case 'verifyCard':
      return <VerifyPage token={route.token} />;
    case 'units':
      return <UnitsPage />;
    case 'unit':
      return <UnitPage id={route.id} />;
    case 'cases':
      return <CasesPage />;
    case 'case':
      return <CaseDetailPage id={route.id} />;
    case 'referralInbox':
      return <ReferralInboxPage />;
    case 'dashboard':
      return <DashboardPage code={route.code} />;
    case 'spm':
      return <SpmPage spm={route.spm} code={route.code} />;
    case 'publicStats':
      return <PublicStatsPage code={route.code} />;
    case 'complaint':
      return <ComplaintPage />;
    case 'complaintTrack':
      return <ComplaintTrackPage />;
    case 'field':
      return <FieldApp />;
    case 'notFound':
      return <NotFound />;
  }
}

function sectionOf(route: Route): Section {
  switch (route.name) {
    case 'home':
    case 'areas':
    case 'about':
      return route.name;
    case 'users':
    case 'userNew':
    case 'user':
      return 'users';
    case 'persons':
    case 'personNew':
    case 'person':
      return 'persons';
    case 'members':
    case 'memberNew':
    case 'member':
    case 'coverage':
    case 'units':
    case 'unit':
      return 'members';
    case 'cases':
    case 'case':
      return 'cases';
    case 'referralInbox':
      return 'referrals';
    case 'dashboard':
    case 'spm':
      return 'dashboard';
    case 'field':
      return 'field';
    default:
      return null;
  }
}

/** Decides what a route shows given the session: the screen, sign-in, or the forced password change. */
function Gate({ route }: { route: Route }) {
  const session = useSession();
  const { state } = session;
  const wantsSession = needsSession(route);
  const redirect =
    (wantsSession && state.status === 'signedOut') ? signInPath(location.pathname + location.search)
    : route.name === 'signIn' && state.status === 'signedIn' ? safeNext(new URLSearchParams(location.search).get('next'))
    : null;

  const ask = wantsSession && state.status === 'anonymous';

  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);
  useEffect(() => {
    if (ask) session.reload();
  }, [ask, session]);

  if (redirect) return null;
  if ((state.status === 'loading' || ask) && (wantsSession || route.name === 'signIn')) return <Loading />;
  if (state.status === 'unreachable' && wantsSession) return <ErrorMessage error={state.error} onRetry={session.reload} />;
  // A temporary password must be replaced before anything else (the API refuses the rest).
  if (state.status === 'signedIn' && state.me.user.mustChangePassword && route.name !== 'signIn') return <ChangePasswordPage />;
  return screen(route);
}

function Shell() {
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
    <Layout section={sectionOf(route)}>
      {/* keyed by path so each screen starts fresh */}
      <div key={pathname}>
        <Suspense fallback={<Loading />}>
          <Gate route={route} />
        </Suspense>
      </div>
    </Layout>
  );
}

export function App() {
  return (
    <SessionProvider askAtStart={needsSession(matchRoute(location.pathname))}>
      <Shell />
      <Suspense fallback={null}>
        <AutoSync />
      </Suspense>
    </SessionProvider>
  );
}
