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
// PSM registry administration (members module)
const RequirementSettingsPage = lazy(() => import('./modules/members/RequirementSettingsPage'));
const RegistrationLinkPage = lazy(() => import('./modules/members/RegistrationLinkPage'));
const SelfRegisterPage = lazy(() => import('./modules/members/SelfRegisterPage'));
const VerifyPage = lazy(() => import('./modules/public/VerifyPage'));
const UnitsPage = lazy(() => import('./modules/org/UnitsPage'));
const UnitPage = lazy(() => import('./modules/org/UnitPage'));
// IPSM coordination screens (org module)
const BoardFormPage = lazy(() => import('./modules/org/board/BoardFormPage'));
const UnitAnnouncementsPage = lazy(() => import('./modules/org/announcements/UnitAnnouncementsPage'));
const AnnouncementsPage = lazy(() => import('./modules/org/announcements/AnnouncementsPage'));
const UnitEventsPage = lazy(() => import('./modules/org/events/UnitEventsPage'));
const EventPage = lazy(() => import('./modules/org/events/EventPage'));
const UnitLibraryPage = lazy(() => import('./modules/org/library/UnitLibraryPage'));
const CasesPage = lazy(() => import('./modules/cases/CasesPage'));
const CaseDetailPage = lazy(() => import('./modules/cases/CaseDetailPage'));
const ReferralInboxPage = lazy(() => import('./modules/cases/ReferralInboxPage'));
const DashboardPage = lazy(() => import('./modules/dashboard/DashboardPage'));
const SpmPage = lazy(() => import('./modules/dashboard/SpmPage'));
const PublicStatsPage = lazy(() => import('./modules/public/PublicStatsPage'));
const ComplaintPage = lazy(() => import('./modules/complaints/ComplaintPage'));
const ComplaintTrackPage = lazy(() => import('./modules/complaints/ComplaintTrackPage'));
// Personal-data duties (issue 11, privacy module)
const PrivacyApp = lazy(() => import('./modules/privacy/PrivacyApp'));
const PrivacyNoticePage = lazy(() => import('./modules/public/PrivacyNoticePage'));
// Programmes: usulan, distributions, complaint desk (issue 8)
const UsulanListPage = lazy(() => import('./modules/usulan/UsulanListPage'));
const UsulanDetailPage = lazy(() => import('./modules/usulan/UsulanDetailPage'));
const DistributionsPage = lazy(() => import('./modules/distributions/DistributionsPage'));
const DistributionDetailPage = lazy(() => import('./modules/distributions/DistributionDetailPage'));
const ComplaintInboxPage = lazy(() => import('./modules/complaints/ComplaintInboxPage'));
const ComplaintDetailPage = lazy(() => import('./modules/complaints/ComplaintDetailPage'));
const MusdesPage = lazy(() => import('./modules/usulan/MusdesPage'));
const BnbaPage = lazy(() => import('./modules/usulan/BnbaPage'));
const MembershipsPage = lazy(() => import('./modules/programmes/MembershipsPage'));
// Monthly PSM reports and the activity log (issue 7)
const MonthlyReportsPage = lazy(() => import('./modules/reports/MonthlyReportsPage'));
const MonthlyReportPage = lazy(() => import('./modules/reports/MonthlyReportPage'));
const ActivityNewPage = lazy(() => import('./modules/reports/ActivityNewPage'));
// Spreadsheet imports (issue 10)
const ImportsPage = lazy(() => import('./modules/imports/ImportsPage'));
const ImportNewPage = lazy(() => import('./modules/imports/ImportNewPage'));
const ImportRunPage = lazy(() => import('./modules/imports/ImportRunPage'));
// Disaster response (issue 9)
const IncidentsPage = lazy(() => import('./modules/disasters/IncidentsPage'));
const IncidentNewPage = lazy(() => import('./modules/disasters/IncidentNewPage'));
const IncidentPage = lazy(() => import('./modules/disasters/IncidentPage'));

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
    case 'memberRequirements':
      return <RequirementSettingsPage code={route.code} />;
    case 'registrationLinks':
      return <RegistrationLinkPage />;
    case 'selfRegister':
      return <SelfRegisterPage regencyCode={route.code} />;
    case 'verifyCard':
      return <VerifyPage token={route.token} />;
    case 'units':
      return <UnitsPage />;
    case 'unit':
      return <UnitPage id={route.id} />;
    // IPSM coordination screens (org module)
    case 'unitBoardNew':
      return <BoardFormPage unitId={route.id} mode="new" />;
    case 'unitBoardEdit':
      return <BoardFormPage unitId={route.id} mode="edit" />;
    case 'unitAnnouncements':
      return <UnitAnnouncementsPage id={route.id} />;
    case 'unitEvents':
      return <UnitEventsPage id={route.id} />;
    case 'unitLibrary':
      return <UnitLibraryPage id={route.id} />;
    case 'orgEvent':
      return <EventPage id={route.id} />;
    case 'announcements':
      return <AnnouncementsPage />;
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
    // programmes (issue 8)
    case 'usulanList':
      return <UsulanListPage />;
    case 'usulan':
      return <UsulanDetailPage id={route.id} />;
    case 'distributions':
      return <DistributionsPage />;
    case 'distribution':
      return <DistributionDetailPage id={route.id} />;
    case 'complaintInbox':
      return <ComplaintInboxPage />;
    case 'complaintDesk':
      return <ComplaintDetailPage id={route.id} />;
    case 'musdesNew':
      return <MusdesPage />;
    case 'bnba':
      return <BnbaPage />;
    case 'programmeMemberships':
      return <MembershipsPage />;
    case 'monthlyReports':
      return <MonthlyReportsPage />;
    case 'monthlyReport':
      return <MonthlyReportPage id={route.id} />;
    case 'activityNew':
      return <ActivityNewPage />;
    case 'imports':
      return <ImportsPage />;
    case 'importNew':
      return <ImportNewPage target={route.target} />;
    case 'importRun':
      return <ImportRunPage id={route.id} />;
    case 'field':
      return <FieldApp />;
    // privacy module (issue 11)
    case 'privacy':
      return <PrivacyApp path={route.path} />;
    case 'privacyNotice':
      return <PrivacyNoticePage />;
    // disaster response (issue 9)
    case 'incidents':
      return <IncidentsPage />;
    case 'incidentNew':
      return <IncidentNewPage />;
    case 'incident':
      return <IncidentPage id={route.id} tab={route.tab} />;
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
    case 'memberRequirements':
    case 'registrationLinks':
      return 'members';
    // IPSM units and their coordination screens (org module)
    case 'units':
    case 'unit':
    case 'unitBoardNew':
    case 'unitBoardEdit':
    case 'unitAnnouncements':
    case 'unitEvents':
    case 'unitLibrary':
    case 'orgEvent':
    case 'announcements':
      return 'ipsm';
    case 'cases':
    case 'case':
      return 'cases';
    case 'referralInbox':
      return 'referrals';
    // programmes (issue 8)
    case 'usulanList':
    case 'usulan':
    case 'distributions':
    case 'distribution':
    case 'complaintInbox':
    case 'complaintDesk':
    case 'musdesNew':
    case 'bnba':
    case 'programmeMemberships':
      return 'programmes';
    case 'dashboard':
    case 'spm':
      return 'dashboard';
    case 'monthlyReports':
    case 'monthlyReport':
    case 'activityNew':
      return 'reports';
    case 'imports':
    case 'importNew':
    case 'importRun':
      return 'imports';
    case 'field':
      return 'field';
    // privacy module (issue 11)
    case 'privacy':
      return 'privacy';
    // disaster response (issue 9)
    case 'incidents':
    case 'incidentNew':
    case 'incident':
      return 'disasters';
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
