import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './api';
import type { Me } from './types';
import type { Role } from '../shared/schemas';

interface AuthState {
  me: Me | null;
  loading: boolean;
  /** Re-read /api/auth/me (after login or a password change). */
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
  hasRole: (roles: readonly Role[]) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export const ME_KEY = ['auth', 'me'] as const;

export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me', undefined, { quiet401: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const { data, isPending } = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });

  const refresh = useCallback(async () => {
    const me = await fetchMe();
    qc.setQueryData(ME_KEY, me);
    return me;
  }, [qc]);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', {}, { quiet401: true });
    } catch {
      // already logged out: nothing to do
    }
    setCsrfToken(null);
    qc.clear();
    qc.setQueryData(ME_KEY, null);
  }, [qc]);

  const value = useMemo<AuthState>(() => ({
    me: data ?? null,
    loading: isPending,
    refresh,
    logout,
    hasRole: (roles) => !!data && data.user.roles.some((r) => roles.includes(r)),
  }), [data, isPending, refresh, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
