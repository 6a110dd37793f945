/**
 * The logged-in staff member of the back office (its own session, apart from the portal's
 * citizens): loaded once from /api/admin/me, set by the login page, cleared by 退出登录 and by
 * any STAFF_ONLY answer, which also sends the browser to /admin/login.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { adminApi, setStaffOnlyHandler, type Staff, type StaffRole } from './admin-api.ts';

interface StaffSession {
  /** undefined while not yet asked, null when nobody is logged in. */
  staff: Staff | null | undefined;
  setStaff(staff: Staff | null): void;
  load(): Promise<void>;
  logout(): Promise<void>;
}

const StaffContext = createContext<StaffSession>({ staff: undefined, setStaff: () => {}, load: async () => {}, logout: async () => {} });

export function StaffProvider({ children }: { children: ReactNode }) {
  const [staff, setStaff] = useState<Staff | null | undefined>(undefined);
  const navigate = useNavigate();

  useEffect(() => {
    setStaffOnlyHandler(() => {
      setStaff(null);
      navigate('/admin/login', { replace: true });
    });
    return () => setStaffOnlyHandler(() => {});
  }, [navigate]);

  const load = useCallback(async () => {
    // A failure other than STAFF_ONLY (which redirects) leaves the page to retry; nobody is assumed logged in.
    setStaff(await adminApi.me().catch(() => null));
  }, []);

  const logout = useCallback(async () => {
    try {
      await adminApi.logout();
    } finally {
      setStaff(null);
      navigate('/admin/login', { replace: true });
    }
  }, [navigate]);

  return <StaffContext.Provider value={{ staff, setStaff, load, logout }}>{children}</StaffContext.Provider>;
}

export const useStaff = () => useContext(StaffContext);

export const hasRole = (staff: Staff | null | undefined, role: StaffRole) => staff?.roles.includes(role) ?? false;

