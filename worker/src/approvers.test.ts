import { describe, expect, it } from 'vitest';
import type { OrgUnit, Person, PositionHolder } from '@opscycle/domain';
import { resolveApprovers } from './approvers';

const units: OrgUnit[] = [
  { id: 'acme', name: 'Acme', kind: 'company', parentId: null },
  { id: 'east', name: 'East', kind: 'region', parentId: 'acme' },
  { id: 'east-1', name: 'East 1', kind: 'team', parentId: 'east' },
];
const person = (id: string, role: Person['role'], orgUnitId: string): Person => ({
  id,
  name: id,
  email: `${id}@acme.test`,
  role,
  orgUnitId,
});
const people = [
  person('fin', 'finance', 'acme'),
  person('m-east', 'manager', 'east'),
  person('m-east-1', 'manager', 'east-1'),
  person('rep-1', 'rep', 'east-1'),
];
const holders: PositionHolder[] = [
  { orgUnitId: 'acme', position: 'cfo', personId: 'fin' },
  { orgUnitId: 'east', position: 'regionalDirector', personId: 'm-east' },
  { orgUnitId: 'east-1', position: 'marketingHead', personId: 'm-east-1' },
  { orgUnitId: 'acme', position: 'marketingHead', personId: 'fin' },
];

describe('resolveApprovers with positions', () => {
  it("takes the holder at the requester's unit or the nearest unit above that has one, at orgLevel when given", () => {
    const chain = resolveApprovers(
      [
        { position: 'cfo' },
        { position: 'marketingHead' },
        { position: 'marketingHead', orgLevel: 'company' },
      ],
      'east-1',
      units,
      people,
      'rep-1',
      holders,
    );
    expect(chain.levels).toEqual([
      { level: 0, role: 'finance', position: 'cfo', orgUnitId: 'acme', approverIds: ['fin'] },
      {
        level: 1,
        role: 'manager',
        position: 'marketingHead',
        orgUnitId: 'east-1',
        approverIds: ['m-east-1'],
      },
      { level: 2, role: 'finance', position: 'marketingHead', orgUnitId: 'acme', approverIds: ['fin'] },
    ]);
    expect(chain.explanation[0]).toBe('level 0: cfo = position cfo of Acme (fin)');
  });

  it('passes over a submitter who holds the position to the next holder above', () => {
    const chain = resolveApprovers(
      [{ position: 'marketingHead' }],
      'east-1',
      units,
      people,
      'm-east-1',
      holders,
    );
    expect(chain.levels[0]).toMatchObject({ orgUnitId: 'acme', approverIds: ['fin'] });
  });

  it('fails naming the position and the unit when no unit on the way up holds it', () => {
    const resolve = () =>
      resolveApprovers(
        [{ position: 'regionalDirector', orgLevel: 'company' }],
        'east-1',
        units,
        people,
        'rep-1',
        holders,
      );
    expect(resolve).toThrow('position regionalDirector has no holder at company units above east-1 (acme)');
    expect(resolve).toThrow(
      expect.objectContaining({
        code: 'APPROVAL_POSITION_UNHELD',
        details: {
          position: 'regionalDirector',
          orgUnitId: 'east-1',
          orgLevel: 'company',
          unitsSearched: ['acme'],
        },
      }),
    );
  });
});
