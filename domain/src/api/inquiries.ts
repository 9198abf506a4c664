import { z } from 'zod';
import { MinorUnits } from '../money';
import { Id } from '../org';
import { InquiryRecord } from '../cycle/inquiry';
import { ApprovalDecision } from '../cycle/approval';
import { PageQuery } from './common';

/** The client picks the inquiry id (a UUID, say): the same click sent twice raises one inquiry. */
export const RaiseInquiryRequest = z.object({
  inquiryId: z.string().regex(/^[A-Za-z0-9_-]{8,80}$/, 'letters, digits, _ and -, 8 to 80 characters'),
  runId: z.string().min(1),
  payeeId: Id,
  lineKey: z.string().min(1),
  comment: z.string().trim().min(1).max(2000),
});
export type RaiseInquiryRequest = z.infer<typeof RaiseInquiryRequest>;

export const InquiryParam = z.object({ inquiryId: Id });

export const InquiryListQuery = PageQuery.extend({
  /** `mine`: raised by me or about my statement; `assigned`: waiting for me or resolved by me. */
  view: z.enum(['mine', 'assigned']).default('mine'),
});

/** An inquiry with the steps of its routing (who decided what, when, and the escalations). */
export const InquiryView = InquiryRecord.extend({
  workflowId: z.string(),
  decisions: z.array(ApprovalDecision),
  escalations: z.array(z.object({ fromLevel: z.number().int(), at: z.iso.datetime() })),
  routingExplanation: z.array(z.string()),
});
export type InquiryView = z.infer<typeof InquiryView>;

export const InquiryList = z.object({ inquiries: z.array(InquiryView) });

const Decision = { decisionId: z.string().min(1).max(200) };
export const AcceptInquiryRequest = z.object({
  ...Decision,
  amountMinor: MinorUnits,
  comment: z.string().max(2000).optional(),
});
export const RejectInquiryRequest = z.object({ ...Decision, reason: z.string().trim().min(1).max(2000) });
export const DelegateInquiryRequest = z.object({
  ...Decision,
  delegateTo: Id,
  reason: z.string().max(2000).optional(),
});
