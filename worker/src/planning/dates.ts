/** Calendar helpers on ISO dates (`YYYY-MM-DD`); all in UTC so results never depend on the host's zone. */
const DAY_MS = 86_400_000;

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** 1..12 */
export function monthOf(date: string): number {
  return Number(date.slice(5, 7));
}

export function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

export function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export function quarterRange(year: number, quarter: number): { from: string; to: string } {
  return { from: isoDate(year, quarter * 3 - 2, 1), to: lastDayOfMonth(year, quarter * 3) };
}

export function within(date: string | null, period: { from: string; to: string }): date is string {
  return date !== null && date >= period.from && date <= period.to;
}

/** Days two inclusive ranges share (0 when disjoint). */
export function overlapDays(a: { from: string; to: string }, b: { from: string; to: string }): number {
  const from = a.from > b.from ? a.from : b.from;
  const to = a.to < b.to ? a.to : b.to;
  return from > to ? 0 : daysBetween(from, to) + 1;
}

/** Month starts (year, month) of every month the inclusive period touches. */
export function monthsOf(period: { from: string; to: string }): { year: number; month: number }[] {
  const months: { year: number; month: number }[] = [];
  for (let y = yearOf(period.from), m = monthOf(period.from); ;) {
    months.push({ year: y, month: m });
    if (y === yearOf(period.to) && m === monthOf(period.to)) return months;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/** Whole months from `from` to `to` (a partial month does not count). */
export function wholeMonthsBetween(from: string, to: string): number {
  const months = (yearOf(to) - yearOf(from)) * 12 + (monthOf(to) - monthOf(from));
  return Number(to.slice(8, 10)) < Number(from.slice(8, 10)) ? months - 1 : months;
}
