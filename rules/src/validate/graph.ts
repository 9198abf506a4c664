import { RuleGraph } from '@opscycle/domain';
import type { RuleGraphError, RuleGraphValidation } from '@opscycle/domain';
import { indexGraph } from '../graphIndex';
import { checkComponents, checkPlanSettings } from './components';
import { checkFacts } from './facts';
import { checkLimits } from './limits';
import { ErrorReport } from './report';
import { checkFlow, checkWiring } from './structure';

/**
 * The graph's own soundness, without running its test cases: what compiling needs (so a draft whose
 * case fails still simulates, which is how its author sees why).
 */
export function validateRuleGraphStructure(input: unknown): RuleGraphValidation {
  const parsed = RuleGraph.safeParse(input);
  if (!parsed.success) return { ok: false, errors: schemaErrors(input, parsed.error.issues) };
  const graph = parsed.data;
  const report = new ErrorReport();
  const index = indexGraph(graph);
  checkWiring(graph, index, report);
  checkFlow(index, report);
  checkFacts(graph, report);
  checkComponents(graph, report);
  checkPlanSettings(graph, report);
  checkLimits(graph, index, report);
  return { ok: report.errors.length === 0, errors: report.errors };
}

function schemaErrors(
  input: unknown,
  issues: readonly { path: PropertyKey[]; message: string }[],
): RuleGraphError[] {
  return issues.map((issue) => {
    const [collection, position] = issue.path;
    const items = (input as Record<string, unknown> | null)?.[collection as string];
    const item =
      Array.isArray(items) && typeof position === 'number'
        ? (items[position] as { id?: unknown })
        : undefined;
    const id = typeof item?.id === 'string' ? item.id : undefined;
    const where = issue.path.map(String).join('.') || '(graph)';
    const error: RuleGraphError = { code: 'RULE_GRAPH_SCHEMA', message: `${where}: ${issue.message}` };
    if (id && collection === 'nodes') error.nodeId = id;
    if (id && collection === 'edges') error.edgeId = id;
    if (id && collection === 'testCases') error.testCaseId = id;
    return error;
  });
}
