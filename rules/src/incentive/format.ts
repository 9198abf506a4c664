const ZERO_DECIMAL_CURRENCIES = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK']);

/** 123456.7 minor units of CNY -> "1,234.57" (display only: amounts are never rounded here). */
export function formatMinor(amountMinor: number, currency: string): string {
  const digits = ZERO_DECIMAL_CURRENCIES.has(currency) ? 0 : 2;
  const major = amountMinor / 10 ** digits;
  const [whole = '0', fraction] = Math.abs(major).toFixed(digits).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${major < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''} ${currency}`;
}

export function formatRate(rate: number): string {
  return `${+(rate * 100).toFixed(4)}%`;
}
