import type { InquiryView, PayoutStatement } from '@opscycle/domain';
import { apiRequest } from '../api/client';

/** A new id per click of "send": the same request retried is one inquiry or one decision. */
export const newId = () => crypto.randomUUID();

export const inquiriesApi = {
  raise: (statement: PayoutStatement, lineKey: string, comment: string) =>
    apiRequest<InquiryView>('POST', '/inquiries', {
      inquiryId: newId(),
      runId: statement.runId,
      payeeId: statement.payeeId,
      lineKey,
      comment,
    }),
  list: (view: 'mine' | 'assigned') =>
    apiRequest<{ inquiries: InquiryView[] }>('GET', `/inquiries?view=${view}`),
  accept: (inquiryId: string, amountMinor: number, comment: string) =>
    apiRequest<InquiryView>('POST', `/inquiries/${encodeURIComponent(inquiryId)}/accept`, {
      decisionId: newId(),
      amountMinor,
      ...(comment ? { comment } : {}),
    }),
  reject: (inquiryId: string, reason: string) =>
    apiRequest<InquiryView>('POST', `/inquiries/${encodeURIComponent(inquiryId)}/reject`, {
      decisionId: newId(),
      reason,
    }),
  delegate: (inquiryId: string, delegateTo: string) =>
    apiRequest<InquiryView>('POST', `/inquiries/${encodeURIComponent(inquiryId)}/delegate`, {
      decisionId: newId(),
      delegateTo,
    }),
};
