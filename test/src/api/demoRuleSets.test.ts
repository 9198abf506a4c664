import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type mongoose from 'mongoose';
import { seedDemoRuleSets } from '@opscycle/api';
import { DEMO_RULE_GRAPHS } from '@opscycle/rules';
import { auditModel, ruleSetVersionModel } from '@opscycle/storage';
import { connectTestDatabase } from '../support';

const publisher = { id: 'ops-admin', name: 'Ops Admin', role: 'opsAdmin' as const, orgUnitId: 'acme' };

describe('seedDemoRuleSets', () => {
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await connectTestDatabase('demo-rule-sets');
  });
  afterAll(async () => {
    await db.dropDatabase();
    await db.close();
  });

  it('publishes every demo rule set once, audited, and leaves them alone on a second run', async () => {
    const first = await seedDemoRuleSets(db, publisher);
    expect(first.published.map((v) => v.ruleSetId).sort()).toEqual(DEMO_RULE_GRAPHS.map((g) => g.id).sort());
    expect(first.published.every((v) => v.version === 1 && /^[0-9a-f]{64}$/.test(v.checksum))).toBe(true);

    const second = await seedDemoRuleSets(db, publisher);
    expect(second.published).toEqual([]);
    expect(second.existing.sort()).toEqual(DEMO_RULE_GRAPHS.map((g) => g.id).sort());
    expect(await ruleSetVersionModel(db).countDocuments()).toBe(DEMO_RULE_GRAPHS.length);
    expect(await auditModel(db).countDocuments({ action: 'ruleSet.published' })).toBe(
      DEMO_RULE_GRAPHS.length,
    );
  });
});
