import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AuthUser, LoginResponse } from '@opscycle/domain';
import { apiRequest, getToken, onUnauthorized, setToken } from '../api/client';

interface Session {
  user: AuthUser | null;
  login: (username: string, password: string) => Promise<void>;
  logout: () => void;
}

const SessionContext = createContext<Session | null>(null);
const USER_KEY = 'opscycle.user';

function storedUser(): AuthUser | null {
  const raw = sessionStorage.getItem(USER_KEY);
  return raw ? (JSON.parse(raw) as AuthUser) : null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<AuthUser | null>(storedUser);

  /** Ends the session here only: the API already refused the token. */
  const forget = useCallback(() => {
    setToken(null);
    sessionStorage.removeItem(USER_KEY);
    setUser(null);
  }, []);

  /** Revokes the token on the API, so a copy of it stops working too, then forgets it here. */
  const logout = useCallback(() => {
    const revoked = getToken() ? apiRequest<void>('POST', '/auth/logout') : Promise.resolve();
    // Signing out locally must not wait for (or fail with) the server: the token expires anyway.
    void revoked.catch(() => undefined).finally(forget);
  }, [forget]);

  const login = useCallback(async (username: string, password: string) => {
    const response = await apiRequest<LoginResponse>('POST', '/auth/login', { username, password });
    setToken(response.token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(response.user));
    setUser(response.user);
  }, []);

  useEffect(() => onUnauthorized(forget), [forget]);

  const value = useMemo(() => ({ user, login, logout }), [user, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for screens rendered behind the login gate. */
export function useUser(): AuthUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser before sign-in');
  return user;
}
