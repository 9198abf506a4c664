import { expect } from 'vitest';
import type { RuleGraph, RuleSetVersion } from '@opscycle/domain';
import type { Harness } from './harness';

/** Creates a rule set from `graph` and publishes its first draft as the ops admin, as the designer does. */
export async function publishRuleGraph(
  h: Harness,
  graph: RuleGraph,
): Promise<{ draft: RuleGraph; published: RuleSetVersion }> {
  const created = await h.call('ops', {
    method: 'POST',
    url: '/api/rule-sets',
    payload: { kind: graph.kind, name: graph.name, id: graph.id, graph },
  });
  expect(created.statusCode, created.body).toBe(201);
  const draft = created.json<RuleGraph>();
  const publish = await h.call('ops', {
    method: 'POST',
    url: `/api/rule-sets/${graph.id}/publish`,
    payload: { draftVersion: draft.version },
  });
  expect(publish.statusCode, publish.body).toBe(201);
  return { draft, published: publish.json<RuleSetVersion>() };
}
