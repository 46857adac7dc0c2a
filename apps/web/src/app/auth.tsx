import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, request, setCsrfToken, setUnauthorizedHandler } from '../ui/api';
import type { Me, MeResponse } from '../features/identity/types';

export type AuthStatus = 'loading' | 'anonymous' | 'authenticated' | 'error';

export interface AuthContextValue {
  status: AuthStatus;
  user: Me | null;
  /** Set when the session could not be checked (server unreachable); 'anonymous' means simply not signed in. */
  error: ApiError | null;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** Reloads the current user (e.g. after the user's own roles changed). */
  refresh: () => Promise<void>;
  /** Whether the signed-in user holds the permission. */
  can: (permission: string) => boolean;
  /** Whether the signed-in user holds the permission, or any one of a list of them. */
  canAny: (permissions: string | readonly string[]) => boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Loads GET /identity/me once, keeps the CSRF token for the API client, and offers login/logout. */
export function AuthProvider({ children }: { children: React.ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<Me | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const signIn = useCallback((body: MeResponse) => {
    setCsrfToken(body.csrfToken);
    setUser(body.user);
    setError(null);
    setStatus('authenticated');
  }, []);

  const signOutLocally = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
    setStatus('anonymous');
  }, []);

  const refresh = useCallback(async () => {
    try {
      signIn(await request<MeResponse>('/identity/me', { on401: 'throw' }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        signOutLocally();
      } else {
        setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT_ERROR', '无法确认登录状态'));
        setStatus('error');
      }
    }
  }, [signIn, signOutLocally]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    // A 401 on any later request means the session ended (expired, revoked): forget the user; the route guard
    // (RequirePermission) then sends them to /login?next=… without reloading the page.
    setUnauthorizedHandler(signOutLocally);
  }, [signOutLocally]);

  const login = useCallback(
    async (username: string, password: string) => {
      const body = await request<MeResponse>('/identity/sessions', { method: 'POST', body: { username, password }, on401: 'throw' });
      signIn(body);
      return body.user;
    },
    [signIn],
  );

  const logout = useCallback(async () => {
    try {
      await api.delete('/identity/sessions/current');
    } catch (e) {
      // An already-ended session is what we wanted; anything else is still a local logout.
      if (!(e instanceof ApiError)) throw e;
    } finally {
      signOutLocally();
    }
  }, [signOutLocally]);

  const permissions = useMemo(() => new Set(user?.permissions ?? []), [user]);
  const can = useCallback((permission: string) => permissions.has(permission), [permissions]);
  const canAny = useCallback(
    (wanted: string | readonly string[]) => (typeof wanted === 'string' ? permissions.has(wanted) : wanted.some((p) => permissions.has(p))),
    [permissions],
  );

  const value = useMemo<AuthContextValue>(
    () => ({ status, user, error, login, logout, refresh, can, canAny }),
    [status, user, error, login, logout, refresh, can, canAny],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

/** Where a user lands after login: staff go to `next` (if safe) or the workbench; citizens and enterprises to 我的. */
export function homeAfterLogin(user: Me, next: string | null): string {
  if (user.kind !== 'staff') return next && next.startsWith('/portal/') && isSafeNext(next) ? next : '/portal/me';
  return next && isSafeNext(next) && next !== '/login' ? next : '/workbench';
}

/** Only same-site paths: "/x", never "//host" or "http://…". */
export function isSafeNext(next: string): boolean {
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\');
}
