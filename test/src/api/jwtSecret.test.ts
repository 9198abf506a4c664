import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiEnv } from '@opscycle/api';
import { REPO_ROOT } from '@opscycle/services';

const dir = mkdtempSync(join(tmpdir(), 'opscycle-jwt-'));

/** Runs the API process as `npm start` does and collects how it ends. */
function runApi(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['api/src/main.ts'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not exit: ${stderr}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('the token-signing secret', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start the API in production without OPSCYCLE_JWT_SECRET, naming the variable', async () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' };
    // Nothing listens there: a process that got past the check would fail on the connection instead.
    env.MONGODB_URI = 'mongodb://127.0.0.1:9/';
    const { code, stderr } = await runApi(env);
    expect(code).toBe(1);
    expect(stderr).toMatch(/refusing to start: OPSCYCLE_JWT_SECRET is not set/);
  }, 40_000);

  it('refuses a short secret and takes a long one in production', () => {
    expect(() => apiEnv({ NODE_ENV: 'production', OPSCYCLE_JWT_SECRET: 'secret' })).toThrow(
      /OPSCYCLE_JWT_SECRET must be at least 32 characters/,
    );
    const secret = 'a'.repeat(40);
    expect(apiEnv({ NODE_ENV: 'production', OPSCYCLE_JWT_SECRET: secret })).toMatchObject({
      jwtSecret: secret,
      jwtSecretSource: 'env',
    });
  });

  it('keeps a generated secret in the data dir in development, so a restart keeps sessions', () => {
    const file = join(dir, 'dev', 'jwt-secret');
    const first = apiEnv({ OPSCYCLE_JWT_SECRET_FILE: file });
    const second = apiEnv({ OPSCYCLE_JWT_SECRET_FILE: file });
    expect(first.jwtSecretSource).toBe('file');
    expect(first.jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.jwtSecret);
    expect(statSync(file).mode & 0o077).toBe(0);
    // Without a file, a per-process key: two processes would not share sessions.
    expect(apiEnv({}).jwtSecret).not.toBe(apiEnv({}).jwtSecret);
  });
});
