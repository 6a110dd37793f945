/**
 * Loads a page's data from the back-office API, again whenever `deps` change or on reload().
 * `loading` is true from the very render in which `deps` change (not one effect later), and
 * the previous data stays on screen meanwhile.
 */
import { useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

interface Result<T> {
  key: string;
  data: T | undefined;
  error: unknown;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [version, setVersion] = useState(0);
  const [result, setResult] = useState<Result<T>>();
  const key = JSON.stringify([...deps, version]);

  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setResult({ key, data, error: undefined }),
      (error: unknown) => current && setResult((previous) => ({ key, data: previous?.data, error })),
    );
    // An answer to an earlier request must not overwrite a later one.
    return () => {
      current = false;
    };
    // `load` is a new function every render: `key` says when the data it fetches changes.
  }, [key]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const settled = result?.key === key;
  return { data: result?.data, error: settled ? result.error : undefined, loading: !settled, reload };
}
