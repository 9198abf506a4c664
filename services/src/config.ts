import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Built server binaries live outside the repo so a fresh clone reuses them. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OPSCYCLE_CACHE_DIR) return resolve(env.OPSCYCLE_CACHE_DIR);
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'opscycle');
}

/**
 * A profile is one set of ports and one data directory, so `npm start` (dev) and
 * `npm test` (test) can run side by side without touching each other's data.
 */
export type Profile = 'dev' | 'test';

export interface ServicesConfig {
  profile: Profile;
  dataDir: string;
  temporal: { host: string; port: number; uiPort: number; headless: boolean; namespace: string };
  mongo: { host: string; port: number };
}

const DEFAULT_PORTS: Record<Profile, { temporal: number; ui: number; mongo: number }> = {
  dev: { temporal: 7233, ui: 8233, mongo: 27017 },
  test: { temporal: 7633, ui: 8633, mongo: 27617 },
};

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name}=${raw} is not a TCP port (1-65535)`);
  }
  return value;
}

export function servicesConfig(profile: Profile, env: NodeJS.ProcessEnv = process.env): ServicesConfig {
  const ports = DEFAULT_PORTS[profile];
  return {
    profile,
    dataDir: resolve(env.OPSCYCLE_DATA_DIR ?? join(REPO_ROOT, '.data', profile)),
    temporal: {
      host: '127.0.0.1',
      port: port(env, 'OPSCYCLE_TEMPORAL_PORT', ports.temporal),
      uiPort: port(env, 'OPSCYCLE_TEMPORAL_UI_PORT', ports.ui),
      headless: profile === 'test',
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    },
    mongo: { host: '127.0.0.1', port: port(env, 'OPSCYCLE_MONGO_PORT', ports.mongo) },
  };
}
