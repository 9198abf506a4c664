import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  /** One-shot apps run to completion: 'before' the long-running apps start, or 'after' they are launched. */
  oneShot?: 'before' | 'after';
}

const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const vite = join(REPO_ROOT, 'node_modules', '.bin', 'vite');
const apps: App[] = [
  {
    name: 'seed',
    entry: 'demo/src/seed.ts',
    command: tsx,
    args: ['demo/src/seed.ts'],
    oneShot: 'before',
  },
  { name: 'worker', entry: 'worker/src/main.ts', command: tsx, args: ['worker/src/main.ts'] },
  { name: 'api', entry: 'api/src/main.ts', command: tsx, args: ['api/src/main.ts'] },
  { name: 'designer', entry: 'designer/index.html', command: vite, args: ['designer', '--strictPort'] },
  {
    name: 'demo payout',
    entry: 'worker/src/demoPayout.ts',
    command: tsx,
    args: ['worker/src/demoPayout.ts'],
    oneShot: 'after',
  },
  {
    name: 'demo cycle',
    entry: 'worker/src/demoCycle.ts',
    command: tsx,
    args: ['worker/src/demoCycle.ts'],
    oneShot: 'after',
  },
];

/**
 * Unless a real HR/finance endpoint is configured, payout exports go to this stand-in: it checks the
 * signature and accepts, so the demo's payout runs complete. It lives and dies with `npm start`.
 */
async function startDemoPayoutReceiver(): Promise<{ server: Server; url: string; secret: string }> {
  const secret = randomBytes(32).toString('hex');
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
      const given = Buffer.from(String(request.headers['x-opscycle-signature'] ?? ''));
      const valid = given.length === expected.length && timingSafeEqual(given, expected);
      response.writeHead(valid ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/payouts`, secret };
}

const children: ChildProcess[] = [];
let stopping = false;

function launch(app: App, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(app.command, app.args, { cwd: REPO_ROOT, env, detached: true, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code, signal) => {
    // A one-shot app that succeeded is done; anything else ending early leaves the demo half-running.
    const done = app.oneShot === 'before' || (app.oneShot === 'after' && code === 0);
    if (!stopping && !done) {
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
  // The API links cycles to their history there.
  ...(services.temporalUiUrl ? { TEMPORAL_UI_URL: services.temporalUiUrl } : {}),
};
// The API keeps its generated token-signing key here, so restarting `npm start` keeps sessions.
env.OPSCYCLE_JWT_SECRET_FILE ??= join(servicesConfig('dev').dataDir, 'jwt-secret');
if (!env.OPSCYCLE_PAYOUT_WEBHOOK_URL) {
  const receiver = await startDemoPayoutReceiver();
  receiver.server.unref();
  env.OPSCYCLE_PAYOUT_WEBHOOK_URL = receiver.url;
  env.OPSCYCLE_PAYOUT_WEBHOOK_SECRET = receiver.secret;
}
const present = apps.filter((app) => existsSync(join(REPO_ROOT, app.entry)));
for (const app of present.filter((a) => a.oneShot === 'before')) {
  const exitCode = await new Promise<number | null>((resolve) => launch(app, env).once('exit', resolve));
  if (exitCode !== 0) {
    console.error(`[start] ${app.name} failed`);
    await shutdown(1);
  }
}
for (const app of present) if (app.oneShot !== 'before') launch(app, env);

const apiPort = process.env.OPSCYCLE_API_PORT ?? '3000';
const designerPort = process.env.OPSCYCLE_DESIGNER_PORT ?? '5173';
console.log(`
OpsCycle is running (Ctrl-C stops everything it started)
  designer     http://127.0.0.1:${designerPort}
  API docs     http://127.0.0.1:${apiPort}/docs
  Temporal UI  ${services.temporalUiUrl ?? '(external Temporal; set TEMPORAL_UI_URL)'}
  Temporal     ${services.temporalAddress}   MongoDB ${services.mongoUri}
  payouts to   ${env.OPSCYCLE_PAYOUT_WEBHOOK_URL}
  logins       ${ROLES.map(demoUsername).join(', ')} (password ${DEMO_PASSWORD})
`);
