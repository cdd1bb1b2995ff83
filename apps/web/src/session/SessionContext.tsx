import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, onSessionProblem, setCsrfToken } from '../api/client';
import { cachedMe, forgetMe, saveMe } from '../offline/meCache';
import { navigate } from '../router';
import { signInPath } from './paths';
import * as api from './session.api';
import type { Me } from './session.types';

export type SessionState =
  | { status: 'loading' }
  /**
   * Not asked: this browser has not signed in lately (no marker), so public screens
   * open without a /me round trip; a screen that needs an account asks first.
   */
  | { status: 'anonymous' }
  /** /me could not be asked (no signal): public screens still work. */
  | { status: 'unreachable'; error: unknown }
  /** `expired`: the server ended the session (timeout, sign-out elsewhere, password reset). */
  | { status: 'signedOut'; reason: 'expired' | 'signedOut' | null }
  | { status: 'signedIn'; me: Me };

export interface Session {
  state: SessionState;
  /** The signed-in account, or null. */
  me: Me | null;
  signIn(username: string, password: string): Promise<Me>;
  signOut(everywhere: boolean): Promise<void>;
  /** Takes a fresh /me answer (after a password change). */
  update(me: Me): void;
  reload(): void;
}

const SessionContext = createContext<Session | null>(null);

// Only a hint that this browser signed in (the session itself is an HttpOnly cookie).
const MARKER = 'pilar.signedIn';
function marked(): boolean {
  try {
    return localStorage.getItem(MARKER) === '1';
  } catch {
    return true; // storage blocked: ask the server
  }
}
function mark(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(MARKER, '1');
    else localStorage.removeItem(MARKER);
  } catch {
    // a hint only
  }
}

/** Loads /me once at start and keeps the signed-in account for every screen. */
export function SessionProvider({ children, askAtStart }: { children: ReactNode; askAtStart: boolean }) {
  const [state, setState] = useState<SessionState>(() =>
    askAtStart || marked() ? { status: 'loading' } : { status: 'anonymous' },
  );
  const [attempt, setAttempt] = useState(0);
  const signedIn = useRef(false);
  signedIn.current = state.status === 'signedIn';

  const accept = useCallback((me: Me) => {
    mark(true);
    setCsrfToken(me.csrfToken);
    setState({ status: 'signedIn', me });
    void saveMe(me);
  }, []);

  useEffect(() => {
    if (attempt === 0 && !askAtStart && !marked()) return;
    let current = true;
    setState((prev) => (prev.status === 'loading' ? prev : { status: 'loading' }));
    api.fetchMe().then(
      (me) => current && accept(me),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.status === 401) {
          mark(false);
          void forgetMe();
          setState({ status: 'signedOut', reason: null });
        } else {
          // No signal: trust the last /me kept on this device, so the field app opens
          // offline (the server checks the session again on the next online request).
          void cachedMe().then((me) => {
            if (!current) return;
            if (me) {
              setCsrfToken(me.csrfToken);
              setState({ status: 'signedIn', me });
            } else setState({ status: 'unreachable', error });
          });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [accept, attempt, askAtStart]);

  // Any call answering 401 means the session is gone: say so once and ask to sign in
  // again, keeping the path so the user comes back to the same screen.
  useEffect(() => {
    onSessionProblem((problem) => {
      if (problem === 'expired') {
        if (!signedIn.current) return;
        signedIn.current = false;
        mark(false);
        void forgetMe();
        setCsrfToken(null);
        setState({ status: 'signedOut', reason: 'expired' });
        navigate(signInPath(location.pathname + location.search), { replace: true });
      } else {
        api.fetchMe().then(accept, () => undefined);
      }
    });
    return () => onSessionProblem(null);
  }, [accept]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const me = await api.login(username, password);
      accept(me);
      return me;
    },
    [accept],
  );

  const signOut = useCallback(async (everywhere: boolean) => {
    try {
      await api.logout(everywhere);
    } finally {
      mark(false);
      void forgetMe();
      setCsrfToken(null);
      setState({ status: 'signedOut', reason: 'signedOut' });
    }
  }, []);

  const session = useMemo<Session>(
    () => ({
      state,
      me: state.status === 'signedIn' ? state.me : null,
      signIn,
      signOut,
      update: accept,
      reload: () => setAttempt((n) => n + 1),
    }),
    [state, signIn, signOut, accept],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** Whether the signed-in account holds `permission` anywhere (navigation only, STYLE.md §5). */
export function useCanNavigate(permission: string): boolean {
  const { me } = useSession();
  return Boolean(me?.permissions.includes(permission));
}
