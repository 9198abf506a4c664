import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type mongoose from 'mongoose';
import { buildApp, upsertUser, type AppDeps } from '@opscycle/api';
import type { OrgUnit, Person } from '@opscycle/domain';
import { upsertOrgUnits, upsertPeople } from '@opscycle/storage';
import { connectTestDatabase, temporalClient } from '../support';
import { aSmallOrg } from '../workflows/fixtures';

/** acme -> east, west -> east-1, west-1; company-wide ops/fin/hr, a manager per region and team, rep-1 (east-1), rep-2 (west-1). */
const ORG = aSmallOrg();
export const UNITS: OrgUnit[] = ORG.units;
export const PEOPLE: Person[] = ORG.people;

/** Logins of the harness: one per role, plus a second manager for the other region. */
export const LOGINS = {
  ops: 'ops',
  finance: 'fin',
  hr: 'hr',
  managerEast: 'm-east',
  managerWest: 'm-west',
  rep: 'rep-1',
} as const;
export type Login = keyof typeof LOGINS;
export const PASSWORD = 'correct horse battery staple';

export interface Harness {
  app: FastifyInstance;
  db: mongoose.Connection;
  deps: AppDeps;
  tokens: Record<Login, string>;
  call(login: Login | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Adds a person with a login (for tests that need more than the standard logins) and returns its token. */
  addLogin(person: Person): Promise<string>;
  callWith(token: string, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startHarness(label: string, overrides: Partial<AppDeps> = {}): Promise<Harness> {
  const db = await connectTestDatabase(label);
  const temporal = await temporalClient();
  await upsertOrgUnits(db, UNITS);
  await upsertPeople(db, PEOPLE);
  for (const personId of Object.values(LOGINS)) {
    const p = PEOPLE.find((candidate) => candidate.id === personId)!;
    await upsertUser(db, {
      username: personId,
      password: PASSWORD,
      name: p.name,
      role: p.role,
      orgUnitId: p.orgUnitId,
      personId,
    });
  }
  const deps: AppDeps = {
    connection: db,
    temporal: temporal.client,
    jwtSecret: 'test-secret-0123456789abcdef0123456789',
    loginRateLimit: { max: 1_000, timeWindowMs: 60_000 },
    ...overrides,
  };
  const app = await buildApp(deps);
  const signIn = async (username: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: PASSWORD },
    });
    if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.body}`);
    return response.json<{ token: string }>().token;
  };
  const tokens = {} as Record<Login, string>;
  for (const [login, username] of Object.entries(LOGINS) as [Login, string][])
    tokens[login] = await signIn(username);
  const callWith = (token: string | null, options: InjectOptions) =>
    app.inject({
      ...options,
      headers: { ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  return {
    app,
    db,
    deps,
    tokens,
    call: (login, options) => callWith(login ? tokens[login] : null, options),
    callWith,
    async addLogin(person) {
      await upsertPeople(db, [person]);
      app.org.invalidate();
      const { id, name, role, orgUnitId } = person;
      await upsertUser(db, { username: id, password: PASSWORD, name, role, orgUnitId, personId: id });
      return signIn(id);
    },
    async close() {
      await app.close();
      await db.dropDatabase();
      await db.close();
      await temporal.connection.close();
    },
  };
}
