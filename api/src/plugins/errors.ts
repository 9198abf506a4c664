import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { API_ERROR_CODES, DomainError, type ApiError } from '@opscycle/domain';

/**
 * Codes whose status is not implied by their suffix. Every other DomainError is the caller's
 * mistake (400) unless its code ends in _NOT_FOUND (404), _CONFLICT / _ALREADY_* (409) or
 * _FORBIDDEN / _NOT_ASSIGNEE (403).
 */
const STATUS_BY_CODE: Record<string, number> = {
  [API_ERROR_CODES.unauthenticated]: 401,
  [API_ERROR_CODES.badCredentials]: 401,
  [API_ERROR_CODES.forbiddenRole]: 403,
  [API_ERROR_CODES.outOfScope]: 403,
  [API_ERROR_CODES.notFound]: 404,
  [API_ERROR_CODES.conflict]: 409,
  [API_ERROR_CODES.rateLimited]: 429,
  // Refusals of approval Update validators (domain/src/cycle/approval.ts).
  APPROVAL_SELF_APPROVAL: 403,
  AUTH_PASSWORD_NOT_OWN: 403,
  APPROVAL_NOT_SUBMITTER: 403,
  APPROVAL_NOT_PENDING: 409,
  APPROVAL_NO_APPROVERS: 409,
  APPROVAL_ROUTING_UNAVAILABLE: 503,
};

export function statusForCode(code: string): number {
  const known = STATUS_BY_CODE[code];
  if (known !== undefined) return known;
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (code.endsWith('_CONFLICT') || /_ALREADY_[A-Z_]+$/.test(code)) return 409;
  if (code.endsWith('_FORBIDDEN') || code.endsWith('_NOT_ASSIGNEE')) return 403;
  return 400;
}

interface Mapped {
  status: number;
  body: ApiError;
}

function fromTemporal(error: unknown): Mapped | undefined {
  if (error instanceof WorkflowNotFoundError) {
    return {
      status: 404,
      body: {
        code: API_ERROR_CODES.notFound,
        message: 'no such workflow',
        details: { workflowId: error.workflowId },
      },
    };
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return {
      status: 409,
      body: {
        code: API_ERROR_CODES.conflict,
        message: 'already started',
        details: { workflowId: error.workflowId },
      },
    };
  }
  if (error instanceof WorkflowUpdateFailedError) {
    // An Update rejected by its validator or failed by its handler: the workflow's state does not
    // allow it (already decided, wrong step). The failure type carries the domain code.
    const cause = error.cause;
    const code = cause instanceof ApplicationFailure && cause.type ? cause.type : API_ERROR_CODES.conflict;
    const status = statusForCode(code);
    const details =
      cause instanceof ApplicationFailure && cause.details?.[0] && typeof cause.details[0] === 'object'
        ? (cause.details[0] as Record<string, unknown>)
        : {};
    return { status, body: { code, message: cause?.message ?? error.message, details } };
  }
  return undefined;
}

/** The `params` a zod refinement attached to its issue, as the type provider passes them on. */
function domainCodeOf(params: unknown): { code?: string } {
  const own = (params as { params?: { code?: unknown } } | undefined)?.params?.code;
  return typeof own === 'string' ? { code: own } : {};
}

function mapError(error: FastifyError | Error): Mapped {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => ({
      field: [error.validationContext, ...String(issue.instancePath).split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'invalid',
      // A schema's own refinement may name its domain code (e.g. CYCLE_STEP_SCOPE_UNSUPPORTED).
      ...domainCodeOf(issue.params),
    }));
    const first = issues[0];
    return {
      status: 400,
      body: {
        code: first?.code ?? API_ERROR_CODES.validation,
        message: first ? `${first.field}: ${first.message}` : 'invalid request',
        details: { issues },
      },
    };
  }
  if (error instanceof DomainError) {
    return {
      status: statusForCode(error.code),
      body: { code: error.code, message: error.message, details: error.details },
    };
  }
  const temporal = fromTemporal(error);
  if (temporal) return temporal;
  if (isResponseSerializationError(error)) {
    return { status: 500, body: { code: API_ERROR_CODES.internal, message: 'internal error', details: {} } };
  }
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const code =
      status === 429 ? API_ERROR_CODES.rateLimited : ((error as FastifyError).code ?? 'BAD_REQUEST');
    return { status, body: { code, message: error.message, details: {} } };
  }
  return { status: 500, body: { code: API_ERROR_CODES.internal, message: 'internal error', details: {} } };
}

/** The one error handler: `{ code, message, details }`; a 5xx never reveals its cause to the caller. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = mapError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      code: API_ERROR_CODES.notFound,
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
      details: {},
    }),
  );
}
