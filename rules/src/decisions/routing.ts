import type { ApproverStep, CompiledRuleSet, RoutingDecision, RuleTrace } from '@opscycle/domain';
import { decisionsOf, decisionsOfKind, traceIndex } from './decisionIndex';
import { describeConditions } from './describe';

/**
 * Approval routing and discount authority: every fired route outcome contributes its approvers;
 * chains join in ascending priority and a role or org position at a level appears once (its first place).
 */
export function decideRoute(compiled: CompiledRuleSet, traces: RuleTrace[]): RoutingDecision {
  const byNode = traceIndex(traces);
  const fired = decisionsOfKind(decisionsOf(compiled), 'routeOutcome')
    .filter((d) => byNode.get(d.nodeId)?.fired)
    .sort((a, b) => a.data.priority - b.data.priority);
  const approvers: ApproverStep[] = [];
  const seen = new Set<string>();
  for (const outcome of fired) {
    for (const step of outcome.data.approvers) {
      const key = `${approverOf(step)}@${step.orgLevel ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      approvers.push(step);
    }
  }
  const explanation = fired.length
    ? fired
        .map((o) => {
          const why = describeConditions(byNode.get(o.nodeId)!.conditions);
          const who = o.data.approvers.map(stepName).join(' → ') || 'no approver';
          return `${o.data.label ?? o.nodeId} (priority ${o.data.priority}): ${who}, because ${why}`;
        })
        .join('; ')
    : 'no routing rule matched: no approval beyond the requester';
  return {
    approvers,
    matched: fired.map((o) => {
      const m: RoutingDecision['matched'][number] = { nodeId: o.nodeId, priority: o.data.priority };
      if (o.data.label !== undefined) m.label = o.data.label;
      return m;
    }),
    explanation,
    trace: traces,
  };
}

/** `position cfo` or `manager`: a position is named as such, so an explanation never reads as a role. */
const approverOf = (step: ApproverStep) => (step.position ? `position ${step.position}` : (step.role ?? '?'));

function stepName(step: ApproverStep): string {
  const who = step.orgLevel ? `${approverOf(step)} (${step.orgLevel})` : approverOf(step);
  // A label alone could hide that the step is a position: the explanation names both.
  return step.label ? (step.position ? `${step.label} [${who}]` : step.label) : who;
}
