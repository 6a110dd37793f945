import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from './api.ts';

export interface Me {
  kind: 'natural' | 'legal';
  loginName: string;
  displayName: string;
  passwordChangeReason: 'expired' | 'one_time' | 'weak' | null;
}

interface SessionState {
  me: Me | null;
  loading: boolean;
  refresh(): Promise<Me | null>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState>({ me: null, loading: true, refresh: async () => null, logout: async () => {} });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    try {
      const current = await api<Me>('GET', '/api/me');
      setMe(current);
      return current;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) console.error(error);
      setMe(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);
  const logout = useCallback(async () => {
    await api('POST', '/api/logout');
    setMe(null);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <SessionContext.Provider value={{ me, loading, refresh, logout }}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);
