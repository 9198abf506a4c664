import { z } from 'zod';
import { MinorUnits } from '../money';
import { Id, ORG_UNIT_KINDS, POSITIONS, ROLES } from '../org';
import type { NodeKind, NodeRole } from './kinds';
import {
  ApproverStep,
  ComponentName,
  ConditionValue,
  DRAW_TYPES,
  DrawType,
  FactRef,
  Label,
  TIER_MODES,
  TierBand,
  TierMode,
  WeightedMeasure,
} from './nodeData';

/**
 * THE definition of every node kind: its data (zod), how each field is edited (unit and label),
 * its role in evaluation, the inputs it takes on which handle, and whether it pays an amount that a
 * multiplier or cap can act on. The validator, the compiler, the payout calculation's kind list and
 * the designer's palette, handles, connection rules and editors all read this one table, so adding
 * a kind is one entry here, and `satisfies Record<NodeKind, NodeSpec>` refuses to compile without it.
 */

/**
 * How a field is shown and typed in the designer. The stored value is always the domain's: money in
 * minor units, percent and ratio as fractions (0.05), dates as ISO strings, key paths as `$.key`.
 * - money: typed in major units (12,345.67), stored in minor units;
 * - percent: typed as percent (5 = 5%), stored as a fraction;
 * - factor: a plain multiplier (1.5 = ×1.5);
 * - measureValue: in the unit of the measure it compares with (percent for a ratio fact, money for
 *   a money fact): a tier band's bounds, a weighted measure's floor and cap;
 * - fact / keyedFact: a fact of the rule set's catalog / a key of a keyed fact (`$.hardware`);
 * - operator / conditionValue: an operator the fact's type takes / a value of the shape it compares;
 * - group / list: nested fields / a list of items with `fields` each.
 */
export const FIELD_UNITS = [
  'text',
  'integer',
  'money',
  'percent',
  'factor',
  'measureValue',
  'fact',
  'keyedFact',
  'operator',
  'conditionValue',
  'date',
  'productLines',
  'boolean',
  'enum',
  'group',
  'list',
] as const;
export type FieldUnit = (typeof FIELD_UNITS)[number];

export interface FieldSpec {
  /** The data key (within its group or list item). */
  readonly key: string;
  readonly unit: FieldUnit;
  /** i18n key of the field's label. */
  readonly label: string;
  /** May be left empty (the key is then absent; for `nullable`, null). */
  readonly optional?: boolean;
  /** Empty means null rather than absent (a tier band's open end). */
  readonly nullable?: boolean;
  /** enum: the values offered; `optionLabel` is the i18n prefix of their names. */
  readonly options?: readonly string[];
  readonly optionLabel?: string;
  /** group and list: the fields of the group or of each item. */
  readonly fields?: readonly FieldSpec[];
  /** list: the item a "+" adds, and how many items the list keeps at least. */
  readonly newItem?: Readonly<Record<string, unknown>>;
  readonly minItems?: number;
  /** list: items are consecutive ranges; "+" starts the new one where the last one ends. */
  readonly continues?: { readonly from: string; readonly to: string };
  /** Filling this field empties these siblings (a band pays a rate or an amount, never both). */
  readonly clears?: readonly string[];
  /** keyedFact: the sibling key holding the fact the path reads (default `fact`). */
  readonly factKey?: string;
}

/** Where an edge lands on its target. One name per meaning, whatever the kind. */
export const INPUT_SLOTS = ['when', 'measure', 'base', 'amount'] as const;
export type InputSlot = (typeof INPUT_SLOTS)[number];

export interface InputSpec {
  readonly accepts: readonly NodeKind[];
  readonly min: number;
  /** null: any number. */
  readonly max: number | null;
}

export interface NodeSpec {
  readonly role: NodeRole;
  readonly data: z.ZodType;
  readonly fields: readonly FieldSpec[];
  /** In handle order; an edge without a targetHandle lands on the first input that takes its source. */
  readonly inputs: Readonly<Partial<Record<InputSlot, InputSpec>>>;
  /** Pays an amount of its own that a multiplier or cap may scale. */
  readonly amount: boolean;
}

const IsoDate = z.iso.date();
const BOOLEAN_KINDS = ['condition', 'all', 'any', 'not', 'gate'] as const satisfies readonly NodeKind[];
const GUARDS = ['start', ...BOOLEAN_KINDS] as const;
/** Kinds whose amount a modifier takes: amount components and modifiers before it in a chain. */
const AMOUNT_SOURCES = [
  'tierTable',
  'rateTimesBase',
  'fixedAmount',
  'weightedMeasures',
  'spif',
  'multiplier',
  'cap',
] as const satisfies readonly NodeKind[];

/** A decision's guard: it fires when every boolean input holds (only `start`: always). */
const when = { when: { accepts: GUARDS, min: 0, max: null } } as const;

const label: FieldSpec = { key: 'label', unit: 'text', label: 'field.label', optional: true };
const component: FieldSpec = { key: 'component', unit: 'text', label: 'field.component' };
const factRefFields = (optionalFact = false): FieldSpec[] => [
  { key: 'fact', unit: 'fact', label: 'field.fact', ...(optionalFact ? { optional: true } : {}) },
  { key: 'path', unit: 'keyedFact', label: 'field.path', optional: true },
];

export const NODE_SPECS = {
  start: { role: 'entry', data: z.object({ label: Label }), fields: [label], inputs: {}, amount: false },
  factInput: {
    role: 'value',
    data: FactRef.extend({ label: Label }),
    fields: [...factRefFields(), label],
    inputs: {},
    amount: false,
  },
  condition: {
    role: 'boolean',
    data: z.object({
      label: Label,
      fact: z.string().min(1),
      path: z.string().min(1).optional(),
      operator: z.string().min(1),
      /** Compare with a constant, or with another fact (`valueFact`); exactly one of the two. */
      value: ConditionValue.optional(),
      valueFact: FactRef.optional(),
    }),
    fields: [
      ...factRefFields(),
      { key: 'operator', unit: 'operator', label: 'field.operator' },
      { key: 'value', unit: 'conditionValue', label: 'field.value', optional: true, clears: ['valueFact'] },
      {
        key: 'valueFact',
        unit: 'group',
        label: 'field.valueFact',
        optional: true,
        clears: ['value'],
        fields: factRefFields(true),
      },
      label,
    ],
    inputs: { when: { accepts: ['start'], min: 0, max: 1 } },
    amount: false,
  },
  all: {
    role: 'boolean',
    data: z.object({ label: Label }),
    fields: [label],
    inputs: { when: { accepts: BOOLEAN_KINDS, min: 1, max: null } },
    amount: false,
  },
  any: {
    role: 'boolean',
    data: z.object({ label: Label }),
    fields: [label],
    inputs: { when: { accepts: BOOLEAN_KINDS, min: 1, max: null } },
    amount: false,
  },
  not: {
    role: 'boolean',
    data: z.object({ label: Label }),
    fields: [label],
    inputs: { when: { accepts: BOOLEAN_KINDS, min: 1, max: 1 } },
    amount: false,
  },
  gate: {
    role: 'boolean',
    data: z.object({ label: Label }),
    fields: [label],
    inputs: { when: { accepts: BOOLEAN_KINDS, min: 1, max: null } },
    amount: false,
  },
  tierTable: {
    role: 'payout',
    data: z.object({ component: ComponentName, mode: TierMode, bands: z.array(TierBand).min(1) }),
    fields: [
      component,
      { key: 'mode', unit: 'enum', label: 'field.mode', options: TIER_MODES, optionLabel: 'tierMode' },
      {
        key: 'bands',
        unit: 'list',
        label: 'field.bands',
        minItems: 1,
        newItem: { from: 0, to: null, rate: 0 },
        continues: { from: 'from', to: 'to' },
        fields: [
          { key: 'from', unit: 'measureValue', label: 'field.from' },
          { key: 'to', unit: 'measureValue', label: 'field.to', optional: true, nullable: true },
          { key: 'rate', unit: 'percent', label: 'field.rate', optional: true, clears: ['amountMinor'] },
          { key: 'amountMinor', unit: 'money', label: 'field.bandAmount', optional: true, clears: ['rate'] },
        ],
      },
    ],
    // The measure is banded; the rates are paid on the base (default: the measure itself).
    inputs: {
      measure: { accepts: ['factInput'], min: 1, max: 1 },
      base: { accepts: ['factInput'], min: 0, max: 1 },
      ...when,
    },
    amount: true,
  },
  rateTimesBase: {
    role: 'payout',
    data: z.object({ component: ComponentName, rate: z.number().finite() }),
    fields: [component, { key: 'rate', unit: 'percent', label: 'field.rate' }],
    inputs: { base: { accepts: ['factInput'], min: 1, max: 1 }, ...when },
    amount: true,
  },
  fixedAmount: {
    role: 'payout',
    data: z.object({ component: ComponentName, amountMinor: MinorUnits }),
    fields: [component, { key: 'amountMinor', unit: 'money', label: 'field.amount' }],
    inputs: when,
    amount: true,
  },
  weightedMeasures: {
    role: 'payout',
    data: z.object({ component: ComponentName, measures: z.array(WeightedMeasure).min(1) }),
    fields: [
      component,
      {
        key: 'measures',
        unit: 'list',
        label: 'field.measures',
        minItems: 1,
        newItem: { fact: 'attainment', weight: 0 },
        fields: [
          ...factRefFields(),
          { key: 'weight', unit: 'percent', label: 'field.weight' },
          { key: 'floor', unit: 'measureValue', label: 'field.floor', optional: true },
          { key: 'cap', unit: 'measureValue', label: 'field.measureCap', optional: true },
        ],
      },
    ],
    inputs: when,
    amount: true,
  },
  spif: {
    role: 'payout',
    data: z.object({
      component: ComponentName,
      /** Deals closed inside the window (inclusive) qualify. */
      window: z.object({ from: IsoDate, to: IsoDate }),
      productLines: z.array(z.string().min(1)).optional(),
      newCustomersOnly: z.boolean().optional(),
      /** Per qualifying deal: a fixed amount per deal, or a rate of the credited amount. */
      amountMinorPerDeal: MinorUnits.optional(),
      rate: z.number().finite().min(0).optional(),
    }),
    fields: [
      component,
      {
        key: 'window',
        unit: 'group',
        label: 'field.window',
        fields: [
          { key: 'from', unit: 'date', label: 'field.windowFrom' },
          { key: 'to', unit: 'date', label: 'field.windowTo' },
        ],
      },
      { key: 'productLines', unit: 'productLines', label: 'field.productLines', optional: true },
      { key: 'newCustomersOnly', unit: 'boolean', label: 'field.newCustomersOnly', optional: true },
      {
        key: 'amountMinorPerDeal',
        unit: 'money',
        label: 'field.amountPerDeal',
        optional: true,
        clears: ['rate'],
      },
      {
        key: 'rate',
        unit: 'percent',
        label: 'field.rateOfDeal',
        optional: true,
        clears: ['amountMinorPerDeal'],
      },
    ],
    inputs: when,
    amount: true,
  },
  multiplier: {
    role: 'modifier',
    data: z.object({ label: Label, factor: z.number().finite().min(0) }),
    fields: [{ key: 'factor', unit: 'factor', label: 'field.factor' }, label],
    inputs: { amount: { accepts: AMOUNT_SOURCES, min: 1, max: 1 }, ...when },
    amount: false,
  },
  cap: {
    role: 'modifier',
    data: z.object({
      label: Label,
      maxMinor: MinorUnits.optional(),
      /** Cap as a fraction of the payee's target incentive (2 = 200% of target). */
      pctOfTargetIncentive: z.number().finite().min(0).optional(),
    }),
    fields: [
      { key: 'maxMinor', unit: 'money', label: 'field.capAmount', optional: true },
      { key: 'pctOfTargetIncentive', unit: 'percent', label: 'field.capOfTarget', optional: true },
      label,
    ],
    inputs: { amount: { accepts: AMOUNT_SOURCES, min: 1, max: 1 }, ...when },
    amount: false,
  },
  clawback: {
    role: 'payout',
    data: z.object({ component: ComponentName }),
    fields: [component],
    inputs: when,
    amount: false,
  },
  draw: {
    role: 'payout',
    data: z.object({ component: ComponentName, drawType: DrawType, amountMinor: MinorUnits }),
    fields: [
      component,
      {
        key: 'drawType',
        unit: 'enum',
        label: 'field.drawType',
        options: DRAW_TYPES,
        optionLabel: 'drawType',
      },
      { key: 'amountMinor', unit: 'money', label: 'field.drawAmount' },
    ],
    inputs: when,
    amount: false,
  },
  routeOutcome: {
    role: 'outcome',
    data: z.object({
      label: Label,
      approvers: z.array(ApproverStep),
      /** Chains of several fired outcomes are joined in ascending priority. */
      priority: z.number().int(),
    }),
    fields: [
      {
        key: 'approvers',
        unit: 'list',
        label: 'field.approvers',
        minItems: 0,
        newItem: { role: 'manager' },
        fields: [
          {
            key: 'role',
            unit: 'enum',
            label: 'field.approverRole',
            optional: true,
            options: ROLES,
            optionLabel: 'role',
            clears: ['position'],
          },
          {
            key: 'position',
            unit: 'enum',
            label: 'field.approverPosition',
            optional: true,
            options: POSITIONS,
            optionLabel: 'position',
            clears: ['role'],
          },
          {
            key: 'orgLevel',
            unit: 'enum',
            label: 'field.orgLevel',
            optional: true,
            options: ORG_UNIT_KINDS,
            optionLabel: 'orgUnitKind',
          },
          { key: 'label', unit: 'text', label: 'field.stepLabel', optional: true },
        ],
      },
      { key: 'priority', unit: 'integer', label: 'field.priority' },
      label,
    ],
    inputs: when,
    amount: false,
  },
  stageOutcome: {
    role: 'outcome',
    data: z.object({ label: Label, stage: z.string().min(1).max(80), order: z.number().int().min(0) }),
    fields: [
      { key: 'stage', unit: 'text', label: 'field.stage' },
      { key: 'order', unit: 'integer', label: 'field.order' },
      label,
    ],
    inputs: when,
    amount: false,
  },
  segmentOutcome: {
    role: 'outcome',
    data: z.object({
      label: Label,
      dimension: Id,
      segment: z.string().min(1).max(80),
      /** Within one dimension the fired outcome with the lowest priority wins. */
      priority: z.number().int(),
      treatment: z.string().max(500).optional(),
    }),
    fields: [
      { key: 'dimension', unit: 'text', label: 'field.dimension' },
      { key: 'segment', unit: 'text', label: 'field.segment' },
      { key: 'priority', unit: 'integer', label: 'field.priority' },
      { key: 'treatment', unit: 'text', label: 'field.treatment', optional: true },
      label,
    ],
    inputs: when,
    amount: false,
  },
} as const satisfies Record<NodeKind, NodeSpec>;

/** How each kind takes part in evaluation (derived: drives connection rules and the compiler). */
export const NODE_ROLE = Object.fromEntries(
  Object.entries(NODE_SPECS).map(([kind, spec]) => [kind, spec.role]),
) as { [K in NodeKind]: (typeof NODE_SPECS)[K]['role'] };

/** Decision nodes become json-rules-engine rules: they fire when all their boolean inputs hold. */
export function isDecisionKind(kind: NodeKind): boolean {
  const role = NODE_ROLE[kind];
  return role === 'payout' || role === 'modifier' || role === 'outcome';
}

/** Payout components that pay an amount of their own (what a multiplier or cap can act on). */
export type AmountKind = {
  [K in NodeKind]: (typeof NODE_SPECS)[K]['amount'] extends true ? K : never;
}[NodeKind];

export function isAmountKind(kind: NodeKind): kind is AmountKind {
  return NODE_SPECS[kind].amount;
}
