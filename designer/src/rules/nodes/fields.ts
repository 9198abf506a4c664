import { FACT_CATALOGS, OPERATOR_SIGNATURES, OPERATORS, type FactDefinition } from '@opscycle/domain';
import type { RuleSetKind } from '../model';

export function catalogOf(kind: RuleSetKind): Readonly<Record<string, FactDefinition>> {
  return FACT_CATALOGS[kind];
}

/** The operators that accept the chosen fact's type. */
export function operatorsFor(def: FactDefinition | undefined): readonly string[] {
  if (!def) return OPERATORS;
  return OPERATORS.filter((op) =>
    (OPERATOR_SIGNATURES[op].factTypes as readonly string[]).includes(def.type),
  );
}
