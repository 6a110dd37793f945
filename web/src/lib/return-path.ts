/**
 * The way back through the login page, on the web side: read from the page's query (?return=,
 * or the old ?next=) and followed after the login or its detour. Which values are safe and
 * which paths the server answers is decided once, in src/sso/return-path.ts.
 */
import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { returnPathFrom, type ReturnTarget } from '../../../src/sso/return-path.ts';

export { returnTarget, withReturnPath, type ReturnTarget } from '../../../src/sso/return-path.ts';

/** The current page's safe way back, or undefined (absent, or refused as unsafe). */
export function useReturnPath(): string | undefined {
  const [params] = useSearchParams();
  return returnPathFrom(params);
}

/**
 * Goes to a ReturnTarget: the server's paths (a sign-in in progress, 办理入口) by a full page
 * load, the portal's pages by the router, replacing the login page in the history. The
 * caller refreshes the session first when the target is a portal page.
 */
export function useFollowReturn(): (target: ReturnTarget) => void {
  const navigate = useNavigate();
  return useCallback(
    (target: ReturnTarget) => {
      if (target.load === 'server') window.location.assign(target.path);
      else void navigate(target.path, { replace: true });
    },
    [navigate],
  );
}
