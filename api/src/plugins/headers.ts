import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Responses that carry credentials or pay data: no browser or proxy may keep a copy. */
const NO_STORE = [/^\/api\/auth\//, /\/statements(\/|$)/, /\/export\.csv$/, /^\/api\/me(\/|$)/];

/**
 * Safe defaults on every response (helmet: nosniff, frame-ancestors none, no referrer, ...). The
 * CSP allows only this origin; swagger-ui's inline styles are the one exception /docs needs (its
 * scripts are files, hashed by `staticCSP`).
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onSend', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (NO_STORE.some((pattern) => pattern.test(path))) reply.header('cache-control', 'no-store');
  });
}
