import type { CompiledRuleSet, RuleTrace, StageDecision } from '@opscycle/domain';
import { failingCriteria } from '../engine/ruleRun';
import { decisionsOf, decisionsOfKind, traceIndex } from './decisionIndex';
import { describeCondition } from './describe';

/**
 * A deal reaches a stage when that stage's criteria and those of every earlier stage hold (a funnel
 * is passed in order). The first stage that fails is `next`, with the criteria still failing.
 */
export function decideStage(compiled: CompiledRuleSet, traces: RuleTrace[]): StageDecision {
  const byNode = traceIndex(traces);
  const stages = decisionsOfKind(decisionsOf(compiled), 'stageOutcome').sort(
    (a, b) => a.data.order - b.data.order,
  );
  let reached: (typeof stages)[number] | undefined;
  let next: StageDecision['next'] = null;
  for (const stage of stages) {
    const trace = byNode.get(stage.nodeId)!;
    if (!trace.fired) {
      next = { stage: stage.data.stage, nodeId: stage.nodeId, failing: failingCriteria(trace.conditions) };
      break;
    }
    reached = stage;
  }
  const explanation = [
    reached ? `reached ${reached.data.stage}` : 'reached no stage',
    next
      ? `${next.stage} still needs: ${next.failing.map(describeCondition).join('; ')}`
      : 'all stages passed',
  ].join('; ');
  return {
    stage: reached?.data.stage ?? null,
    stageNodeId: reached?.nodeId ?? null,
    next,
    stages: stages.map((s) => ({
      nodeId: s.nodeId,
      stage: s.data.stage,
      order: s.data.order,
      passed: byNode.get(s.nodeId)?.fired === true,
    })),
    explanation,
    trace: traces,
  };
}
