import { DomainError, expectationOf } from '@opscycle/domain';
import type {
  ApproverStep,
  CompiledRuleSet,
  RuleGraph,
  RuleGraphError,
  RuleTestCase,
  RuleTestDifference,
  RuleTestExpectation,
  RuleTestResult,
} from '@opscycle/domain';
import { formatMinor } from '../incentive/format';
import { simulateCompiledSync } from '../simulate';
import { compareExpectation } from './compare';

/**
 * Runs every test case of a graph (already compiled, so sound) through the simulator's evaluation
 * and compares what it produced with what the case expects. A case that cannot run (its input is
 * refused, it expects another kind's result, its id is taken) fails with the reason.
 */
export function runTestCases(graph: RuleGraph, compiled: CompiledRuleSet): RuleTestResult[] {
  const seen = new Set<string>();
  return (graph.testCases ?? []).map((testCase) => {
    if (seen.has(testCase.id)) return refused(testCase, 'another test case has this id');
    seen.add(testCase.id);
    return runTestCase(compiled, testCase);
  });
}

function runTestCase(compiled: CompiledRuleSet, testCase: RuleTestCase): RuleTestResult {
  if (testCase.expected.kind !== compiled.kind)
    return refused(testCase, `it expects a ${testCase.expected.kind} result of a ${compiled.kind} rule set`);
  let actual: RuleTestExpectation;
  try {
    actual = expectationOf(simulateCompiledSync(compiled, testCase.input));
  } catch (error) {
    // Only refusals of the input are the case's fault; anything else is a defect to surface.
    if (error instanceof DomainError) return refused(testCase, `its input is refused: ${error.message}`);
    throw error;
  }
  const differences = compareExpectation(testCase.expected, actual);
  if (differences === 'duplicate line') return refused(testCase, 'it expects the same payout line twice');
  return { caseId: testCase.id, name: testCase.name, passed: differences.length === 0, differences, actual };
}

function refused(testCase: RuleTestCase, reason: string): RuleTestResult {
  return {
    caseId: testCase.id,
    name: testCase.name,
    passed: false,
    differences: [],
    actual: null,
    error: reason,
  };
}

/** Failing cases as validation errors, each naming the case and what differed, expected vs actual. */
export function testCaseErrors(
  results: readonly RuleTestResult[],
  currency: string | null,
): RuleGraphError[] {
  return results
    .filter((result) => !result.passed)
    .map((result) => {
      const named = `test case "${result.name}" (${result.caseId})`;
      return result.error !== undefined
        ? { code: 'RULE_TEST_CASE_INVALID', message: `${named}: ${result.error}`, testCaseId: result.caseId }
        : {
            code: 'RULE_TEST_CASE_FAILED',
            message: `${named} fails: ${result.differences.map((d) => describe(d, currency ?? 'XXX')).join('; ')}`,
            testCaseId: result.caseId,
          };
    });
}

function describe(difference: RuleTestDifference, currency: string): string {
  const money = (minor: number) => formatMinor(minor, currency);
  switch (difference.what) {
    case 'line': {
      const deal = difference.dealId !== undefined ? ` deal ${difference.dealId}` : '';
      return `line ${difference.payeeId} ${difference.componentId}${deal} expected ${money(difference.expectedMinor)}, got ${money(difference.actualMinor)}`;
    }
    case 'total':
      return `total expected ${money(difference.expectedMinor)}, got ${money(difference.actualMinor)}`;
    case 'approvers':
      return `approvers expected ${approvers(difference.expected)}, got ${approvers(difference.actual)}`;
    case 'stage':
      return `stage expected ${difference.expected ?? 'none'}, got ${difference.actual ?? 'none'}`;
    case 'segment':
      return `segment ${difference.dimension} expected ${difference.expected ?? 'none'}, got ${difference.actual ?? 'none'}`;
  }
}

/** `manager@company, position cfo`: who approves, in order. */
const approvers = (steps: readonly ApproverStep[]) =>
  steps.length === 0
    ? 'nobody'
    : steps
        .map(
          (s) =>
            `${s.position ? `position ${s.position}` : (s.role ?? '?')}${s.orgLevel ? `@${s.orgLevel}` : ''}`,
        )
        .join(', ');
