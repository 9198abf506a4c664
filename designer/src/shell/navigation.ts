import type { Role } from '@opscycle/domain';

export const SCREENS = [
  'rules',
  'funnel',
  'inbox',
  'cycle',
  'performance',
  'payouts',
  'me',
  'inquiries',
] as const;
export type Screen = (typeof SCREENS)[number];

/** What each role sees, in menu order. The API enforces the same boundaries; this only hides noise. */
export const SCREENS_BY_ROLE = {
  opsAdmin: ['rules', 'funnel', 'cycle', 'inbox', 'performance', 'payouts', 'inquiries'],
  // Managers approve payout runs from the inbox; the run list is payroll's (GET /api/payout-runs).
  manager: ['inbox', 'cycle', 'performance', 'inquiries'],
  finance: ['inbox', 'payouts', 'performance', 'inquiries'],
  hr: ['inbox', 'payouts'],
  // Reps read their own plan and pay; the payroll and performance screens call routes they may not.
  rep: ['me'],
} as const satisfies Record<Role, readonly Screen[]>;

export function screensFor(role: Role): readonly Screen[] {
  return SCREENS_BY_ROLE[role];
}
