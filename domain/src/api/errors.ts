import { z } from 'zod';

/** The body of every 4xx (and, with a generic message, 5xx) answer of the API. */
export const ApiError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type ApiError = z.infer<typeof ApiError>;

/** Codes the API itself raises (other modules bring their own). */
export const API_ERROR_CODES = {
  unauthenticated: 'AUTH_UNAUTHENTICATED',
  badCredentials: 'AUTH_BAD_CREDENTIALS',
  forbiddenRole: 'AUTH_FORBIDDEN_ROLE',
  outOfScope: 'AUTH_OUT_OF_SCOPE',
  validation: 'REQUEST_VALIDATION',
  notFound: 'NOT_FOUND',
  conflict: 'CONFLICT',
  rateLimited: 'RATE_LIMITED',
  internal: 'INTERNAL',
} as const;
