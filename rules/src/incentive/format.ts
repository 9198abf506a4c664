const ZERO_DECIMAL_CURRENCIES = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK']);

/** 123456.7 minor units of CNY -> "1,234.57" (display only: amounts are never rounded here). */
export function formatMinor(amountMinor: number, currency: string): string {
  // Integer arithmetic rather than toFixed and a regex: statements format millions of amounts.
  const minor = Math.round(Math.abs(amountMinor));
  const sign = amountMinor < 0 && minor !== 0 ? '-' : '';
  if (ZERO_DECIMAL_CURRENCIES.has(currency)) return `${sign}${group(minor)} ${currency}`;
  const cents = minor % 100;
  return `${sign}${group((minor - cents) / 100)}.${cents < 10 ? '0' : ''}${cents} ${currency}`;
}

function group(whole: number): string {
  const digits = String(whole);
  if (digits.length <= 3) return digits;
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

export function formatRate(rate: number): string {
  return `${Math.round(rate * 1_000_000) / 10_000}%`;
}
