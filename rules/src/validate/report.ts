import type { RuleGraphError, RuleGraphErrorCode } from '@opscycle/domain';

/** Collects validation errors; each names the node or edge it is about. */
export class ErrorReport {
  readonly errors: RuleGraphError[] = [];

  node(code: RuleGraphErrorCode, nodeId: string, message: string): void {
    this.errors.push({ code, message: `node ${nodeId}: ${message}`, nodeId });
  }

  edge(code: RuleGraphErrorCode, edgeId: string, message: string): void {
    this.errors.push({ code, message: `edge ${edgeId}: ${message}`, edgeId });
  }

  graph(code: RuleGraphErrorCode, message: string): void {
    this.errors.push({ code, message });
  }
}
