import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Case (e) of the resolution order, for a laptop with internet and no Go: let the Temporal SDK
 * download its dev-server CLI and mongodb-memory-server-core download a real `mongod`. Both are
 * real servers, started and stopped by the launcher like the built ones. CI never gets here: it
 * has Go, and `CI=true` turns this path off so a missing install step fails loudly.
 */
export function downloadsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI !== 'true' && env.OPSCYCLE_NO_DOWNLOAD !== '1';
}

export async function downloadTemporalCli(downloadDir: string): Promise<string> {
  mkdirSync(downloadDir, { recursive: true });
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  // Starting a throw-away local environment is the SDK's own way to fetch and cache the CLI.
  const environment = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'cached-download', downloadDir } },
  });
  await environment.teardown();
  const binary = readdirSync(downloadDir)
    .map((name) => join(downloadDir, name))
    .find((path) => /temporal/i.test(path) && statSync(path).isFile() && (statSync(path).mode & 0o111) !== 0);
  if (!binary) throw new Error(`the Temporal SDK downloaded no CLI into ${downloadDir}`);
  return binary;
}

export async function downloadMongod(downloadDir: string): Promise<string> {
  mkdirSync(downloadDir, { recursive: true });
  const { MongoBinary } = await import('mongodb-memory-server-core');
  try {
    return await MongoBinary.getPath({ downloadDir });
  } catch (error) {
    throw new Error(
      `Downloading mongod failed (${(error as Error).message}). Install Go so FerretDB can be built, ` +
        'set MONGOD=/path/to/mongod, or set MONGODB_URI to an existing server.',
    );
  }
}
