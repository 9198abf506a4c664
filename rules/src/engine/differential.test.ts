/**
 * The fast evaluator must give exactly json-rules-engine's results: same rules fired, same
 * condition results, same fact values in the trace. Checked over randomized graphs and facts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACT_CATALOGS, OPERATOR_SIGNATURES } from '@opscycle/domain';
import type {
  FactCatalog,
  FactDefinition,
  Operator,
  RuleEdge,
  RuleGraph,
  RuleNode,
  RuleSetKind,
} from '@opscycle/domain';
import {
  compileRuleGraph,
  demoIncentivePlan,
  DEMO_RULE_GRAPHS,
  evaluateIncentive,
  evaluateIncentiveSync,
  runFast,
  runJsonRulesEngine,
  validateRuleGraph,
} from '..';
import { aNode, anEdge } from '../demo/build';

const RUNS = 60;

/** A fact value: usually of the catalog's type, sometimes absent, near boundaries often. */
function factValue(def: FactDefinition): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'money':
      return fc.oneof(
        fc.integer({ min: -1_000, max: 300_000_000 }),
        fc.constantFrom(0, 5_000_000, 100_000_000),
      );
    case 'integer':
      return fc.integer({ min: -2, max: 2_000 });
    case 'number':
    case 'ratio':
      return fc.oneof(
        fc.double({ min: -1, max: 3, noNaN: true }),
        fc.constantFrom(0, 0.5, 1, 1.2, 5, 15, 20),
      );
    case 'string':
      return def.values ? fc.constantFrom(...def.values) : fc.constantFrom('a', 'cloud', 'erp', 'unit-1');
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.constantFrom('2026-12-31', '2027-01-01', '2027-03-15', '2027-06-30');
    case 'stringList':
      return fc.subarray(['cloud', 'erp', 'services']);
    case 'moneyByKey':
      return fc.dictionary(fc.constantFrom('cloud', 'erp'), fc.integer({ min: 0, max: 50_000_000 }));
  }
}

function factsFor(kind: RuleSetKind): fc.Arbitrary<Record<string, unknown>> {
  const catalog: FactCatalog = FACT_CATALOGS[kind];
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, def] of Object.entries(catalog)) shape[name] = factValue(def);
  const optional = Object.entries(catalog)
    .filter(([, d]) => d.optional)
    .map(([n]) => n);
  return fc.record(shape, { requiredKeys: Object.keys(catalog).filter((n) => !optional.includes(n)) });
}

/** A random condition on a random fact of the catalog, with an operator and value that fit it. */
function conditionData(kind: RuleSetKind): fc.Arbitrary<Record<string, unknown>> {
  const catalog: FactCatalog = FACT_CATALOGS[kind];
  const candidates = Object.entries(catalog).flatMap(([fact, def]) =>
    (Object.entries(OPERATOR_SIGNATURES) as [Operator, (typeof OPERATOR_SIGNATURES)[Operator]][])
      .filter(([, sig]) =>
        (sig.factTypes as readonly string[]).includes(def.type === 'moneyByKey' ? 'money' : def.type),
      )
      .map(([operator, sig]) => ({ fact, def, operator, sig })),
  );
  return fc.constantFrom(...candidates).chain(({ fact, def, operator, sig }) => {
    const single = factValue({ ...def, type: def.type === 'moneyByKey' ? 'money' : def.type });
    const value =
      sig.value === 'list'
        ? fc.array(single, { minLength: 1, maxLength: 3 })
        : sig.value === 'range'
          ? fc
              .tuple(single, single)
              .map(([a, b]) => [Math.min(a as number, b as number), Math.max(a as number, b as number)])
          : sig.value === 'element'
            ? fc.constantFrom('cloud', 'erp')
            : single;
    const path = def.type === 'moneyByKey' ? fc.constantFrom('$.cloud', '$.erp') : fc.constant(undefined);
    return fc
      .record({ value, path })
      .map(({ value: v, path: p }) => ({ fact, operator, value: v, ...(p ? { path: p } : {}) }));
  });
}

/** A random graph: per outcome, a random tree of all/any/not over fresh conditions. */
function randomGraph(kind: 'customerSegment' | 'funnelStage'): fc.Arbitrary<RuleGraph> {
  const condition = conditionData(kind);
  type Tree = { op: 'all' | 'any' | 'not'; children: Tree[] } | { op: 'fact'; data: Record<string, unknown> };
  const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      condition.map((data) => ({ op: 'fact' as const, data })),
      fc.record({
        op: fc.constantFrom('all' as const, 'any' as const),
        children: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }),
      }),
      tie('tree').map((child) => ({ op: 'not' as const, children: [child] })),
    ),
  }));
  return fc.array(tree, { minLength: 1, maxLength: 4 }).map((trees) => {
    const nodes: RuleNode[] = [aNode('start', 'start', {})];
    const edges: RuleEdge[] = [];
    let seq = 0;
    const place = (t: Tree): string => {
      const id = `n${++seq}`;
      if (t.op === 'fact') {
        nodes.push({
          id,
          kind: 'condition',
          data: t.data as RuleNode['data'] & { fact: string; operator: string },
          position: { x: 0, y: 0 },
        });
        edges.push(anEdge('start', id));
      } else {
        nodes.push(aNode(id, t.op, {}));
        for (const child of t.children) edges.push(anEdge(place(child), id));
      }
      return id;
    };
    trees.forEach((t, i) => {
      const outcome = `outcome${i}`;
      nodes.push(
        kind === 'funnelStage'
          ? aNode(outcome, 'stageOutcome', { stage: `stage${i}`, order: i })
          : aNode(outcome, 'segmentOutcome', { dimension: 'size', segment: `s${i}`, priority: i }),
      );
      edges.push(anEdge(place(t), outcome));
    });
    return { id: 'random', version: 1, kind, name: 'random', effectiveFrom: '2027-01-01', nodes, edges };
  });
}

describe('fast evaluator vs json-rules-engine', () => {
  for (const graph of DEMO_RULE_GRAPHS) {
    it(`gives identical rule results and traces for the ${graph.kind} demo on random facts`, async () => {
      const compiled = compileRuleGraph(graph);
      await fc.assert(
        fc.asyncProperty(factsFor(graph.kind), async (facts) => {
          expect(runFast(compiled, facts)).toEqual(await runJsonRulesEngine(compiled, facts));
        }),
        { numRuns: RUNS },
      );
    });
  }

  for (const kind of ['customerSegment', 'funnelStage'] as const) {
    it(`gives identical results on random ${kind} graphs (all/any/not trees, every operator)`, async () => {
      await fc.assert(
        fc.asyncProperty(randomGraph(kind), factsFor(kind), async (graph, facts) => {
          expect(validateRuleGraph(graph).errors).toEqual([]);
          const compiled = compileRuleGraph(graph);
          const expected = await runJsonRulesEngine(compiled, facts);
          expect(JSON.stringify(runFast(compiled, facts))).toBe(JSON.stringify(expected));
        }),
        { numRuns: RUNS * 2 },
      );
    });
  }

  it('gives the identical period payout on random deal lines', async () => {
    const compiled = compileRuleGraph(demoIncentivePlan);
    const deal = fc.record({
      amountMinor: fc.integer({ min: 1, max: 50_000_000 }),
      productLine: fc.constantFrom('cloud', 'erp'),
      newCustomer: fc.boolean(),
      day: fc.integer({ min: 1, max: 28 }),
      payee: fc.constantFrom('mgr', 'r1', 'r2'),
      split: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(deal, { maxLength: 12 }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        async (deals, collectionRate) => {
          const input = {
            period: { id: '2027-02', from: '2027-02-01', to: '2027-02-28' },
            payees: [
              { payeeId: 'mgr', quotaMinor: 50_000_000, targetIncentiveMinor: 3_000_000, tenureMonths: 2 },
              {
                payeeId: 'r1',
                managerId: 'mgr',
                quotaMinor: 30_000_000,
                targetIncentiveMinor: 2_000_000,
                collectionRate,
              },
              { payeeId: 'r2', managerId: 'mgr', quotaMinor: 30_000_000, targetIncentiveMinor: 2_000_000 },
            ],
            dealLines: deals.map((d, i) => ({
              dealId: `d${i}`,
              amountMinor: d.amountMinor,
              currency: 'CNY',
              productLine: d.productLine,
              customerId: `c${i}`,
              newCustomer: d.newCustomer,
              closedOn: `2027-02-${String(d.day).padStart(2, '0')}`,
              status: 'won' as const,
              credits: d.split
                ? [
                    { payeeId: 'r1', share: 0.5 },
                    { payeeId: 'r2', share: 0.5 },
                  ]
                : [{ payeeId: d.payee, share: 1 }],
            })),
          };
          expect(JSON.stringify(evaluateIncentiveSync(compiled, input))).toBe(
            JSON.stringify(await evaluateIncentive(compiled, input)),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});
