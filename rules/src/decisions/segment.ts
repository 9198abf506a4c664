import type { CompiledRuleSet, RuleTrace, SegmentDecision } from '@opscycle/domain';
import { decisionsOf, decisionsOfKind, traceIndex } from './decisionIndex';
import { describeConditions } from './describe';

/** Per dimension (size, value, stage...), the fired segment outcome with the lowest priority. */
export function decideSegment(compiled: CompiledRuleSet, traces: RuleTrace[]): SegmentDecision {
  const byNode = traceIndex(traces);
  const fired = decisionsOfKind(decisionsOf(compiled), 'segmentOutcome')
    .filter((d) => byNode.get(d.nodeId)?.fired)
    .sort((a, b) => a.data.priority - b.data.priority);
  const segments: SegmentDecision['segments'] = {};
  const reasons: string[] = [];
  for (const outcome of fired) {
    const { dimension, segment, treatment } = outcome.data;
    if (Object.hasOwn(segments, dimension)) continue;
    segments[dimension] =
      treatment === undefined
        ? { segment, nodeId: outcome.nodeId }
        : { segment, nodeId: outcome.nodeId, treatment };
    reasons.push(
      `${dimension}: ${segment}, because ${describeConditions(byNode.get(outcome.nodeId)!.conditions)}`,
    );
  }
  return { segments, explanation: reasons.join('; ') || 'no segment matched', trace: traces };
}
