import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT, servicesConfig, startServices, stopServices } from '@opscycle/services';

// mongoUri and runId are declared beside the database helpers in `@opscycle/storage/testing`.
declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalNamespace: string;
    workflowBundlePath: string;
  }
}

/**
 * The integration project's setup (see vitest.config.ts). Starts the real Temporal and MongoDB-wire servers once per run (or uses TEMPORAL_ADDRESS /
 * MONGODB_URI), and bundles workflow code once so each test's Worker starts in milliseconds.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const services = await startServices({ profile: 'test' });
  const config = servicesConfig('test');
  const bundle = await bundleWorkflowCode({
    workflowsPath: join(REPO_ROOT, 'workflows', 'src', 'index.ts'),
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  mkdirSync(config.dataDir, { recursive: true });
  const workflowBundlePath = join(config.dataDir, `workflow-bundle-${process.pid}.js`);
  writeFileSync(workflowBundlePath, bundle.code);

  project.provide('temporalAddress', services.temporalAddress);
  project.provide('temporalNamespace', services.namespace);
  project.provide('mongoUri', services.mongoUri);
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('runId', `${Date.now().toString(36)}${process.pid.toString(36)}`);
  console.log(
    `[test] services ready in ${Date.now() - started} ms (started: ${services.started.join(', ') || 'none'})`,
  );

  return async () => {
    await stopServices(config, services.started);
  };
}
