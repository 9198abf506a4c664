import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI generated from the routes' zod schemas; interactive docs at /docs, the document at /docs/json (not in production). */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'OpsCycle API',
        version: '0.1.0',
        description:
          'Sign in with POST /api/auth/login and send the token as `Authorization: Bearer <token>`. ' +
          'Every route checks the caller’s role and org scope.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // In production the API serves no docs: the schema maps every route for anyone who asks, and
  // nobody there needs the try-it-out page. Elsewhere (development, tests) it stays public.
  if (app.deps.publicDocs === false) return;
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}
