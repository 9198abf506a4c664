import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** HMAC-SHA256 keys shorter than this are guessable offline from one captured token. */
const MIN_SECRET_LENGTH = 32;

export class ConfigError extends Error {}

/**
 * The key signing tokens. Production takes it only from OPSCYCLE_JWT_SECRET: a generated one would
 * differ per process and log everyone out on each restart or across replicas. Elsewhere, without
 * it, the key is kept in OPSCYCLE_JWT_SECRET_FILE (`npm start` points it into the data dir, so a
 * restart keeps sessions), created on first use; with neither, a per-process key.
 */
export function jwtSecretOf(env: NodeJS.ProcessEnv): { secret: string; source: 'env' | 'file' | 'process' } {
  const configured = env.OPSCYCLE_JWT_SECRET;
  if (configured !== undefined) {
    if (configured.length < MIN_SECRET_LENGTH)
      throw new ConfigError(`OPSCYCLE_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return { secret: configured, source: 'env' };
  }
  if (env.NODE_ENV === 'production')
    throw new ConfigError(
      'OPSCYCLE_JWT_SECRET is not set: in production the API needs a fixed token-signing secret ' +
        `(at least ${MIN_SECRET_LENGTH} characters, e.g. \`openssl rand -hex 32\`)`,
    );
  const file = env.OPSCYCLE_JWT_SECRET_FILE;
  if (!file) return { secret: randomBytes(32).toString('hex'), source: 'process' };
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= MIN_SECRET_LENGTH) return { secret: kept, source: 'file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('hex');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, source: 'file' };
}

/** The API process's settings; the same variable names as the worker's and the launcher's. */
export function apiEnv(env: NodeJS.ProcessEnv = process.env) {
  const jwt = jwtSecretOf(env);
  return {
    port: Number(env.OPSCYCLE_API_PORT ?? 3000),
    host: env.OPSCYCLE_API_HOST ?? '127.0.0.1',
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    mongoUri: env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/',
    dbName: env.OPSCYCLE_DB ?? 'opscycle',
    temporalUiUrl: env.TEMPORAL_UI_URL,
    jwtSecret: jwt.secret,
    /** Where the secret came from: 'process' means tokens end with this process. */
    jwtSecretSource: jwt.source,
  };
}
