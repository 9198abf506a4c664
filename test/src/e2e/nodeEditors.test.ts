import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FACT_CATALOGS,
  type FactDefinition,
  NODE_KINDS_BY_RULE_SET,
  NODE_SPECS,
  type FieldSpec,
  type NodeKind,
  type RuleSetKind,
} from '@opscycle/domain';
import { startE2e, type E2e } from './e2eHarness';
import { PlanBuilder, watchPage } from './planBuilder';

/**
 * Every field of every node kind has its control on the node, dropped fresh from the palette: the
 * field list in NODE_SPECS is proven to cover each data schema (domain/src/rules/nodeSpecs.test.ts);
 * this proves the designer draws a control for each entry, in every rule-set kind's palette.
 */
function controlPaths(fields: readonly FieldSpec[], prefix = ''): { path: string; field: FieldSpec }[] {
  return fields.flatMap((field) => {
    const path = prefix ? `${prefix}.${field.key}` : field.key;
    if (field.unit === 'group') return controlPaths(field.fields ?? [], path);
    if (field.unit === 'list') return controlPaths(field.fields ?? [], `${path}.0`);
    return [{ path, field }];
  });
}

const KEYED_FACT = 'bookingsByProductLine';

describe('node editors in Chromium', { timeout: 240_000 }, () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e('e2e-node-editors');
  }, 180_000);
  afterAll(async () => e2e?.close());

  it('show a control for every field of every node kind of every rule-set kind', async () => {
    const { page } = await e2e.signIn('ops', 'en');
    const { problems } = watchPage(page);
    const missing: string[] = [];
    let checked = 0;
    for (const ruleSetKind of Object.keys(NODE_KINDS_BY_RULE_SET) as RuleSetKind[]) {
      const plan = new PlanBuilder(page);
      await plan.create(ruleSetKind, `Every editor (${ruleSetKind})`);
      const catalog: Readonly<Record<string, FactDefinition>> = FACT_CATALOGS[ruleSetKind];
      const keyed = Object.values(catalog).some((d) => d.type === 'moneyByKey');
      for (const kind of NODE_KINDS_BY_RULE_SET[ruleSetKind] as readonly NodeKind[]) {
        const id = await plan.add(kind);
        for (const { path, field } of controlPaths(NODE_SPECS[kind].fields)) {
          // A key is asked for only once a keyed fact is picked: pick one where the catalog has one.
          if (field.unit === 'keyedFact') {
            if (!keyed) continue;
            const factPath = path.replace(/path$/, 'fact');
            await plan.set(id, factPath, KEYED_FACT);
          }
          checked += 1;
          if ((await page.getByTestId(`field-${id}-${path}`).count()) !== 1)
            missing.push(`${ruleSetKind}/${kind}.${path}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(60);
    expect(problems).toEqual([]);
    console.log(`[node editors] ${checked} field controls checked`);
  });
});
