import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FACT_CATALOGS,
  NODE_KINDS_BY_RULE_SET,
  inputSlots,
  type NodeKind,
  type RuleGraph,
  type RuleSetKind,
} from '@opscycle/domain';
import { compileRuleGraph, simulate, validateRuleGraph } from '@opscycle/rules';
import { reaches, refuseConnection } from '@opscycle/designer/rules/connections';
import { NODE_DEFAULTS } from '@opscycle/designer/rules/defaults';

/**
 * What the designer offers and what the validator accepts come from one table (NODE_SPECS). These
 * tests hold the two to it: every connection the designer lets a user draw is one the validator
 * accepts, and the other way round, and every graph a user can reach by the designer's own actions
 * either validates (and then simulates) or says what is wrong on the node or edge concerned.
 */
const RULE_SET_KINDS = Object.keys(NODE_KINDS_BY_RULE_SET) as RuleSetKind[];
/** Problems of the graph as a whole: no single node or edge to show them on. */
const GRAPH_LEVEL = new Set(['RULE_GRAPH_MISSING_START', 'RULE_GRAPH_NO_OUTCOME']);

function graphOf(kind: RuleSetKind, nodes: RuleGraph['nodes'], edges: RuleGraph['edges']): RuleGraph {
  return {
    id: 'agreement',
    version: 1,
    kind,
    name: 'designer agreement',
    ...(kind === 'incentive' ? { currency: 'CNY' } : {}),
    effectiveFrom: '2027-01-01',
    effectiveTo: null,
    nodes,
    edges,
  };
}

function aNode(kind: NodeKind, ruleSetKind: RuleSetKind, id: string): RuleGraph['nodes'][number] {
  const data = NODE_DEFAULTS[kind](ruleSetKind);
  return { id, kind, data, position: { x: 0, y: 0 } } as RuleGraph['nodes'][number];
}

describe('the designer and the validator', () => {
  it.each(RULE_SET_KINDS)('agree on every edge between two %s node kinds, on every input', (ruleSetKind) => {
    const kinds: readonly NodeKind[] = NODE_KINDS_BY_RULE_SET[ruleSetKind];
    let offered = 0;
    for (const source of kinds)
      for (const target of kinds) {
        if (source === target) continue;
        for (const [slot] of inputSlots(target)) {
          const designer =
            refuseConnection({
              sourceKind: source,
              targetKind: target,
              targetHandle: slot,
              createsCycle: false,
              inputsInUse: {},
              duplicate: false,
            }) === null;
          const graph = graphOf(
            ruleSetKind,
            [aNode(source, ruleSetKind, 'source'), aNode(target, ruleSetKind, 'target')],
            [{ id: 'edge', sourceId: 'source', targetId: 'target', targetHandle: slot }],
          );
          const refused = validateRuleGraph(graph).errors.some(
            (e) => e.code === 'RULE_GRAPH_INVALID_CONNECTION' && e.edgeId === 'edge',
          );
          expect({ source, target, slot, designer }).toEqual({ source, target, slot, designer: !refused });
          if (designer) offered += 1;
        }
      }
    expect(offered).toBeGreaterThan(0);
  });

  it.each(RULE_SET_KINDS)(
    'leaves every %s graph built by designer actions valid, or with its errors on a node or edge',
    async (ruleSetKind) => {
      const kinds: readonly NodeKind[] = NODE_KINDS_BY_RULE_SET[ruleSetKind];
      const action = fc.oneof(
        { arbitrary: fc.record({ add: fc.constantFrom(...kinds.filter((k) => k !== 'start')) }), weight: 1 },
        { arbitrary: fc.record({ from: fc.nat(), to: fc.nat(), slot: fc.nat() }), weight: 2 },
      );
      let validated = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
          // A new rule set starts with its start node, as the designer's users start.
          const nodes: RuleGraph['nodes'] = [aNode('start', ruleSetKind, 'start-1')];
          const edges: RuleGraph['edges'] = [];
          for (const a of actions) {
            if ('add' in a) {
              nodes.push(aNode(a.add, ruleSetKind, `${a.add}-${nodes.length + 1}`));
              continue;
            }
            const source = nodes[a.from % Math.max(nodes.length, 1)];
            const target = nodes[a.to % Math.max(nodes.length, 1)];
            if (!source || !target || source === target) continue;
            const slots = inputSlots(target.kind);
            const slot = slots[a.slot % Math.max(slots.length, 1)]?.[0];
            if (!slot) continue;
            const flowEdges = edges.map((e) => ({ source: e.sourceId, target: e.targetId }));
            const inputsInUse: Record<string, number> = {};
            for (const e of edges)
              if (e.targetId === target.id && e.targetHandle)
                inputsInUse[e.targetHandle] = (inputsInUse[e.targetHandle] ?? 0) + 1;
            const refusal = refuseConnection({
              sourceKind: source.kind,
              targetKind: target.kind,
              targetHandle: slot,
              createsCycle: reaches(flowEdges, target.id, source.id),
              inputsInUse,
              duplicate: edges.some(
                (e) => e.sourceId === source.id && e.targetId === target.id && e.targetHandle === slot,
              ),
            });
            if (refusal === null)
              edges.push({
                id: `e-${edges.length + 1}`,
                sourceId: source.id,
                targetId: target.id,
                targetHandle: slot,
              });
          }
          const graph = graphOf(ruleSetKind, nodes, edges);
          const { ok, errors } = validateRuleGraph(graph);
          for (const error of errors)
            expect(
              error.nodeId !== undefined || error.edgeId !== undefined || GRAPH_LEVEL.has(error.code),
              `${error.code}: ${error.message}`,
            ).toBe(true);
          // The designer never draws an edge the validator then refuses as a connection.
          expect(errors.filter((e) => e.code === 'RULE_GRAPH_INVALID_CONNECTION')).toEqual([]);
          if (ok) {
            validated += 1;
            const compiled = compileRuleGraph(graph);
            expect(compiled.rules.length).toBeGreaterThan(0);
            await expect(simulate(graph, sampleFacts(ruleSetKind))).resolves.toBeDefined();
          }
        }),
        { numRuns: 300, seed: 20261202 },
      );
      // The walk reaches valid graphs too, so their compile-and-simulate check ran.
      expect(validated).toBeGreaterThan(0);
    },
  );
});

/** One valid fact set per rule-set kind (every required fact of its catalog). */
function sampleFacts(kind: RuleSetKind): Record<string, unknown> {
  if (kind === 'incentive')
    return {
      period: { id: '2027-03', from: '2027-03-01', to: '2027-03-31' },
      payees: [{ payeeId: 'rep-1', quotaMinor: 100_000_00, targetIncentiveMinor: 10_000_00 }],
      dealLines: [],
    };
  const facts: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(
    FACT_CATALOGS[kind] as Record<string, { type: string; values?: readonly string[] }>,
  )) {
    facts[name] =
      def.values?.[0] ??
      (
        {
          money: 100_000,
          number: 5,
          integer: 1,
          ratio: 0.5,
          string: 'x',
          boolean: true,
          date: '2027-03-01',
          stringList: ['x'],
          moneyByKey: {},
        } as Record<string, unknown>
      )[def.type];
  }
  return facts;
}
