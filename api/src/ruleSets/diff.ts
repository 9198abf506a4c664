import { canonicalJson, withExplicitInputs, type RuleGraph, type RuleSetDiff } from '@opscycle/domain';

const SETTINGS = ['name', 'currency', 'effectiveFrom', 'effectiveTo'] as const;

/**
 * What changed for the rules between two versions: settings, nodes (with the data fields that
 * differ) and edges by id. Positions are ignored: dragging a node changes no payout.
 */
export function diffRuleGraphs(
  ruleSetId: string,
  from: { version: number; graph: RuleGraph },
  to: { version: number; graph: RuleGraph },
): RuleSetDiff {
  const before = new Map(from.graph.nodes.map((node) => [node.id, node]));
  const after = new Map(to.graph.nodes.map((node) => [node.id, node]));
  const nodes: RuleSetDiff['nodes'] = [];
  for (const node of to.graph.nodes) {
    const old = before.get(node.id);
    if (!old) {
      nodes.push({ id: node.id, change: 'added', kind: node.kind, fields: [] });
      continue;
    }
    const oldData = old.data as Record<string, unknown>;
    const newData = node.data as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(oldData), ...Object.keys(newData)])]
      .filter((field) => canonicalJson(oldData[field] ?? null) !== canonicalJson(newData[field] ?? null))
      .sort();
    if (old.kind !== node.kind) fields.unshift('kind');
    if (fields.length > 0) nodes.push({ id: node.id, change: 'changed', kind: node.kind, fields });
  }
  for (const node of from.graph.nodes)
    if (!after.has(node.id)) nodes.push({ id: node.id, change: 'removed', kind: node.kind, fields: [] });

  // Edges compare by the input they land on, however the graph's age spells it.
  const edgeKey = (edge: RuleGraph['edges'][number]) =>
    `${edge.sourceId}>${edge.targetId}:${edge.targetHandle ?? edge.sourceHandle ?? ''}`;
  const beforeEdges = new Map(withExplicitInputs(from.graph).map((edge) => [edge.id, edgeKey(edge)]));
  const afterEdges = new Map(withExplicitInputs(to.graph).map((edge) => [edge.id, edgeKey(edge)]));
  const edges: RuleSetDiff['edges'] = [];
  for (const [id, key] of afterEdges) {
    const old = beforeEdges.get(id);
    if (old === undefined) edges.push({ id, change: 'added' });
    else if (old !== key) edges.push({ id, change: 'changed' });
  }
  for (const id of beforeEdges.keys()) if (!afterEdges.has(id)) edges.push({ id, change: 'removed' });

  const settings = SETTINGS.filter(
    (field) => canonicalJson(from.graph[field] ?? null) !== canonicalJson(to.graph[field] ?? null),
  ).map((field) => ({ field, from: from.graph[field] ?? null, to: to.graph[field] ?? null }));
  return { ruleSetId, from: from.version, to: to.version, settings, nodes, edges };
}
