import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type mongoose from 'mongoose';
import { seedDemoRuleSets } from '@opscycle/api';
import { DEMO_RULE_GRAPHS } from '@opscycle/rules';
import { assignVacantPositions, auditModel, ruleSetVersionModel } from '@opscycle/storage';
import { generateDemoCompany } from '@opscycle/worker/demo';
import { connectTestDatabase } from '../support';

const publisher = { id: 'ops-admin', name: 'Ops Admin', role: 'opsAdmin' as const, orgUnitId: 'acme' };

describe('seedDemoRuleSets', () => {
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await connectTestDatabase('demo-rule-sets');
    // The demo budget routing names the marketing head: publication needs the demo's holders.
    await assignVacantPositions(db, generateDemoCompany().positions, { userId: 'test', at: new Date() });
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
