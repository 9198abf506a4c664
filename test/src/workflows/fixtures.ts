import { WorkflowUpdateFailedError } from '@temporalio/client';
import { expect } from 'vitest';
import type { OrgUnit, Person } from '@opscycle/domain';

/** A small org: company acme -> regions east, west -> teams east-1, west-1, with one holder per role. */
export function aSmallOrg(): { units: OrgUnit[]; people: Person[] } {
  const units: OrgUnit[] = [
    { id: 'acme', name: 'Acme', kind: 'company', parentId: null },
    { id: 'east', name: 'East', kind: 'region', parentId: 'acme' },
    { id: 'west', name: 'West', kind: 'region', parentId: 'acme' },
    { id: 'east-1', name: 'East 1', kind: 'team', parentId: 'east' },
    { id: 'west-1', name: 'West 1', kind: 'team', parentId: 'west' },
  ];
  const person = (id: string, role: Person['role'], orgUnitId: string): Person => ({
    id,
    name: id,
    email: `${id}@acme.test`,
    role,
    orgUnitId,
  });
  const people: Person[] = [
    person('ops', 'opsAdmin', 'acme'),
    person('fin', 'finance', 'acme'),
    person('hr', 'hr', 'acme'),
    person('ceo', 'manager', 'acme'),
    person('m-east', 'manager', 'east'),
    person('m-west', 'manager', 'west'),
    person('m-east-1', 'manager', 'east-1'),
    person('m-west-1', 'manager', 'west-1'),
    person('rep-1', 'rep', 'east-1'),
    person('rep-2', 'rep', 'west-1'),
  ];
  return { units, people };
}

/** Polls a query until `done` holds: workflows move on their own, tests wait for a state, never sleep blindly. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > until)
      throw new Error(`condition not met in ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

/** Asserts that an Update was refused by its validator with the given error code. */
export async function expectRefused(update: Promise<unknown>, code: string): Promise<void> {
  const error: unknown = await update.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((error as WorkflowUpdateFailedError).cause).toMatchObject({ type: code });
}
