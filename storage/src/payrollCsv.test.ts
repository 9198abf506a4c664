import { describe, expect, it } from 'vitest';
import type { PayoutStatement } from '@opscycle/domain';
import { payrollCsv } from './payrollCsv';

const statement = (lineKey: string): PayoutStatement => ({
  runId: 'plan-2027-03-r1',
  planId: 'plan',
  period: '2027-03',
  revision: 1,
  payeeId: 'rep-1',
  partition: 0,
  lines: [{ lineKey, kind: 'payout', amountMinor: -1250, currency: 'CNY', explanation: ['clawback'] }],
  totalMinor: -1250,
  currency: 'CNY',
});

describe('payrollCsv', () => {
  it('writes one row per line with the export id and integer minor units', () => {
    expect(payrollCsv([statement('commission')])).toBe(
      'exportId,planId,period,revision,payeeId,lineKey,kind,amountMinor,currency\n' +
        'plan:2027-03:rep-1:r1,plan,2027-03,1,rep-1,commission,payout,-1250,CNY\n',
    );
  });

  it('keeps text from being read as a spreadsheet formula and quotes separators', () => {
    const csv = payrollCsv([statement('=HYPERLINK("x"),1')]);
    expect(csv.split('\n')[1]).toContain(`"'=HYPERLINK(""x""),1"`);
  });

  it('escapes text starting with a tab or a carriage return', () => {
    expect(payrollCsv([statement('\t=1+1')]).split('\n')[1]).toContain(",'\t=1+1,");
    expect(payrollCsv([statement('\r=1+1')]).split('\n')[1]).toContain(`,"'\r=1+1",`);
  });
});
