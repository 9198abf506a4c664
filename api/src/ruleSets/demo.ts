import type mongoose from 'mongoose';
import type { AuthUser, RuleSetVersion } from '@opscycle/domain';
import { DEMO_RULE_GRAPHS } from '@opscycle/rules';
import { ruleSetRepository } from './repository';

/**
 * Publishes the demo rule sets through the same repository as the API (validated, checksummed,
 * audited). Idempotent: a rule set that already has a published version is left as it is, so a
 * restart neither duplicates versions nor overwrites what an ops admin changed since.
 */
export async function seedDemoRuleSets(
  connection: mongoose.Connection,
  publisher: AuthUser,
): Promise<{ published: RuleSetVersion[]; existing: string[] }> {
  const repository = ruleSetRepository(connection);
  const published: RuleSetVersion[] = [];
  const existing: string[] = [];
  for (const graph of DEMO_RULE_GRAPHS) {
    if (await repository.latestVersion(graph.id)) {
      existing.push(graph.id);
      continue;
    }
    const draft = (await repository.list()).some((r) => r.id === graph.id)
      ? await repository.draftGraph(graph.id)
      : await repository.create(graph, publisher);
    published.push(await repository.publish(graph.id, draft.version, publisher));
  }
  return { published, existing };
}
