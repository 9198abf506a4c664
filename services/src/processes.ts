import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A server process the launcher started, remembered by a PID file in the data directory. */
export interface ManagedProcess {
  name: string;
  pid: number;
  logFile: string;
}

const pidFile = (dataDir: string, name: string) => join(dataDir, `${name}.pid`);
export const logFile = (dataDir: string, name: string) => join(dataDir, `${name}.log`);

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The PID of a process this launcher started earlier and that still runs, if any. */
export function runningPid(dataDir: string, name: string): number | undefined {
  const file = pidFile(dataDir, name);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return pid;
  rmSync(file, { force: true });
  return undefined;
}

export async function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function assertPortFree(host: string, port: number, what: string, envVar: string) {
  if (!(await isPortFree(host, port))) {
    throw new Error(
      `Port ${host}:${port} for ${what} is taken by a process this launcher did not start. ` +
        `Stop that process, choose another port with ${envVar}=<port>, or point OpsCycle at an existing server.`,
    );
  }
}

/** Starts a detached server (its own process group) with output to a log file in the data directory. */
export function startDetached(
  dataDir: string,
  name: string,
  command: string,
  args: string[],
  cwd: string = dataDir,
): ManagedProcess {
  mkdirSync(dataDir, { recursive: true });
  const log = logFile(dataDir, name);
  const fd = openSync(log, 'a');
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', fd, fd] });
  if (child.pid === undefined) throw new Error(`Could not start ${name} (${command})`);
  child.unref();
  writeFileSync(pidFile(dataDir, name), String(child.pid));
  return { name, pid: child.pid, logFile: log };
}

/** Stops exactly the process group this launcher started; SIGKILL if it ignores SIGTERM. */
export async function stopManaged(dataDir: string, name: string, graceMs = 10_000): Promise<boolean> {
  const pid = runningPid(dataDir, name);
  if (pid === undefined) return false;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) signal('SIGKILL');
  while (isAlive(pid)) await sleep(50);
  rmSync(pidFile(dataDir, name), { force: true });
  return true;
}

/** Retries `probe` until it resolves or the time is up; the last error explains the failure. */
export async function waitUntilReady(
  what: string,
  probe: () => Promise<void>,
  { timeoutMs = 60_000, log }: { timeoutMs?: number; log?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await sleep(250);
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`${what} was not ready after ${timeoutMs / 1000}s: ${reason}${log ? ` (see ${log})` : ''}`);
}
