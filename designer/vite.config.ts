import { join } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The designer talks only to the API, over HTTP: in development Vite proxies `/api` to it, so the
 * browser sees one origin and the JWT never crosses origins.
 */
const apiUrl = process.env.OPSCYCLE_API_URL ?? 'http://127.0.0.1:3000';
const port = Number(process.env.OPSCYCLE_DESIGNER_PORT ?? '5173');
const repo = join(import.meta.dirname, '..');

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port,
    // The dev server serves files from disk: only the designer, the domain package it imports and
    // the installed packages, never the rest of the workspace (the servers' data and the JWT key
    // live in .data/). One origin through the proxy, so no cross-origin requests are answered.
    fs: { strict: true, allow: [join(repo, 'designer'), join(repo, 'domain'), join(repo, 'node_modules')] },
    cors: false,
    proxy: { '/api': { target: apiUrl, changeOrigin: true } },
  },
  preview: {
    host: '127.0.0.1',
    port,
    proxy: { '/api': { target: apiUrl, changeOrigin: true } },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
