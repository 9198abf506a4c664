import type { Client } from '@temporalio/client';
import type { FastifyServerOptions } from 'fastify';
import type mongoose from 'mongoose';
import type { AuthUser } from '@opscycle/domain';
import type { Access, Subject } from './auth/access';
import type { OrgDirectory } from './org/directory';

/** What the API needs from outside; main.ts builds these from the environment, tests from the test servers. */
export interface AppDeps {
  connection: mongoose.Connection;
  temporal: Client;
  /** HMAC secret signing the tokens. */
  jwtSecret: string;
  tokenTtlSeconds?: number;
  /** Login attempts per client address and window. */
  loginRateLimit?: { max: number; timeWindowMs: number };
  logger?: FastifyServerOptions['logger'];
  /** Serve /docs and /docs/json without a token (default true; main.ts turns it off in production). */
  publicDocs?: boolean;
  /** Task queue cycles are started on (default TASK_QUEUES.cycle); tests give their worker's own. */
  cycleTaskQueue?: string;
  /** The Temporal UI (`npm start` knows it): the cycle view links each cycle's history there. */
  temporalUiUrl?: string;
}

/** One row of the route registry: what the auth-matrix test and the docs enumerate. */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access;
}
export type RestrictedRoute = RegisteredRoute & { access: Extract<Access, { kind: 'restricted' }> };

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    org: OrgDirectory;
    routeRegistry: RegisteredRoute[];
  }
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** Whom a subject-scoped request concerns, resolved by the scope check (handlers reuse it). */
    subject?: Subject;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    /** `jti` names the session (storage's auth_sessions) that logout revokes. */
    payload: Omit<AuthUser, 'id'> & { sub: string; jti: string };
    user: AuthUser;
  }
}
