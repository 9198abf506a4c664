import type {
  ImpactPreview,
  RuleGraph,
  RuleGraphValidation,
  RuleSetKind,
  RuleSetVersion,
  RuleTrace,
} from '@opscycle/domain';
import { apiRequest } from './client';

/** A rule set as the list shows it: its draft revision and its latest published version. */
export interface RuleSetSummary {
  id: string;
  kind: RuleSetKind;
  name: string;
  draftVersion: number;
  publishedVersion: number | null;
}

export interface VersionSummary {
  version: number;
  checksum: string;
  publishedAt: string;
  publishedBy: string;
}

export interface SimulationResult {
  result: unknown;
  trace: RuleTrace[];
}

export const ruleSetsApi = {
  list: (kind?: RuleSetKind) =>
    apiRequest<{ ruleSets: RuleSetSummary[] }>('GET', `/rule-sets${kind ? `?kind=${kind}` : ''}`),
  create: (body: { kind: RuleSetKind; name: string }) => apiRequest<RuleGraph>('POST', '/rule-sets', body),
  draft: (id: string) => apiRequest<RuleGraph>('GET', `/rule-sets/${encodeURIComponent(id)}/draft`),
  saveDraft: (graph: RuleGraph) =>
    apiRequest<RuleGraph>('PUT', `/rule-sets/${encodeURIComponent(graph.id)}/draft`, graph),
  validate: (graph: RuleGraph) => apiRequest<RuleGraphValidation>('POST', '/rule-sets/validate', graph),
  publish: (id: string, draftVersion: number) =>
    apiRequest<RuleSetVersion>('POST', `/rule-sets/${encodeURIComponent(id)}/publish`, { draftVersion }),
  versions: (id: string) =>
    apiRequest<{ versions: VersionSummary[] }>('GET', `/rule-sets/${encodeURIComponent(id)}/versions`),
  version: (id: string, version: number) =>
    apiRequest<RuleSetVersion>('GET', `/rule-sets/${encodeURIComponent(id)}/versions/${version}`),
  simulate: (graph: RuleGraph, facts: Record<string, unknown>) =>
    apiRequest<SimulationResult>('POST', '/rule-sets/simulate', { graph, facts }),
  impact: (graph: RuleGraph) =>
    apiRequest<ImpactPreview>('POST', `/rule-sets/${encodeURIComponent(graph.id)}/impact`, { graph }),
};
