import { useCallback, useRef, useState } from 'react';

/**
 * Undo/redo over snapshots of the graph (in OpsCycle's own format, so a snapshot is also exactly
 * what would be saved). Snapshots are taken at the end of a gesture (drop, connect, edit, delete),
 * not on every drag frame.
 */
export interface History<S> {
  record: (snapshot: S) => void;
  undo: () => S | undefined;
  redo: () => S | undefined;
  reset: (snapshot: S) => void;
  canUndo: boolean;
  canRedo: boolean;
}

const LIMIT = 100;

export function useHistory<S>(initial: S, same: (a: S, b: S) => boolean): History<S> {
  const past = useRef<S[]>([initial]);
  const future = useRef<S[]>([]);
  const [, bump] = useState(0);
  const rerender = () => bump((n) => n + 1);

  const record = useCallback(
    (snapshot: S) => {
      const last = past.current[past.current.length - 1];
      if (last !== undefined && same(last, snapshot)) return;
      past.current = [...past.current, snapshot].slice(-LIMIT);
      future.current = [];
      rerender();
    },
    [same],
  );
  const undo = useCallback(() => {
    if (past.current.length < 2) return undefined;
    const current = past.current.pop();
    if (current !== undefined) future.current.push(current);
    rerender();
    return past.current[past.current.length - 1];
  }, []);
  const redo = useCallback(() => {
    const next = future.current.pop();
    if (next === undefined) return undefined;
    past.current.push(next);
    rerender();
    return next;
  }, []);
  const reset = useCallback((snapshot: S) => {
    past.current = [snapshot];
    future.current = [];
    rerender();
  }, []);
  return { record, undo, redo, reset, canUndo: past.current.length > 1, canRedo: future.current.length > 0 };
}
