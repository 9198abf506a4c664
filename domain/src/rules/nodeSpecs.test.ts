import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NODE_KINDS } from './kinds';
import { NODE_SPECS, type FieldSpec } from './nodeSpecs';
import { AMOUNT_COMPONENT_KINDS, NODE_ACCEPTS, resolveInputSlot } from './connections';

/** Every leaf key path of a data schema: `window.from`, `bands[].rate`. */
function schemaPaths(schema: z.ZodType, prefix = ''): string[] {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  if (s instanceof z.ZodObject)
    return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([key, child]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      const inner = schemaPaths(child, path);
      return inner.length ? inner : [path];
    });
  if (s instanceof z.ZodArray) {
    const element = s.element as z.ZodType;
    return element instanceof z.ZodObject ? schemaPaths(element, `${prefix}[]`) : [];
  }
  return [];
}

function fieldPaths(fields: readonly FieldSpec[], prefix = ''): string[] {
  return fields.flatMap((f) => {
    const path = prefix ? `${prefix}.${f.key}` : f.key;
    if (f.unit === 'group') return fieldPaths(f.fields ?? [], path);
    if (f.unit === 'list') return fieldPaths(f.fields ?? [], `${path}[]`);
    return [path];
  });
}

describe('NODE_SPECS', () => {
  it.each(NODE_KINDS)(
    'gives every data field of a %s node exactly one editor, and no editor without a field',
    (kind) => {
      const spec = NODE_SPECS[kind];
      const fromSchema = schemaPaths(spec.data).sort();
      const edited = fieldPaths(spec.fields).sort();
      expect(fromSchema.length).toBeGreaterThan(0);
      expect(edited).toEqual(fromSchema);
    },
  );

  it('lists the amount kinds from the specs (a multiplier or cap takes exactly those and modifiers)', () => {
    expect([...AMOUNT_COMPONENT_KINDS].sort()).toEqual(
      ['fixedAmount', 'rateTimesBase', 'spif', 'tierTable', 'weightedMeasures'].sort(),
    );
    for (const kind of AMOUNT_COMPONENT_KINDS) expect(NODE_ACCEPTS.cap).toContain(kind);
    expect(NODE_ACCEPTS.cap).not.toContain('clawback');
    expect(NODE_ACCEPTS.cap).not.toContain('draw');
  });
});

describe('resolveInputSlot', () => {
  it('lands a fact on the input the designer drew it to', () => {
    expect(resolveInputSlot('factInput', 'rateTimesBase', { targetHandle: 'base' })).toEqual({
      ok: true,
      slot: 'base',
    });
    expect(resolveInputSlot('factInput', 'tierTable', { targetHandle: 'base' })).toEqual({
      ok: true,
      slot: 'base',
    });
  });

  it('reads graphs saved before targetHandle: a sourceHandle naming an input, else the first input taking the source', () => {
    expect(resolveInputSlot('factInput', 'tierTable', { sourceHandle: 'base' })).toEqual({
      ok: true,
      slot: 'base',
    });
    expect(resolveInputSlot('factInput', 'tierTable', {})).toEqual({ ok: true, slot: 'measure' });
    // What the designer saved before this change for a commission: now its base, as drawn.
    expect(resolveInputSlot('factInput', 'rateTimesBase', { sourceHandle: 'measure' })).toEqual({
      ok: true,
      slot: 'base',
    });
    expect(resolveInputSlot('condition', 'tierTable', {})).toEqual({ ok: true, slot: 'when' });
  });

  it('refuses an input the target does not have, or one that does not take the source, naming both', () => {
    expect(resolveInputSlot('factInput', 'rateTimesBase', { targetHandle: 'measure' })).toEqual({
      ok: false,
      reason: 'a rateTimesBase has no input "measure"',
    });
    expect(resolveInputSlot('condition', 'tierTable', { targetHandle: 'base' })).toEqual({
      ok: false,
      reason: 'a condition cannot feed the "base" input of a tierTable',
    });
    expect(resolveInputSlot('factInput', 'fixedAmount', {})).toEqual({
      ok: false,
      reason: 'a factInput cannot feed a fixedAmount',
    });
  });
});
