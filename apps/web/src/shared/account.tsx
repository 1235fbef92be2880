// Who is signed in, for every screen: restores the session from the refresh cookie on start,
// falls back to the account cached on the device when the server cannot be reached (so the app
// works offline), and signs in and out. Permissions come from GET /api/v1/me.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { requestJson } from '../api/client.ts';
import { isNetworkError } from '../api/problem.ts';
import { refreshSession, signIn as signInOnServer, signOutOnServer } from '../api/session.ts';
import { currentAccessToken, setAccessToken } from '../api/tokens.ts';
import type { Me } from '../api/types.ts';
import { deleteLocalDb, localDb } from './local-db.ts';

export type AccountState =
  | { status: 'starting' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; me: Me; passwordChangeRequired: boolean };

interface AccountApi {
  state: AccountState;
  signIn(input: { workspace: string; email: string; password: string; otp?: string }): Promise<void>;
  /** Ends the session and removes everything this app stored on the device. */
  signOut(): Promise<void>;
  passwordChanged(): void;
  can(permission: string): boolean;
}

const AccountContext = createContext<AccountApi | null>(null);

async function fetchMe(): Promise<Me> {
  const { data } = await requestJson<Me>('GET', '/api/v1/me');
  await localDb.put('account', data, 'me');
  return data;
}

/** Empties every Cache Storage cache (the service worker puts the shell back on next use). */
async function clearCaches(): Promise<void> {
  if (!('caches' in window)) return;
  for (const key of await caches.keys()) await caches.delete(key);
}

export function AccountProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AccountState>({ status: 'starting' });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const alive = await refreshSession();
        const next: AccountState = alive
          ? { status: 'signed-in', me: await fetchMe(), passwordChangeRequired: false }
          : { status: 'signed-out' };
        if (!cancelled) setState(next);
      } catch (error) {
        // No connection: carry on as the account this device last signed in with, if any.
        const cached = isNetworkError(error)
          ? await localDb.get<Me>('account', 'me').catch(() => undefined)
          : undefined;
        if (!cancelled) {
          setState(
            cached
              ? { status: 'signed-in', me: cached, passwordChangeRequired: false }
              : { status: 'signed-out' },
          );
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const signIn = useCallback<AccountApi['signIn']>(async (input) => {
    const user = await signInOnServer(input);
    const me = await fetchMe();
    setState({ status: 'signed-in', me, passwordChangeRequired: user.passwordChangeRequired });
  }, []);

  const signOut = useCallback(async () => {
    try {
      if (!currentAccessToken()) await refreshSession();
      await signOutOnServer(currentAccessToken());
    } catch {
      // Offline: the session cannot be revoked from here, but nothing of it stays on the device.
    }
    setAccessToken(null);
    await deleteLocalDb();
    await clearCaches();
    sessionStorage.clear();
    setState({ status: 'signed-out' });
  }, []);

  const passwordChanged = useCallback(() => {
    setState((current) =>
      current.status === 'signed-in' ? { ...current, passwordChangeRequired: false } : current,
    );
  }, []);

  const value = useMemo<AccountApi>(
    () => ({
      state,
      signIn,
      signOut,
      passwordChanged,
      can: (permission) => state.status === 'signed-in' && state.me.permissions.includes(permission),
    }),
    [state, signIn, signOut, passwordChanged],
  );
  return <AccountContext.Provider value={value}>{children}</AccountContext.Provider>;
}

export function useAccount(): AccountApi {
  const account = useContext(AccountContext);
  if (!account) throw new Error('useAccount outside AccountProvider');
  return account;
}
