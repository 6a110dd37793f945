import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../lib/session.tsx';
import { PASSWORD_CHANGE_PATH, loginPathFor, withReturnPath } from '../../../src/sso/return-path.ts';

/** Pages behind login; a pending password change (expired or one-time) comes before anything else. */
export function RequireLogin({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spin />;
  const here = location.pathname + location.search;
  if (!me) return <Navigate to={loginPathFor(here)} replace />;
  if (me.passwordChangeReason) return <Navigate to={withReturnPath(PASSWORD_CHANGE_PATH, here)} replace />;
  return <>{children}</>;
}
