/** A payout run's id ends in `<period>-r<revision>` (see payoutRunId): the period it paid. */
const RUN_PERIOD = /(\d{4}-(?:Q[1-4]|0[1-9]|1[0-2]))-r\d+$/;

export function periodOfRun(runId: string): string | undefined {
  return RUN_PERIOD.exec(runId)?.[1];
}

/** The `count` quarters before the one `today` falls in, latest first. */
export function quartersBefore(today: Date, count: number): string[] {
  let year = today.getUTCFullYear();
  let quarter = Math.floor(today.getUTCMonth() / 3) + 1;
  const quarters: string[] = [];
  for (let i = 0; i < count; i++) {
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
    quarters.push(`${year}-Q${quarter}`);
  }
  return quarters;
}

/**
 * The periods the impact preview offers, latest first, and the default: the latest period a payout
 * run paid (the last period's actuals), else the quarter before today's.
 */
export function impactPeriods(runIds: readonly string[], today: Date): { periods: string[]; latest: string } {
  const paid = runIds.flatMap((id) => periodOfRun(id) ?? []);
  const recent = quartersBefore(today, 4);
  const periods = [...new Set([...paid, ...recent])].sort().reverse();
  const latestPaid = [...paid].sort().at(-1);
  return { periods, latest: latestPaid ?? recent[0]! };
}
