import { useCallback, useRef, useState } from 'react';
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { fromFlow, toFlow, type RuleFlowEdge, type RuleFlowNode } from './flowMapping';
import { useHistory } from './history';
import type { RuleGraph } from './model';

type Snapshot = Pick<RuleGraph, 'nodes' | 'edges'>;
const sameSnapshot = (a: Snapshot, b: Snapshot) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The editable graph: React Flow nodes/edges (so dragging stays cheap) plus undo/redo over snapshots
 * in OpsCycle's format. Refs mirror the state so a gesture's end can be recorded synchronously.
 */
export function useRuleGraphState(initial: Snapshot) {
  const start = toFlow(initial);
  const [nodes, setNodesState] = useState<RuleFlowNode[]>(start.nodes);
  const [edges, setEdgesState] = useState<RuleFlowEdge[]>(start.edges);
  const nodesRef = useRef(nodes);
  const edgesRef = useRef(edges);
  const history = useHistory<Snapshot>(initial, sameSnapshot);
  const recordPending = useRef(false);

  const snapshot = useCallback((): Snapshot => fromFlow({}, nodesRef.current, edgesRef.current), []);

  /** Records one undo step per gesture, even when React Flow reports it as node and edge changes. */
  const scheduleRecord = useCallback(() => {
    if (recordPending.current) return;
    recordPending.current = true;
    queueMicrotask(() => {
      recordPending.current = false;
      history.record(snapshot());
    });
  }, [history, snapshot]);

  const setGraph = useCallback(
    (nextNodes: RuleFlowNode[], nextEdges: RuleFlowEdge[], record: boolean) => {
      nodesRef.current = nextNodes;
      edgesRef.current = nextEdges;
      setNodesState(nextNodes);
      setEdgesState(nextEdges);
      if (record) scheduleRecord();
    },
    [scheduleRecord],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<RuleFlowNode>[]) => {
      const next = applyNodeChanges(changes, nodesRef.current);
      const gestureEnded = changes.some(
        (c) => c.type === 'remove' || c.type === 'add' || (c.type === 'position' && c.dragging === false),
      );
      setGraph(next, edgesRef.current, gestureEnded);
    },
    [setGraph],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<RuleFlowEdge>[]) => {
      const next = applyEdgeChanges(changes, edgesRef.current);
      setGraph(
        nodesRef.current,
        next,
        changes.some((c) => c.type === 'remove' || c.type === 'add'),
      );
    },
    [setGraph],
  );

  const updateNodeData = useCallback(
    (nodeId: string, data: Record<string, unknown>) => {
      const next = nodesRef.current.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, data } } : n));
      setGraph(next, edgesRef.current, true);
    },
    [setGraph],
  );

  const restore = useCallback(
    (snap: Snapshot | undefined) => {
      if (!snap) return;
      const flow = toFlow(snap);
      setGraph(flow.nodes, flow.edges, false);
    },
    [setGraph],
  );

  return {
    nodes,
    edges,
    nodesRef,
    edgesRef,
    setGraph,
    onNodesChange,
    onEdgesChange,
    updateNodeData,
    snapshot,
    undo: () => restore(history.undo()),
    redo: () => restore(history.redo()),
    resetHistory: () => history.reset(snapshot()),
    canUndo: history.canUndo,
    canRedo: history.canRedo,
  };
}
