import type { PayoutStatement } from '@opscycle/domain';
import { exportIdOf } from './export.model';

/** Payroll's columns: one row per statement line, amounts in integer minor units. */
export const PAYROLL_CSV_COLUMNS = [
  'exportId',
  'planId',
  'period',
  'revision',
  'payeeId',
  'lineKey',
  'kind',
  'amountMinor',
  'currency',
] as const;

/** Numbers as they are; text quoted when needed, and never read by a spreadsheet as a formula. */
function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  // A leading tab or carriage return also starts a formula in some spreadsheets (OWASP CSV injection).
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The one payroll file format, written by the export activity to HR/finance and served by the
 * API's download, so both always agree byte for byte.
 */
export function payrollCsv(statements: readonly PayoutStatement[]): string {
  const rows = statements.flatMap((s) =>
    s.lines.map((line) =>
      [
        exportIdOf(s.planId, s.period, s.payeeId, s.revision),
        s.planId,
        s.period,
        s.revision,
        s.payeeId,
        line.lineKey,
        line.kind,
        line.amountMinor,
        line.currency,
      ]
        .map(csvCell)
        .join(','),
    ),
  );
  return [PAYROLL_CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}
