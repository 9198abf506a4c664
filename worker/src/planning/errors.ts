import { DomainError, type PlanningError } from '@opscycle/domain';

export function planningError(code: PlanningError, message: string, details: Record<string, unknown> = {}) {
  return new DomainError(code, message, details);
}

/** Every amount of one computation is in one currency; mixing is a user error, not a conversion. */
export function singleCurrency(currencies: Iterable<string>, what: string): string {
  const distinct = [...new Set(currencies)];
  if (distinct.length > 1)
    throw planningError('PLANNING_MIXED_CURRENCY', `${what} mixes currencies ${distinct.join(', ')}`, {
      currencies: distinct,
    });
  const [currency] = distinct;
  if (currency === undefined) throw planningError('PLANNING_INVALID_INPUT', `${what} is empty`);
  return currency;
}
