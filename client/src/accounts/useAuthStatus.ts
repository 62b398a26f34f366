import { useCallback, useEffect, useState } from 'react';
import { type AuthStatus, accountApi } from './account-api.js';

export type AuthLoad =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'ready'; status: AuthStatus };

/**
 * Who is signed in on this browser (the server reads the session cookie), and what the server
 * allows (sign-in, open boards). `reload` asks again, e.g. after signing out.
 */
export function useAuthStatus(): { auth: AuthLoad; reload(): void } {
  const [auth, setAuth] = useState<AuthLoad>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the request
  useEffect(() => {
    let live = true;
    accountApi.status().then(
      (status) => live && setAuth({ kind: 'ready', status }),
      () => live && setAuth({ kind: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { auth, reload };
}
