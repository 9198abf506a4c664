import { describe, expect, it } from 'vitest';
import { INPUT_SLOTS, NODE_KINDS, NODE_SPECS, type FieldSpec } from '@opscycle/domain';
import { en } from './en';
import { zhCN } from './zhCN';

function lookup(dictionary: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], dictionary);
}

/** Every key a node's editor shows: field labels, option names, input handle names. */
function keysOf(fields: readonly FieldSpec[]): string[] {
  return fields.flatMap((f) => [
    f.label,
    ...(f.optionLabel ? (f.options ?? []).map((o) => `${f.optionLabel}.${o}`) : []),
    ...keysOf(f.fields ?? []),
  ]);
}

const keys = [
  ...new Set([
    ...NODE_KINDS.flatMap((kind) => [`nodeKind.${kind}`, ...keysOf(NODE_SPECS[kind].fields)]),
    ...INPUT_SLOTS.map((slot) => `inputSlot.${slot}`),
  ]),
].sort();

describe('node editor strings', () => {
  it.each([
    ['en', en],
    ['zh-CN', zhCN],
  ] as const)('are all in %s', (_language, dictionary) => {
    expect(keys.filter((key) => typeof lookup(dictionary, key) !== 'string')).toEqual([]);
  });
});
