import { RuleGraph } from '@opscycle/domain';
import type { RuleGraphValidation } from '@opscycle/domain';
import { compileSoundGraph } from '../compile';
import { runTestCases, testCaseErrors } from '../testCases';
import { validateRuleGraphStructure } from './graph';

export { validateRuleGraphStructure };

/**
 * Checks a rule graph (as saved by the designer, or any JSON) and returns every problem found, each
 * with a code and the node, edge or test case it is about. When the graph itself is sound, every
 * test case is run and a failing one is an error: a graph that passes compiles, evaluates and does
 * what its cases say.
 */
export function validateRuleGraph(input: unknown): RuleGraphValidation {
  const structure = validateRuleGraphStructure(input);
  if (!structure.ok) return structure;
  const graph = RuleGraph.parse(input);
  if (!graph.testCases?.length) return structure;
  const testResults = runTestCases(graph, compileSoundGraph(graph));
  const errors = testCaseErrors(testResults, graph.currency ?? null);
  return { ok: errors.length === 0, errors, testResults };
}
