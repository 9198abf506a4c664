import type { z } from 'zod';
import type {
  ImpactPreview,
  IncentivePeriodInput,
  RuleGraph,
  RuleGraphValidation,
  RuleSetKind,
  RuleSetSummary,
  RuleSetVersion,
  RuleSetVersionList,
  SimulateResponse,
} from '@opscycle/domain';
import { apiRequest } from './client';

export type { RuleSetSummary };
export type VersionSummary = z.infer<typeof RuleSetVersionList>['versions'][number];
export type SimulationResult = z.infer<typeof SimulateResponse>;

const path = (id: string) => `/rule-sets/${encodeURIComponent(id)}`;

export const ruleSetsApi = {
  list: (kind?: RuleSetKind) =>
    apiRequest<{ ruleSets: RuleSetSummary[] }>('GET', `/rule-sets${kind ? `?kind=${kind}` : ''}`),
  create: (body: { kind: RuleSetKind; name: string; graph?: RuleGraph }) =>
    apiRequest<RuleGraph>('POST', '/rule-sets', body),
  draft: (id: string) => apiRequest<RuleGraph>('GET', `${path(id)}/draft`),
  /** `graph.version` must be the revision loaded: a concurrent edit is a 409, not a silent overwrite. */
  saveDraft: (graph: RuleGraph) => apiRequest<RuleGraph>('PUT', `${path(graph.id)}/draft`, graph),
  validate: (graph: RuleGraph) => apiRequest<RuleGraphValidation>('POST', '/rule-sets/validate', graph),
  publish: (id: string, draftVersion: number) =>
    apiRequest<RuleSetVersion>('POST', `${path(id)}/publish`, { draftVersion }),
  versions: (id: string) => apiRequest<{ versions: VersionSummary[] }>('GET', `${path(id)}/versions`),
  version: (id: string, version: number) =>
    apiRequest<RuleSetVersion>('GET', `${path(id)}/versions/${version}`),
  /** `facts` is an IncentivePeriodInput for incentive plans, the kind's facts otherwise. */
  simulate: (graph: RuleGraph, facts: Record<string, unknown>) =>
    apiRequest<SimulationResult>('POST', '/rule-sets/simulate', { graph, facts }),
  impact: (graph: RuleGraph, actuals: IncentivePeriodInput) =>
    apiRequest<ImpactPreview>('POST', `${path(graph.id)}/impact`, { graph, actuals }),
};
