import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './context';
import { mongoOrgDirectory } from './org/mongoDirectory';
import { registerAuth } from './plugins/auth';
import { registerErrorHandler } from './plugins/errors';
import { registerSecurityHeaders } from './plugins/headers';
import { registerOpenApi } from './plugins/openapi';
import { ROUTE_MODULES } from './routes';

const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

/**
 * The API as a Fastify instance, not listening. Order: external connections (given in `deps`) ->
 * cross-cutting plugins (errors, OpenAPI, auth) -> app services (repositories) -> routes.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: deps.logger ?? false, exposeHeadRoutes: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  // CSV uploads arrive as text; JSON stays on Fastify's own parser.
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: MAX_UPLOAD_BYTES },
    (_r, body, done) => done(null, body),
  );

  registerErrorHandler(app);
  await registerSecurityHeaders(app);
  await registerOpenApi(app);
  await registerAuth(app);

  app.decorate('org', mongoOrgDirectory(deps.connection));

  for (const routes of ROUTE_MODULES) await app.register(routes);
  await app.ready();
  return app;
}
