import { CYCLE_STEPS, type CycleStep, type OrgUnit, type Person } from '@opscycle/domain';
import type { CycleStepRunner } from '@opscycle/worker';

/**
 * Step computations as test inputs (the planning activities are tested on their own): each
 * reports the unit it ran for, and the budget step an amount its approval routes on.
 */
export function recordingStepRunners(): Record<CycleStep, CycleStepRunner> {
  return Object.fromEntries(
    CYCLE_STEPS.map((step): [CycleStep, CycleStepRunner] => [
      step,
      (input) =>
        Promise.resolve({
          summary: `${step} for ${input.orgUnitId}${input.period ? ` ${input.period}` : ''}`,
          facts: { orgUnitId: input.orgUnitId },
          amountMinor: step === 'budgetApproval' ? 1_200_000_00 : undefined,
        }),
    ]),
  ) as Record<CycleStep, CycleStepRunner>;
}

/**
 * A region of its own under the harness company `acme` (unique per test file, so its cycle id is
 * too): a region manager and a team manager with display names, and one rep.
 */
export function aRegionOfItsOwn(suffix: string): {
  regionId: string;
  units: OrgUnit[];
  people: Person[];
  names: { regionManager: string; teamManager: string };
} {
  const regionId = `r-${suffix}`;
  const teamId = `t-${suffix}`;
  const person = (id: string, name: string, role: Person['role'], orgUnitId: string): Person => ({
    id,
    name,
    email: `${id}@acme.test`,
    role,
    orgUnitId,
  });
  return {
    regionId,
    units: [
      { id: regionId, name: `Region ${suffix}`, kind: 'region', parentId: 'acme' },
      { id: teamId, name: `Team ${suffix}`, kind: 'team', parentId: regionId },
    ],
    people: [
      person(`mr-${suffix}`, 'Wang Fang', 'manager', regionId),
      person(`mt-${suffix}`, 'Li Lei', 'manager', teamId),
      person(`rp-${suffix}`, 'Zhao Min', 'rep', teamId),
    ],
    names: { regionManager: 'Wang Fang', teamManager: 'Li Lei' },
  };
}
