import { createHash } from 'node:crypto';
import { DomainError, RuleGraph, RuleSetVersion, canonicalJson } from '@opscycle/domain';
import { compileRuleGraph } from './compile';
import { runTestCases, testCaseErrors } from './testCases';

/** sha256 of the graph's canonical JSON: equal content (whatever the key order) gives an equal checksum. */
export function ruleGraphChecksum(graph: RuleGraph): string {
  return createHash('sha256')
    .update(canonicalJson(RuleGraph.parse(graph)))
    .digest('hex');
}

export interface PublishRequest {
  graph: unknown;
  version: number;
  publishedBy: string;
  publishedAt: Date;
}

/**
 * Turns a valid draft into an immutable RuleSetVersion: validated, compiled, test cases run,
 * checksummed, frozen. Throws RULES_INVALID_GRAPH with every validation error, and
 * RULES_TEST_CASE_FAILED naming every failing case; the version records its cases' results.
 * Recording the publication in the audit trail is the caller's job (the API knows who and in
 * which org scope).
 */
export function publishRuleSetVersion(request: PublishRequest): RuleSetVersion {
  const compiled = compileRuleGraph(request.graph);
  const graph = RuleGraph.parse(request.graph);
  const testResults = runTestCases(graph, compiled);
  const failing = testCaseErrors(testResults, compiled.currency);
  if (failing.length > 0)
    throw new DomainError(
      'RULES_TEST_CASE_FAILED',
      `not published: ${failing.map((e) => e.message).join('; ')}`,
      { errors: failing, testResults },
    );
  return RuleSetVersion.parse({
    ruleSetId: graph.id,
    version: request.version,
    kind: graph.kind,
    name: graph.name,
    graph,
    compiled,
    checksum: ruleGraphChecksum(graph),
    effectiveFrom: compiled.effectiveFrom,
    effectiveTo: compiled.effectiveTo,
    publishedAt: request.publishedAt.toISOString(),
    publishedBy: request.publishedBy,
    testResults,
  });
}

/** Re-checks a stored version: its checksum matches its graph and its compiled rules match a fresh compile. */
export function verifyRuleSetVersion(version: RuleSetVersion): void {
  if (ruleGraphChecksum(version.graph) !== version.checksum)
    throw new DomainError(
      'RULES_TAMPERED_RULE_SET',
      `rule set ${version.ruleSetId} v${version.version}: checksum mismatch`,
    );
  if (canonicalJson(compileRuleGraph(version.graph)) !== canonicalJson(version.compiled))
    throw new DomainError(
      'RULES_TAMPERED_RULE_SET',
      `rule set ${version.ruleSetId} v${version.version}: compiled rules differ from the graph`,
    );
}

/** The version in force on a date (effectiveFrom <= date <= effectiveTo), latest version first. */
export function ruleSetVersionOn(
  versions: readonly RuleSetVersion[],
  date: string,
): RuleSetVersion | undefined {
  return [...versions]
    .sort((a, b) => b.version - a.version)
    .find((v) => v.effectiveFrom <= date && (v.effectiveTo === null || date <= v.effectiveTo));
}
