import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The designer talks only to the API, over HTTP: in development Vite proxies `/api` to it, so the
 * browser sees one origin and the JWT never crosses origins.
 */
const apiUrl = process.env.OPSCYCLE_API_URL ?? 'http://127.0.0.1:3000';
const port = Number(process.env.OPSCYCLE_DESIGNER_PORT ?? '5173');
/** Where ops inspect workflows; the cycle view links each cycle there. */
const temporalUi =
  process.env.TEMPORAL_UI_URL ?? `http://127.0.0.1:${process.env.OPSCYCLE_TEMPORAL_UI_PORT ?? '8233'}`;
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  define: {
    __TEMPORAL_UI_URL__: JSON.stringify(temporalUi),
    __TEMPORAL_NAMESPACE__: JSON.stringify(namespace),
  },
  server: {
    host: '127.0.0.1',
    port,
    proxy: { '/api': { target: apiUrl, changeOrigin: true } },
  },
  preview: {
    host: '127.0.0.1',
    port,
    proxy: { '/api': { target: apiUrl, changeOrigin: true } },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
