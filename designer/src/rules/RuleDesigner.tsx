import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type IsValidConnection,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTranslation } from 'react-i18next';
import {
  FACT_CATALOGS,
  NODE_KINDS_BY_RULE_SET,
  type FactDefinition,
  type InputSlot,
  type NodeKind,
  type RuleGraphError,
} from '@opscycle/domain';
import { ApiError } from '../api/client';
import { ruleSetsApi, type VersionSummary } from '../api/ruleSets';
import { reaches, refuseConnection } from './connections';
import { diffDecorations, diffGraphs } from './diff';
import {
  decorate,
  fromFlow,
  toFlow,
  toFlowEdge,
  toFlowNode,
  type RuleFlowEdge,
  type RuleFlowNode,
} from './flowMapping';
import { layoutGraph } from './layout';
import type { RuleGraph } from './model';
import { mergeDecorations, problemDecorations, traceDecorations, type SimulationTrace } from './decorations';
import { NODE_DEFAULTS } from './nodes/defaults';
import { EditorContext, type NodeEditorContext } from './nodes/editorContext';
import { NODE_TYPES } from './nodes/RuleNodeView';
import { useRuleGraphState } from './useRuleGraphState';
import { SidePanel } from './SidePanel';

const DRAG_MIME = 'application/x-opscycle-node-kind';

function newId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = taken.size + 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

interface Props {
  initial: RuleGraph;
  onSaved?: (graph: RuleGraph) => void;
}

export function RuleDesigner(props: Props) {
  return (
    <ReactFlowProvider>
      <Designer {...props} />
    </ReactFlowProvider>
  );
}

function Designer({ initial, onSaved }: Props) {
  const { t } = useTranslation();
  const flow = useReactFlow<RuleFlowNode, RuleFlowEdge>();
  const [meta, setMeta] = useState(() => {
    const { nodes: _n, edges: _e, ...rest } = initial;
    return rest;
  });
  const graph = useRuleGraphState(initial);
  const [problems, setProblems] = useState<RuleGraphError[]>([]);
  const [trace, setTrace] = useState<SimulationTrace | null>(null);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' | 'muted' } | null>(null);
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [diff, setDiff] = useState<{ version: number; nodes: RuleFlowNode[]; edges: RuleFlowEdge[] } | null>(
    null,
  );
  const clipboard = useRef<{ nodes: RuleFlowNode[]; edges: RuleFlowEdge[] } | null>(null);
  const lastRefusal = useRef<string | null>(null);

  const currentGraph = useCallback(
    (): RuleGraph => fromFlow(meta, graph.nodesRef.current, graph.edgesRef.current),
    [meta, graph.nodesRef, graph.edgesRef],
  );

  const loadVersions = useCallback(async () => {
    try {
      setVersions((await ruleSetsApi.versions(meta.id)).versions);
    } catch {
      setVersions([]);
    }
  }, [meta.id]);
  useEffect(() => void loadVersions(), [loadVersions]);

  // Problems and the simulation trace are drawn on the nodes; re-applied only when they change.
  useEffect(() => {
    const edges = graph.edgesRef.current.map((e) => ({ id: e.id, sourceId: e.source, targetId: e.target }));
    const decorations = mergeDecorations(
      problemDecorations(problems),
      trace ? traceDecorations(trace, edges) : {},
    );
    const next = decorate(graph.nodesRef.current, graph.edgesRef.current, decorations);
    graph.setGraph(next.nodes, next.edges, false);
  }, [problems, trace]);

  // Which fact each node bands on its measure input, as a string so dragging nodes changes nothing.
  const measureSignature = useMemo(() => {
    const factOf = new Map(
      graph.nodes.flatMap((n) =>
        n.data.kind === 'factInput' ? [[n.id, (n.data.data as { fact: string }).fact] as const] : [],
      ),
    );
    const pairs = graph.edges.flatMap((e) =>
      e.targetHandle === 'measure' && factOf.has(e.source)
        ? [[e.target, factOf.get(e.source)!] as const]
        : [],
    );
    return JSON.stringify(Object.fromEntries(pairs));
  }, [graph.nodes, graph.edges]);
  const editor = useMemo<NodeEditorContext>(() => {
    const catalog: Readonly<Record<string, FactDefinition>> = FACT_CATALOGS[meta.kind];
    const measureFacts = JSON.parse(measureSignature) as Record<string, string>;
    return {
      ruleSetKind: meta.kind,
      readOnly: diff !== null,
      currency: meta.currency ?? 'CNY',
      measureTypes: Object.fromEntries(
        Object.entries(measureFacts).map(([nodeId, fact]) => [nodeId, catalog[fact]?.type]),
      ),
      updateNodeData: graph.updateNodeData,
    };
  }, [meta.kind, meta.currency, diff, graph.updateNodeData, measureSignature]);

  const addNode = useCallback(
    (kind: NodeKind, position?: { x: number; y: number }) => {
      const taken = new Set(graph.nodesRef.current.map((n) => n.id));
      const at =
        position ?? flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
      const node = toFlowNode({
        id: newId(kind, taken),
        kind,
        data: NODE_DEFAULTS[kind](meta.kind),
        position: at,
      } as RuleGraph['nodes'][number]);
      graph.setGraph(
        [...graph.nodesRef.current.map((n) => ({ ...n, selected: false })), { ...node, selected: true }],
        graph.edgesRef.current,
        true,
      );
    },
    [flow, graph, meta.kind],
  );

  const isValidConnection: IsValidConnection<RuleFlowEdge> = useCallback(
    (c: Connection | Edge) => {
      const source = flow.getNode(c.source);
      const target = flow.getNode(c.target);
      if (!source || !target || c.source === c.target) return false;
      const edges = graph.edgesRef.current;
      const inputsInUse: Partial<Record<InputSlot, number>> = {};
      for (const e of edges)
        if (e.target === c.target && e.targetHandle)
          inputsInUse[e.targetHandle as InputSlot] = (inputsInUse[e.targetHandle as InputSlot] ?? 0) + 1;
      const reason = refuseConnection({
        sourceKind: source.data.kind,
        targetKind: target.data.kind,
        targetHandle: c.targetHandle,
        createsCycle: reaches(edges, c.target, c.source),
        inputsInUse,
        duplicate: edges.some(
          (e) =>
            e.source === c.source &&
            e.target === c.target &&
            (e.targetHandle ?? null) === (c.targetHandle ?? null),
        ),
      });
      lastRefusal.current = reason;
      return reason === null;
    },
    [flow, graph.edgesRef],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const taken = new Set(graph.edgesRef.current.map((e) => e.id));
      const edge = toFlowEdge({
        id: newId(`e-${c.source}-${c.target}`, taken),
        sourceId: c.source,
        targetId: c.target,
        ...(c.targetHandle ? { targetHandle: c.targetHandle } : {}),
      });
      graph.setGraph(graph.nodesRef.current, [...graph.edgesRef.current, edge], true);
      setStatus(null);
    },
    [graph],
  );

  const onConnectEnd = useCallback(() => {
    if (lastRefusal.current)
      setStatus({ text: t('designer.connectionRejected', { reason: lastRefusal.current }), tone: 'error' });
    lastRefusal.current = null;
  }, [t]);

  const autoLayout = useCallback(() => {
    const sizes = new Map(
      graph.nodesRef.current.map((n) => [
        n.id,
        { width: n.measured?.width ?? 200, height: n.measured?.height ?? 90 },
      ]),
    );
    const laid = layoutGraph(graph.snapshot(), sizes);
    const position = new Map(laid.nodes.map((n) => [n.id, n.position]));
    graph.setGraph(
      graph.nodesRef.current.map((n) => ({ ...n, position: position.get(n.id) ?? n.position })),
      graph.edgesRef.current,
      true,
    );
    requestAnimationFrame(() => void flow.fitView({ padding: 0.1 }));
  }, [flow, graph]);

  const copy = useCallback(() => {
    const nodes = graph.nodesRef.current.filter((n) => n.selected);
    const ids = new Set(nodes.map((n) => n.id));
    clipboard.current = {
      nodes,
      edges: graph.edgesRef.current.filter((e) => ids.has(e.source) && ids.has(e.target)),
    };
  }, [graph]);

  const paste = useCallback(() => {
    const clip = clipboard.current;
    if (!clip || clip.nodes.length === 0) return;
    const taken = new Set(graph.nodesRef.current.map((n) => n.id));
    const rename = new Map<string, string>();
    const nodes = clip.nodes.map((n) => {
      const id = newId(n.data.kind, taken);
      taken.add(id);
      rename.set(n.id, id);
      return {
        ...toFlowNode({
          id,
          kind: n.data.kind,
          data: n.data.data,
          position: { x: n.position.x + 40, y: n.position.y + 40 },
        } as RuleGraph['nodes'][number]),
        selected: true,
      };
    });
    const takenEdges = new Set(graph.edgesRef.current.map((e) => e.id));
    const edges = clip.edges.map((e) => {
      const source = rename.get(e.source) ?? e.source;
      const target = rename.get(e.target) ?? e.target;
      const id = newId(`e-${source}-${target}`, takenEdges);
      takenEdges.add(id);
      return toFlowEdge({
        id,
        sourceId: source,
        targetId: target,
        ...(e.targetHandle ? { targetHandle: e.targetHandle } : {}),
      });
    });
    graph.setGraph(
      [...graph.nodesRef.current.map((n) => ({ ...n, selected: false })), ...nodes],
      [...graph.edgesRef.current, ...edges],
      true,
    );
    clipboard.current = { nodes: nodes.map((n) => ({ ...n, selected: false })), edges };
  }, [graph]);

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).closest('input, select, textarea')) return;
    const mod = e.ctrlKey || e.metaKey;
    if (!mod) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) graph.undo();
    else if ((key === 'z' && e.shiftKey) || key === 'y') graph.redo();
    else if (key === 'c') copy();
    else if (key === 'v') paste();
    else return;
    e.preventDefault();
  };

  const onDrop = (e: DragEvent) => {
    const kind = e.dataTransfer.getData(DRAG_MIME) as NodeKind;
    if (!kind) return;
    e.preventDefault();
    addNode(kind, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  };

  function report(err: unknown) {
    if (err instanceof ApiError) {
      const errors = (err.details as { errors?: RuleGraphError[] } | undefined)?.errors;
      if (Array.isArray(errors)) setProblems(errors);
    }
    setStatus({ text: t('common.error', { message: (err as Error).message }), tone: 'error' });
  }

  async function validate(): Promise<boolean> {
    try {
      const result = await ruleSetsApi.validate(currentGraph());
      setProblems(result.errors);
      setStatus(
        result.ok
          ? { text: t('designer.valid'), tone: 'ok' }
          : { text: t('designer.invalid', { count: result.errors.length }), tone: 'error' },
      );
      return result.ok;
    } catch (err) {
      report(err);
      return false;
    }
  }

  async function save(): Promise<RuleGraph | null> {
    try {
      const saved = await ruleSetsApi.saveDraft(currentGraph());
      setMeta((m) => ({ ...m, version: saved.version }));
      setStatus({ text: t('designer.saved', { version: saved.version }), tone: 'ok' });
      onSaved?.(saved);
      return saved;
    } catch (err) {
      report(err);
      return null;
    }
  }

  async function publish() {
    const saved = await save();
    if (!saved || !(await validate())) return;
    try {
      const published = await ruleSetsApi.publish(saved.id, saved.version);
      setStatus({ text: t('designer.published', { version: published.version }), tone: 'ok' });
      await loadVersions();
    } catch (err) {
      report(err);
    }
  }

  async function compareWith(version: number) {
    try {
      const old = await ruleSetsApi.version(meta.id, version);
      const d = diffGraphs(old.graph, graph.snapshot());
      const shown = toFlow(d.merged, diffDecorations(d));
      setDiff({ version, ...shown });
    } catch (err) {
      report(err);
    }
  }

  const palette = NODE_KINDS_BY_RULE_SET[meta.kind];
  const shownNodes = diff ? diff.nodes : graph.nodes;
  const shownEdges = diff ? diff.edges : graph.edges;
  const unplaced = problems.filter((p) => !p.nodeId && !p.edgeId);

  return (
    <EditorContext.Provider value={editor}>
      <div className="designer">
        <aside className="side" aria-label={t('designer.palette')}>
          <h3>{t('designer.palette')}</h3>
          <p className="muted">{t('designer.paletteHint')}</p>
          {palette.map((kind) => (
            <div
              key={kind}
              className="palette-item"
              draggable
              data-testid={`palette-${kind}`}
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_MIME, kind);
                e.dataTransfer.effectAllowed = 'move';
              }}
              onClick={() => addNode(kind)}
            >
              {t(`nodeKind.${kind}`)}
            </div>
          ))}
          <h3>{t('designer.history')}</h3>
          <ul data-testid="versions">
            {versions.map((v) => (
              <li key={v.version}>
                v{v.version} <span className="muted">{v.publishedAt.slice(0, 16).replace('T', ' ')}</span>{' '}
                <button data-testid={`diff-v${v.version}`} onClick={() => void compareWith(v.version)}>
                  {t('designer.diff')}
                </button>
              </li>
            ))}
          </ul>
        </aside>
        <section>
          <div className="toolbar" role="toolbar">
            <strong data-testid="rule-set-name">{meta.name}</strong>
            <span className="badge">{t(`ruleSetKind.${meta.kind}`)}</span>
            <span className="badge">
              {t('designer.draft')} v{meta.version}
            </span>
            <button onClick={autoLayout} disabled={!!diff} data-testid="layout">
              {t('designer.layout')}
            </button>
            <button onClick={graph.undo} disabled={!graph.canUndo || !!diff} data-testid="undo">
              {t('designer.undo')}
            </button>
            <button onClick={graph.redo} disabled={!graph.canRedo || !!diff} data-testid="redo">
              {t('designer.redo')}
            </button>
            <button onClick={copy} disabled={!!diff}>
              {t('designer.copy')}
            </button>
            <button onClick={paste} disabled={!!diff}>
              {t('designer.paste')}
            </button>
            <button onClick={() => void validate()} disabled={!!diff} data-testid="validate">
              {t('designer.validate')}
            </button>
            <button onClick={() => void save()} disabled={!!diff} data-testid="save">
              {t('designer.saveDraft')}
            </button>
            <button
              className="primary"
              onClick={() => void publish()}
              disabled={!!diff}
              data-testid="publish"
            >
              {t('designer.publish')}
            </button>
            {diff && (
              <span className="row" data-testid="diff-banner">
                <span className="badge warn">{t('designer.diffWith', { version: diff.version })}</span>
                <span className="badge ok">{t('designer.added')}</span>
                <span className="badge warn">{t('designer.changed')}</span>
                <span className="badge bad">{t('designer.removed')}</span>
                <button onClick={() => setDiff(null)}>{t('common.close')}</button>
              </span>
            )}
          </div>
          <div className="row settings" data-testid="plan-settings">
            <label>
              {t('designer.effectiveFrom')}{' '}
              <input
                type="date"
                data-testid="effective-from"
                value={meta.effectiveFrom ?? ''}
                disabled={!!diff}
                onChange={(e) => setMeta((m) => ({ ...m, effectiveFrom: e.target.value || undefined }))}
              />
            </label>
            <label>
              {t('designer.effectiveTo')}{' '}
              <input
                type="date"
                value={meta.effectiveTo ?? ''}
                disabled={!!diff}
                onChange={(e) => setMeta((m) => ({ ...m, effectiveTo: e.target.value || null }))}
              />
            </label>
            {meta.kind === 'incentive' && (
              <label>
                {t('designer.currency')}{' '}
                <input
                  size={4}
                  value={meta.currency ?? ''}
                  disabled={!!diff}
                  onChange={(e) =>
                    setMeta((m) => ({ ...m, currency: e.target.value.toUpperCase() || undefined }))
                  }
                />
              </label>
            )}
          </div>
          {status && (
            <p role="status" data-testid="designer-status" className={status.tone}>
              {status.text}
            </p>
          )}
          {unplaced.length > 0 && (
            <ul className="problems error" data-testid="graph-problems">
              {unplaced.map((p, i) => (
                <li key={i}>
                  {p.code}: {p.message}
                </li>
              ))}
            </ul>
          )}
          <div
            className="canvas"
            style={{ height: 'calc(100% - 60px)' }}
            onKeyDown={onKeyDown}
            tabIndex={0}
            data-testid="canvas"
          >
            <ReactFlow<RuleFlowNode, RuleFlowEdge>
              nodes={shownNodes}
              edges={shownEdges}
              nodeTypes={NODE_TYPES}
              onNodesChange={diff ? undefined : graph.onNodesChange}
              onEdgesChange={diff ? undefined : graph.onEdgesChange}
              onConnect={onConnect}
              onConnectEnd={onConnectEnd}
              isValidConnection={isValidConnection}
              nodesConnectable={!diff}
              nodesDraggable={!diff}
              deleteKeyCode={diff ? null : ['Delete', 'Backspace']}
              onDrop={onDrop}
              onDragOver={(e) => {
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
              }}
              onlyRenderVisibleElements
              fitView
              minZoom={0.05}
            >
              <Background />
              <Controls />
              <MiniMap pannable zoomable />
            </ReactFlow>
          </div>
        </section>
        <SidePanel graph={currentGraph} onTrace={setTrace} />
      </div>
    </EditorContext.Provider>
  );
}
