import { describe, expect, it } from 'vitest';
import { isWithinScope, type OrgUnit } from './org';

const units: OrgUnit[] = [
  { id: 'acme', name: 'Acme', kind: 'company', parentId: null },
  { id: 'east', name: '华东', kind: 'region', parentId: 'acme' },
  { id: 'east-1', name: 'East 1', kind: 'team', parentId: 'east' },
  { id: 'north', name: '华北', kind: 'region', parentId: 'acme' },
];

describe('isWithinScope', () => {
  it('includes the unit itself and its whole subtree', () => {
    expect(isWithinScope(units, 'east', 'east')).toBe(true);
    expect(isWithinScope(units, 'east', 'east-1')).toBe(true);
    expect(isWithinScope(units, 'acme', 'east-1')).toBe(true);
  });

  it('excludes siblings, parents and unknown units', () => {
    expect(isWithinScope(units, 'north', 'east-1')).toBe(false);
    expect(isWithinScope(units, 'east-1', 'east')).toBe(false);
    expect(isWithinScope(units, 'east', 'nowhere')).toBe(false);
  });

  it('treats a loop in a malformed tree as out of scope instead of hanging', () => {
    const loop: OrgUnit[] = [
      { id: 'a', name: 'A', kind: 'team', parentId: 'b' },
      { id: 'b', name: 'B', kind: 'team', parentId: 'a' },
    ];
    expect(isWithinScope(loop, 'x', 'a')).toBe(false);
  });
});
