import i18next from 'i18next';
import type { ApprovalView } from '../api/approvals';

/** "Budget · FY2027-acme-east": what is being approved, for whom. */
export function approvalTitle(a: ApprovalView): string {
  return `${i18next.t(`subjectKind.${a.subject.kind}`)} · ${a.subject.id}`;
}
