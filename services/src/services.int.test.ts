import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { resolveMongoServer, resolveTemporalCli } from './binaries';
import { startServices } from './services';

const listening: Server[] = [];
async function occupyPort(): Promise<number> {
  const server = createServer();
  listening.push(server);
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}
async function closedPort(): Promise<number> {
  const port = await occupyPort();
  await new Promise((resolve) => listening.pop()!.close(resolve));
  return port;
}

afterEach(async () => {
  await Promise.all(listening.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('startServices', () => {
  it('uses the servers named by TEMPORAL_ADDRESS and MONGODB_URI and starts nothing', async () => {
    const services = await startServices({
      profile: 'test',
      env: { TEMPORAL_ADDRESS: inject('temporalAddress'), MONGODB_URI: inject('mongoUri') },
    });
    expect(services).toMatchObject({
      temporalAddress: inject('temporalAddress'),
      mongoUri: inject('mongoUri'),
      started: [],
    });
  });

  it('fails instead of falling back when TEMPORAL_ADDRESS names no server', async () => {
    const port = await closedPort();
    await expect(
      startServices({
        profile: 'test',
        env: { TEMPORAL_ADDRESS: `127.0.0.1:${port}`, MONGODB_URI: inject('mongoUri') },
        externalTimeoutMs: 1_500,
      }),
    ).rejects.toThrow(/Temporal at TEMPORAL_ADDRESS was not ready/);
  });

  it('fails instead of falling back when MONGODB_URI names no server', async () => {
    const port = await closedPort();
    await expect(
      startServices({
        profile: 'test',
        env: { TEMPORAL_ADDRESS: inject('temporalAddress'), MONGODB_URI: `mongodb://127.0.0.1:${port}/` },
        externalTimeoutMs: 1_500,
      }),
    ).rejects.toThrow(/MongoDB at MONGODB_URI was not ready/);
  });

  it('names the port and the variable to change when a foreign process holds the port', async () => {
    const port = await occupyPort();
    const dataDir = mkdtempSync(join(tmpdir(), 'opscycle-services-'));
    try {
      await expect(
        startServices({
          profile: 'test',
          env: { OPSCYCLE_DATA_DIR: dataDir, OPSCYCLE_TEMPORAL_PORT: String(port) },
        }),
      ).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${port} for Temporal is taken.*OPSCYCLE_TEMPORAL_PORT`));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('server binaries', () => {
  it('says which variable to set when no binary is found and building is not allowed', async () => {
    const saved = { PATH: process.env.PATH, OPSCYCLE_CACHE_DIR: process.env.OPSCYCLE_CACHE_DIR };
    const empty = mkdtempSync(join(tmpdir(), 'opscycle-cache-'));
    process.env.PATH = empty;
    process.env.OPSCYCLE_CACHE_DIR = empty;
    try {
      await expect(resolveTemporalCli({ build: false })).rejects.toThrow(/TEMPORAL_CLI.*TEMPORAL_ADDRESS/);
      await expect(resolveMongoServer({ build: false })).rejects.toThrow(/MONGOD.*MONGODB_URI/);
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.OPSCYCLE_CACHE_DIR === undefined) delete process.env.OPSCYCLE_CACHE_DIR;
      else process.env.OPSCYCLE_CACHE_DIR = saved.OPSCYCLE_CACHE_DIR;
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('rejects a TEMPORAL_CLI that does not exist rather than looking elsewhere', async () => {
    const saved = process.env.TEMPORAL_CLI;
    process.env.TEMPORAL_CLI = '/nonexistent/temporal';
    try {
      await expect(resolveTemporalCli()).rejects.toThrow('TEMPORAL_CLI=/nonexistent/temporal does not exist');
    } finally {
      if (saved === undefined) delete process.env.TEMPORAL_CLI;
      else process.env.TEMPORAL_CLI = saved;
    }
  });
});
