import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { REPO_ROOT } from '@opscycle/services';

export interface DesignerServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * The designer as `npm start` serves it (Vite, designer/vite.config.ts) on a free port, with `/api`
 * proxied to the given API.
 */
export async function startDesigner(
  apiUrl: string,
  logLevel: 'warn' | 'silent' = 'warn',
): Promise<DesignerServer> {
  const server: ViteDevServer = await createServer({
    configFile: join(REPO_ROOT, 'designer', 'vite.config.ts'),
    root: join(REPO_ROOT, 'designer'),
    logLevel,
    server: {
      port: 0,
      strictPort: false,
      host: '127.0.0.1',
      proxy: { '/api': { target: apiUrl, changeOrigin: true } },
    },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('designer server has no port');
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
