import i18next from 'i18next';

/** Money is integer minor units everywhere; only here does it become "¥1,234.50" for people. */
export function formatMoney(amountMinor: number, currency = 'CNY'): string {
  return new Intl.NumberFormat(i18next.language, { style: 'currency', currency }).format(amountMinor / 100);
}

export function formatPct(ratio: number, digits = 1): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** An ISO date or date-time as a calendar date in the user's language. */
export function formatDate(iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}
