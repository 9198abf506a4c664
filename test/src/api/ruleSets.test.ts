import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleGraph, RuleSetVersion } from '@opscycle/domain';
import { demoDiscountAuthority } from '@opscycle/rules';
import { startHarness, type Harness } from './harness';

/** The demo graph with the rep's own authority raised from 5% to `pct`. */
function withRepLimit(graph: RuleGraph, pct: number): RuleGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) =>
      node.id === 'within-5' && node.kind === 'condition'
        ? { ...node, data: { ...node.data, value: pct } }
        : node,
    ),
  };
}

describe('rule sets through the API', () => {
  let h: Harness;
  const id = demoDiscountAuthority.id;
  const ops = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    h.call('ops', { method, url, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    h = await startHarness('api-rule-sets');
  });
  afterAll(async () => h.close());

  it('creates, saves, publishes immutable versions and diffs them (audited)', async () => {
    const created = await ops('POST', '/api/rule-sets', {
      kind: 'discountAuthority',
      name: 'Discount authority',
      graph: demoDiscountAuthority,
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json<RuleGraph>();
    expect(draft.version).toBe(1);

    const v1 = await ops('POST', `/api/rule-sets/${id}/publish`, { draftVersion: 1 });
    expect(v1.statusCode).toBe(201);
    const first = v1.json<RuleSetVersion>();
    expect(first).toMatchObject({ ruleSetId: id, version: 1, publishedBy: 'ops' });
    expect(first.checksum).toMatch(/^[0-9a-f]{64}$/);

    const saved = await ops('PUT', `/api/rule-sets/${id}/draft`, withRepLimit(draft, 8));
    expect(saved.json<RuleGraph>().version).toBe(2);
    // Saving over a revision someone else already replaced is a conflict, not an overwrite.
    const stale = await ops('PUT', `/api/rule-sets/${id}/draft`, withRepLimit(draft, 9));
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'RULE_SET_DRAFT_CONFLICT', details: { draftVersion: 2 } });
    expect((await ops('POST', `/api/rule-sets/${id}/publish`, { draftVersion: 1 })).statusCode).toBe(409);

    const second = (
      await ops('POST', `/api/rule-sets/${id}/publish`, { draftVersion: 2 })
    ).json<RuleSetVersion>();
    expect(second.version).toBe(2);
    expect(second.checksum).not.toBe(first.checksum);

    const versions = (await ops('GET', `/api/rule-sets/${id}/versions`)).json<{
      versions: { version: number }[];
    }>();
    expect(versions.versions.map((v) => v.version)).toEqual([2, 1]);
    // The published version 1 is unchanged by later drafts.
    expect((await ops('GET', `/api/rule-sets/${id}/versions/1`)).json()).toEqual(first);

    const diff = await h.call('managerEast', { method: 'GET', url: `/api/rule-sets/${id}/diff?from=1&to=2` });
    expect(diff.json()).toEqual({
      ruleSetId: id,
      from: 1,
      to: 2,
      settings: [],
      nodes: [{ id: 'within-5', change: 'changed', kind: 'condition', fields: ['value'] }],
      edges: [],
    });

    const audit = await ops('GET', `/api/audit?action=ruleSet.published&objectId=${id}`);
    expect(audit.json()).toMatchObject({
      entries: [
        {
          actor: { userId: 'ops', role: 'opsAdmin' },
          object: { type: 'ruleSet', id },
          details: { version: 2 },
        },
        { details: { version: 1, checksum: first.checksum } },
      ],
    });
    const list = await h.call('finance', { method: 'GET', url: '/api/rule-sets?kind=discountAuthority' });
    expect(list.json()).toEqual({
      ruleSets: [
        { id, kind: 'discountAuthority', name: 'Discount authority', draftVersion: 2, publishedVersion: 2 },
      ],
    });
  });

  it('validates and refuses to publish a broken graph, naming the node', async () => {
    const broken: RuleGraph = {
      ...demoDiscountAuthority,
      id: 'broken',
      edges: demoDiscountAuthority.edges.slice(1),
    };
    await ops('POST', '/api/rule-sets', { kind: 'discountAuthority', name: 'Broken', graph: broken });
    const report = (await ops('POST', '/api/rule-sets/validate', broken)).json<{
      ok: boolean;
      errors: { nodeId?: string }[];
    }>();
    expect(report.ok).toBe(false);
    expect(report.errors.some((error) => typeof error.nodeId === 'string')).toBe(true);
    const publish = await ops('POST', '/api/rule-sets/broken/publish', { draftVersion: 1 });
    expect(publish.statusCode).toBe(400);
    expect(publish.json()).toMatchObject({ code: 'RULES_INVALID_GRAPH' });
    expect((await ops('GET', '/api/rule-sets/broken/versions')).json()).toEqual({ versions: [] });
  });

  it('simulates a draft on facts and explains the route', async () => {
    const response = await ops('POST', '/api/rule-sets/simulate', {
      graph: demoDiscountAuthority,
      facts: {
        discountPct: 12,
        dealAmount: 5_000_000,
        productLine: 'core',
        customerSize: 'smb',
        requesterRole: 'rep',
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ kind: string }>().kind).toBe('discountAuthority');
    expect(JSON.stringify(response.json())).toContain('manager-approval');
  });

  it('names the field of a malformed request', async () => {
    const response = await ops('POST', `/api/rule-sets/${id}/publish`, { draftVersion: 'two' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'REQUEST_VALIDATION',
      details: { issues: [{ field: 'body.draftVersion' }] },
    });
  });
});
