import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, demoUsername } from '@opscycle/api';
import { ROLES } from '@opscycle/domain';
import { REPO_ROOT, servicesConfig } from './config';
import { startServices, stopServices } from './services';

/**
 * `npm start`: the whole system on embedded defaults. Starts (or reuses) the dev servers, then the
 * worker, the API and the designer as child process groups; Ctrl-C stops all of them and the
 * servers this command started, so nothing is left running.
 */
interface App {
  name: string;
  entry: string;
  command: string;
  args: string[];
}

const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const vite = join(REPO_ROOT, 'node_modules', '.bin', 'vite');
const apps: App[] = [
  { name: 'seed', entry: 'worker/src/seed.ts', command: tsx, args: ['worker/src/seed.ts'] },
  { name: 'worker', entry: 'worker/src/main.ts', command: tsx, args: ['worker/src/main.ts'] },
  { name: 'api', entry: 'api/src/main.ts', command: tsx, args: ['api/src/main.ts'] },
  { name: 'designer', entry: 'designer/index.html', command: vite, args: ['designer', '--strictPort'] },
];

const children: ChildProcess[] = [];
let stopping = false;

function launch(app: App, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(app.command, app.args, { cwd: REPO_ROOT, env, detached: true, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping && app.name !== 'seed') {
      console.error(`[start] ${app.name} exited (${code ?? signal}); stopping everything`);
      void shutdown(1);
    }
  });
  return child;
}

async function shutdown(code: number, startedServers: string[] = started): Promise<never> {
  stopping = true;
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  }
  await Promise.all(
    children.map((child) =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise((resolve) => child.once('exit', resolve)),
    ),
  );
  await stopServices(servicesConfig('dev'), startedServers);
  process.exit(code);
}

let started: string[] = [];
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

const services = await startServices({ profile: 'dev' });
started = services.started;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  TEMPORAL_ADDRESS: services.temporalAddress,
  TEMPORAL_NAMESPACE: services.namespace,
  MONGODB_URI: services.mongoUri,
};
const present = apps.filter((app) => existsSync(join(REPO_ROOT, app.entry)));
const seed = present.find((app) => app.name === 'seed');
if (seed) {
  const exitCode = await new Promise<number | null>((resolve) => launch(seed, env).once('exit', resolve));
  if (exitCode !== 0) {
    console.error('[start] seeding the demo data failed');
    await shutdown(1);
  }
}
for (const app of present) if (app.name !== 'seed') launch(app, env);

const apiPort = process.env.OPSCYCLE_API_PORT ?? '3000';
const designerPort = process.env.OPSCYCLE_DESIGNER_PORT ?? '5173';
console.log(`
OpsCycle is running (Ctrl-C stops everything it started)
  designer     http://127.0.0.1:${designerPort}
  API docs     http://127.0.0.1:${apiPort}/docs
  Temporal UI  ${services.temporalUiUrl ?? '(external Temporal; set TEMPORAL_UI_URL)'}
  Temporal     ${services.temporalAddress}   MongoDB ${services.mongoUri}
  logins       ${ROLES.map(demoUsername).join(', ')} (password ${DEMO_PASSWORD})
`);
