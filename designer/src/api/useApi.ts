import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads once per `deps` change; `reload()` re-fetches after a mutation. Only the latest load's answer
 * is kept: an earlier, slower one (the funnel's range typed one date at a time) must not overwrite it.
 */
export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const run = useCallback(load, deps as unknown[]);
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const call = ++latest.current;
    setLoading(true);
    try {
      const value = await run();
      if (call !== latest.current) return;
      setData(value);
      setError(null);
    } catch (err) {
      if (call === latest.current) setError(err as Error);
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, [run]);
  useEffect(() => void reload(), [reload]);
  return { data, error, loading, reload };
}
