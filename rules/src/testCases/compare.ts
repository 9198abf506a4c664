import { approverKey, canonicalJson } from '@opscycle/domain';
import type { ExpectedPayoutLine, RuleTestDifference, RuleTestExpectation } from '@opscycle/domain';

/**
 * What differs between a case's expectation and a run's, both of the same kind: payout lines by
 * payee, component and deal (an absent line counts as 0) and the total, in integer minor units;
 * the approval chain in order; the stage; each segment dimension.
 */
export function compareExpectation(
  expected: RuleTestExpectation,
  actual: RuleTestExpectation,
): RuleTestDifference[] | 'duplicate line' {
  if (expected.kind === 'incentive' && actual.kind === 'incentive') {
    const wanted = linesByKey(expected.lines);
    if (wanted === null) return 'duplicate line';
    const got = linesByKey(actual.lines) ?? new Map<string, ExpectedPayoutLine>();
    const differences: RuleTestDifference[] = [];
    for (const key of new Set([...wanted.keys(), ...got.keys()])) {
      const line = (wanted.get(key) ?? got.get(key))!;
      const expectedMinor = wanted.get(key)?.amountMinor ?? 0;
      const actualMinor = got.get(key)?.amountMinor ?? 0;
      if (expectedMinor !== actualMinor)
        differences.push({
          what: 'line',
          payeeId: line.payeeId,
          componentId: line.componentId,
          ...(line.dealId !== undefined ? { dealId: line.dealId } : {}),
          expectedMinor,
          actualMinor,
        });
    }
    if (expected.totalMinor !== actual.totalMinor)
      differences.push({ what: 'total', expectedMinor: expected.totalMinor, actualMinor: actual.totalMinor });
    return differences;
  }
  if ('approvers' in expected && 'approvers' in actual) {
    const want = expected.approvers.map(approverKey);
    return canonicalJson(want) === canonicalJson(actual.approvers)
      ? []
      : [{ what: 'approvers', expected: want, actual: actual.approvers }];
  }
  if (expected.kind === 'funnelStage' && actual.kind === 'funnelStage')
    return expected.stage === actual.stage
      ? []
      : [{ what: 'stage', expected: expected.stage, actual: actual.stage }];
  if (expected.kind === 'customerSegment' && actual.kind === 'customerSegment') {
    const dimensions = new Set([...Object.keys(expected.segments), ...Object.keys(actual.segments)]);
    return [...dimensions].flatMap((dimension): RuleTestDifference[] => {
      const want = expected.segments[dimension] ?? null;
      const got = actual.segments[dimension] ?? null;
      return want === got ? [] : [{ what: 'segment', dimension, expected: want, actual: got }];
    });
  }
  throw new Error(`compareExpectation: ${expected.kind} compared with ${actual.kind}`); // the runner checks kinds first
}

/** Lines by payee, component and deal; null when one is listed twice. */
function linesByKey(lines: readonly ExpectedPayoutLine[]): Map<string, ExpectedPayoutLine> | null {
  const byKey = new Map<string, ExpectedPayoutLine>();
  for (const line of lines) {
    const key = canonicalJson([line.payeeId, line.componentId, line.dealId ?? null]);
    if (byKey.has(key)) return null;
    byKey.set(key, line);
  }
  return byKey;
}
