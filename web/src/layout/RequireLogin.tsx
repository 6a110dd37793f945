import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../lib/session.tsx';

/** Pages behind login; a pending password change (expired or one-time) comes before anything else. */
export function RequireLogin({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spin />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (me.passwordChangeReason) return <Navigate to="/password/expired" replace />;
  return <>{children}</>;
}
