import type { ApproverStep, CompiledRuleSet, RoutingDecision, RuleTrace } from '@opscycle/domain';
import { decisionsOf, decisionsOfKind, traceIndex } from './decisionIndex';
import { describeConditions } from './describe';

/**
 * Approval routing and discount authority: every fired route outcome contributes its approvers;
 * chains join in ascending priority and a role at a level appears once (its first position).
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
      const key = `${step.role}@${step.orgLevel ?? ''}`;
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

function stepName(step: ApproverStep): string {
  return step.label ?? (step.orgLevel ? `${step.role} (${step.orgLevel})` : step.role);
}
