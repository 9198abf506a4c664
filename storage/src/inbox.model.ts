import mongoose from 'mongoose';
import { ApprovalState } from '@opscycle/domain';

/**
 * The approvals inbox: one row per (assignee, pending approval), what "waiting for me" reads. It
 * exists because FerretDB v1 pushes down only `_id` equality: a filter on the mirror's
 * `assigneeIds` array decodes every approval ever made (with its whole state) before filtering.
 * Here only open work is stored, in small flat rows, and on MongoDB the index serves the query.
 */
interface InboxRow {
  /** `assigneeId|approvalId`: the idempotency key ('|' never occurs in an Id). */
  _id: string;
  assigneeId: string;
  approvalId: string;
  orgUnitId: string;
  /**
   * The approval's state when the row was written, as JSON text: FerretDB carries a string without
   * decoding it, which keeps the scan cheap (a nested document costs ~3x); parsed with
   * ApprovalState on read.
   */
  approvalJson: string;
  updatedAt: Date;
}

const inboxSchema = new mongoose.Schema<InboxRow>(
  {
    _id: { type: String, required: true },
    assigneeId: { type: String, required: true },
    approvalId: { type: String, required: true },
    orgUnitId: { type: String, required: true },
    approvalJson: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'approval_inbox', versionKey: false, strict: 'throw' },
);
inboxSchema.index({ assigneeId: 1, updatedAt: -1 });
inboxSchema.index({ approvalId: 1 });

export function approvalInboxModel(connection: mongoose.Connection): mongoose.Model<InboxRow> {
  return (
    (connection.models.ApprovalInbox as mongoose.Model<InboxRow> | undefined) ??
    connection.model<InboxRow>('ApprovalInbox', inboxSchema)
  );
}

export const inboxRowId = (assigneeId: string, approvalId: string) => `${assigneeId}|${approvalId}`;

/** Who should find the approval in their inbox: its assignees while it waits for a decision, else nobody. */
export const inboxAssigneesOf = (state: ApprovalState): string[] =>
  state.status === 'pending' ? [...new Set(state.assigneeIds)] : [];

/** Removes the approval from every inbox but those of `keep` (all of them when `keep` is empty). */
export async function withdrawFromInboxes(
  connection: mongoose.Connection,
  approvalId: string,
  keep: readonly string[],
): Promise<void> {
  await approvalInboxModel(connection).deleteMany({ approvalId, assigneeId: { $nin: [...keep] } });
}

/** Writes (or refreshes) the approval's row in each current assignee's inbox; idempotent by key. */
export async function deliverToInboxes(connection: mongoose.Connection, state: ApprovalState): Promise<void> {
  const assignees = inboxAssigneesOf(state);
  if (assignees.length === 0) return;
  const approvalJson = JSON.stringify(state);
  const updatedAt = new Date();
  await approvalInboxModel(connection).bulkWrite(
    assignees.map((assigneeId) => {
      const _id = inboxRowId(assigneeId, state.approvalId);
      return {
        replaceOne: {
          filter: { _id },
          replacement: {
            _id,
            assigneeId,
            approvalId: state.approvalId,
            orgUnitId: state.orgUnitId,
            approvalJson,
            updatedAt,
          },
          upsert: true,
        },
      };
    }),
    { ordered: false },
  );
}

/** An assignee's inbox, most recently changed first. */
export async function loadInbox(
  connection: mongoose.Connection,
  assigneeId: string,
  limit: number,
  /** Which approvals the caller may see; the page is filled with those (newest first). */
  include: (approval: ApprovalState) => boolean = () => true,
): Promise<ApprovalState[]> {
  const rows = await approvalInboxModel(connection)
    .find({ assigneeId }, { approvalJson: 1 })
    .sort({ updatedAt: -1 })
    .lean();
  const page: ApprovalState[] = [];
  for (const row of rows) {
    if (page.length >= limit) break;
    const approval = ApprovalState.parse(JSON.parse(row.approvalJson));
    if (include(approval)) page.push(approval);
  }
  return page;
}
