export { validateRuleGraph, validateRuleGraphStructure } from './validate';
export { runTestCases, testCaseErrors } from './testCases';
export { RULE_GRAPH_LIMITS } from './validate/limits';
export { compileRuleGraph } from './compile';
export { publishRuleSetVersion, ruleGraphChecksum, ruleSetVersionOn, verifyRuleSetVersion } from './publish';
export type { PublishRequest } from './publish';
export {
  evaluateApprovalRouting,
  evaluateApprovalRoutingSync,
  evaluateDiscountAuthority,
  evaluateDiscountAuthoritySync,
  evaluateFunnelStage,
  evaluateFunnelStageSync,
  evaluateCustomerSegment,
  evaluateCustomerSegmentSync,
  evaluateIncentive,
  evaluateIncentiveSync,
  evaluatePayee,
  evaluatePayeeSync,
  parseFacts,
} from './evaluate';
export type { PayeeEvaluation } from './evaluate';
export { simulate, simulateCompiledSync, impactPreview, diffPayouts } from './simulate';
export type { ImpactActuals, SimulationResult } from './simulate';
export { runJsonRulesEngine } from './engine/jsonRulesEngine';
export { runFast } from './engine/fast';
export { assertSafeRuleSet } from './engine/guard';
export { payTiers } from './incentive/tiers';
export { formatMinor } from './incentive/format';
export * from './demo';
export { aLimitPlanPeriod, aPlanAtTheLimits, aRoutingChain } from './testing/limitGraphs';
export type { LimitPlanOptions } from './testing/limitGraphs';
