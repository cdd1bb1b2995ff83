import { createContext, useContext, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldDb, type FieldDb } from '../../offline/db';
import { start } from '../../offline/start';
import { usePathname } from '../../router';
import { useSession } from '../../session/SessionContext';
import { ConflictsScreen } from './ConflictsScreen';
import { FieldHome } from './FieldHome';
import { matchFieldScreen } from './fieldPaths';
import { PersonEditScreen, PersonNewScreen } from './PersonFormScreen';
import { PersonScreen } from './PersonScreen';
import { VisitScreen } from './VisitScreen';
import { AssessmentScreen } from './AssessmentScreen';
import { CaseNewScreen } from './CaseNewScreen';
// distributions: offline check-in (issue 8)
import { FieldCheckinScreen } from '../distributions/field/FieldCheckinScreen';
import { FieldDistributionsLink, FieldDistributionsScreen } from '../distributions/field/FieldDistributionsScreen';
// disasters: incidents and offline victim registration (issue 9)
import { FieldIncidents } from '../disasters/FieldIncidents';
import { FieldIncidentScreen } from '../disasters/FieldIncidentScreen';
import { FieldVictimScreen } from '../disasters/FieldVictimScreen';
// activity log offline (issue 7)
import { ActivityEditScreen, ActivityScreen } from './ActivityScreen';
import './field.css';

const DbContext = createContext<FieldDb | null>(null);

/** The signed-in PSM's local store. */
export function useFieldDb(): FieldDb {
  const db = useContext(DbContext);
  if (!db) throw new Error('useFieldDb outside <FieldApp>');
  return db;
}

/** The PSM's phone screens: everything reads and writes the local store, sync runs behind. */
export default function FieldApp() {
  const { t } = useTranslation();
  const { me, update } = useSession();
  const pathname = usePathname();
  const userId = me?.user.id ?? null;
  const current = useRef(me);
  current.current = me;
  useEffect(() => {
    if (userId && current.current) start(current.current, update);
  }, [userId, update]);
  if (!userId) return null;
  const db = fieldDb(userId);
  const screen = matchFieldScreen(pathname);
  return (
    <DbContext.Provider value={db}>
      <div className="field-app">
        {screen.name === 'home' && <FieldHome />}
        {screen.name === 'personNew' && <PersonNewScreen />}
        {screen.name === 'person' && <PersonScreen id={screen.id} />}
        {screen.name === 'personEdit' && <PersonEditScreen id={screen.id} />}
        {screen.name === 'visitNew' && <VisitScreen personId={screen.id} />}
        {screen.name === 'conflicts' && <ConflictsScreen />}
        {screen.name === 'caseNew' && <CaseNewScreen personId={screen.id} />}
        {screen.name === 'assessmentNew' && <AssessmentScreen caseId={screen.id} />}
        {screen.name === 'home' && <FieldDistributionsLink />}
        {screen.name === 'distributions' && <FieldDistributionsScreen />}
        {screen.name === 'distribution' && <FieldCheckinScreen eventId={screen.id} />}
        {screen.name === 'home' && <FieldIncidents />}
        {screen.name === 'incident' && <FieldIncidentScreen id={screen.id} />}
        {screen.name === 'victimNew' && <FieldVictimScreen id={screen.id} />}
        {screen.name === 'activities' && <ActivityScreen />}
        {screen.name === 'activityEdit' && <ActivityEditScreen id={screen.id} />}
        {screen.name === 'notFound' && <p className="notice">{t('common.notFoundBody')}</p>}
      </div>
    </DbContext.Provider>
  );
}
