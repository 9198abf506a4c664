/**
 * Every user-facing failure is a DomainError with a stable string code. The API maps codes to HTTP
 * statuses in one place; `details` names what is wrong (node id, CSV row, field).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
