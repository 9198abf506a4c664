import type mongoose from 'mongoose';
import type { RuleSetVersion } from '@opscycle/domain';
import { ruleSetVersionModel } from './ruleSet.model';

/**
 * Stores a published (frozen, checksummed) version under its unique key `<ruleSetId>@<version>`:
 * a second store of the same version fails with the duplicate-key error (code 11000).
 */
export async function storeRuleSetVersion(
  connection: mongoose.Connection,
  published: RuleSetVersion,
): Promise<void> {
  await ruleSetVersionModel(connection).create({
    _id: `${published.ruleSetId}@${published.version}`,
    ruleSetId: published.ruleSetId,
    version: published.version,
    checksum: published.checksum,
    publishedAt: new Date(published.publishedAt),
    json: JSON.stringify(published),
  });
}
