import type { PayoutLine, PayoutStatement } from '@opscycle/domain';

/**
 * A re-run of a closed period pays the difference, line by line: for every line key, the amount
 * now minus what earlier exported revisions paid for it. Unchanged lines produce nothing, so a
 * re-run with the same inputs exports nothing and nobody is paid twice.
 */
export function adjustmentLines(
  current: readonly PayoutLine[],
  earlier: readonly PayoutStatement[],
  currency: string,
): PayoutStatement['lines'] {
  const paid = new Map<string, { amount: number; revisions: number[] }>();
  for (const statement of earlier) {
    for (const line of statement.lines) {
      const entry = paid.get(line.lineKey) ?? { amount: 0, revisions: [] };
      entry.amount += line.amountMinor;
      if (!entry.revisions.includes(statement.revision)) entry.revisions.push(statement.revision);
      paid.set(line.lineKey, entry);
    }
  }
  const keys = [...new Set([...current.map((l) => l.lineKey), ...paid.keys()])].sort();
  return keys.flatMap((lineKey) => {
    const now = current.find((l) => l.lineKey === lineKey);
    const before = paid.get(lineKey);
    const difference = (now?.amountMinor ?? 0) - (before?.amount ?? 0);
    if (difference === 0) return [];
    const previously = before
      ? `${before.amount} already paid in revision ${before.revisions.join(', ')}`
      : 'nothing paid before';
    return [
      {
        lineKey,
        kind: 'adjustment' as const,
        amountMinor: difference,
        currency: now?.currency ?? currency,
        explanation: [
          `adjustment ${difference}: ${now ? `${now.amountMinor} due now` : 'no longer due'}, ${previously}`,
          ...(now?.explanation ?? []),
        ],
      },
    ];
  });
}
