import { rmSync } from 'node:fs';
import { resolveMongoServer, resolveTemporalCli } from './binaries';
import { servicesConfig, type Profile, type ServicesConfig } from './config';
import { MONGO, probeMongo, startMongo } from './mongo';
import { runningPid, stopManaged, waitUntilReady } from './processes';
import { ensureSearchAttributes, probeTemporal, startTemporal, TEMPORAL } from './temporal';

/** What the rest of OpsCycle needs to reach the servers, whoever runs them. */
export interface Services {
  temporalAddress: string;
  namespace: string;
  mongoUri: string;
  temporalUiUrl?: string;
  /** Names of the processes this call started (and so the caller should stop). */
  started: string[];
}

export interface StartOptions {
  profile: Profile;
  /** Wipe the data directory before starting servers (tests start from nothing). */
  fresh?: boolean;
  env?: NodeJS.ProcessEnv;
  /** How long servers named by env get to answer before the launcher gives up. */
  externalTimeoutMs?: number;
}

/**
 * Servers named by TEMPORAL_ADDRESS / MONGODB_URI are used as they are; otherwise the launcher
 * starts (or reuses, if it started them before) local ones for the profile.
 */
export async function startServices({
  profile,
  fresh = false,
  env = process.env,
  externalTimeoutMs = 15_000,
}: StartOptions): Promise<Services> {
  const config = servicesConfig(profile, env);
  const external = { temporal: env.TEMPORAL_ADDRESS, mongo: env.MONGODB_URI };
  if (fresh && !external.temporal && !external.mongo) {
    await stopServices(config);
    rmSync(config.dataDir, { recursive: true, force: true });
  }
  const started: string[] = [];
  try {
    let temporalAddress = external.temporal;
    if (!temporalAddress) {
      if (await startTemporal(config)) started.push(TEMPORAL);
      temporalAddress = `${config.temporal.host}:${config.temporal.port}`;
    } else {
      await waitUntilReady(
        'Temporal at TEMPORAL_ADDRESS',
        () => probeTemporal(temporalAddress!, config.temporal.namespace),
        {
          timeoutMs: 15_000,
        },
      );
    }
    await ensureSearchAttributes(temporalAddress, config.temporal.namespace);

    let mongoUri = external.mongo;
    if (!mongoUri) {
      if (await startMongo(config)) started.push(MONGO);
      mongoUri = `mongodb://${config.mongo.host}:${config.mongo.port}/`;
    } else {
      await waitUntilReady('MongoDB at MONGODB_URI', () => probeMongo(mongoUri!), {
        timeoutMs: externalTimeoutMs,
      });
    }
    const uiUrl =
      !external.temporal && !config.temporal.headless
        ? `http://${config.temporal.host}:${config.temporal.uiPort}`
        : env.TEMPORAL_UI_URL;
    return {
      temporalAddress,
      namespace: config.temporal.namespace,
      mongoUri,
      ...(uiUrl ? { temporalUiUrl: uiUrl } : {}),
      started,
    };
  } catch (error) {
    for (const name of started) await stopManaged(config.dataDir, name);
    throw error;
  }
}

export async function stopServices(
  config: ServicesConfig,
  names: string[] = [TEMPORAL, MONGO],
): Promise<string[]> {
  const stopped: string[] = [];
  for (const name of names) if (await stopManaged(config.dataDir, name)) stopped.push(name);
  return stopped;
}

export interface ServiceStatus {
  name: string;
  pid?: number;
  ready: boolean;
  detail: string;
}

export async function servicesStatus(config: ServicesConfig): Promise<ServiceStatus[]> {
  const temporalAddress = `${config.temporal.host}:${config.temporal.port}`;
  const mongoUri = `mongodb://${config.mongo.host}:${config.mongo.port}/`;
  const check = async (name: string, where: string, probe: () => Promise<void>): Promise<ServiceStatus> => {
    const pid = runningPid(config.dataDir, name);
    try {
      await probe();
      return { name, ...(pid ? { pid } : {}), ready: true, detail: `ready at ${where}` };
    } catch (error) {
      return {
        name,
        ...(pid ? { pid } : {}),
        ready: false,
        detail: `not reachable at ${where}: ${(error as Error).message}`,
      };
    }
  };
  return [
    await check(TEMPORAL, temporalAddress, () => probeTemporal(temporalAddress, config.temporal.namespace)),
    await check(MONGO, mongoUri, () => probeMongo(mongoUri)),
  ];
}

/** Obtains both server binaries into the cache (what CI runs before the tests). */
export async function installServers(): Promise<{ temporal: string; mongo: string }> {
  const temporal = await resolveTemporalCli();
  const mongo = await resolveMongoServer();
  return {
    temporal: `${temporal.path} (${temporal.source})`,
    mongo: `${mongo.path} (${mongo.kind}, ${mongo.source})`,
  };
}
