import mongoose from 'mongoose';
import { APPROVAL_STATUSES, ApprovalState } from '@opscycle/domain';
import { deliverToInboxes, inboxAssigneesOf, withdrawFromInboxes } from './inbox.model';

/**
 * A mirror of each approval workflow's state, written by an activity on every change, with the
 * inbox (inbox.model.ts) kept in step: Temporal's visibility cannot search assignees. The workflow stays the
 * source of truth; decisions go to it, never to this collection.
 */
interface ApprovalDocument {
  _id: string;
  status: string;
  subjectKind: string;
  subjectId: string;
  submittedBy: string;
  orgUnitId: string;
  round: number;
  currentLevel: number;
  assigneeIds: string[];
  state: unknown;
  updatedAt: Date;
}

const approvalSchema = new mongoose.Schema<ApprovalDocument>(
  {
    _id: { type: String, required: true },
    status: { type: String, enum: APPROVAL_STATUSES, required: true },
    subjectKind: { type: String, required: true },
    subjectId: { type: String, required: true },
    submittedBy: { type: String, required: true },
    orgUnitId: { type: String, required: true },
    round: { type: Number, required: true },
    currentLevel: { type: Number, required: true },
    assigneeIds: { type: [String], default: [] },
    state: { type: mongoose.Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  // minimize: false keeps an empty `facts: {}` in the state (ApprovalState requires it).
  { collection: 'approvals', versionKey: false, strict: 'throw', minimize: false },
);
approvalSchema.index({ assigneeIds: 1, status: 1 });
approvalSchema.index({ submittedBy: 1, status: 1 });

export function approvalModel(connection: mongoose.Connection): mongoose.Model<ApprovalDocument> {
  return (
    (connection.models.Approval as mongoose.Model<ApprovalDocument> | undefined) ??
    connection.model<ApprovalDocument>('Approval', approvalSchema)
  );
}

/**
 * Replaces the mirror and keeps the inbox in step with it; the last write wins, and every write
 * carries the workflow's whole state. Without transactions the three writes are ordered so that an
 * inbox row never outlives its assignee's place in the mirror: first the approval leaves the inboxes
 * of people it no longer waits for, then the mirror changes, then it reaches its current assignees.
 * A crash (the activity is retried with the same state) or a reader between two writes can only
 * miss an approval for a moment, never show one to someone the mirror does not list: a new assignee
 * gets a row only once the mirror names them, and a removed one loses it before the mirror stops.
 */
export async function saveApprovalState(
  connection: mongoose.Connection,
  state: ApprovalState,
): Promise<void> {
  const parsed = ApprovalState.parse(state);
  await withdrawFromInboxes(connection, parsed.approvalId, inboxAssigneesOf(parsed));
  await approvalModel(connection).replaceOne({ _id: parsed.approvalId }, approvalMirrorOf(parsed), {
    upsert: true,
  });
  await deliverToInboxes(connection, parsed);
}

/** The mirror document of a state (what saveApprovalState stores; bulk loaders reuse it). */
export function approvalMirrorOf(state: ApprovalState, updatedAt = new Date()) {
  return {
    status: state.status,
    subjectKind: state.subject.kind,
    subjectId: state.subject.id,
    submittedBy: state.submittedBy,
    orgUnitId: state.orgUnitId,
    round: state.round,
    currentLevel: state.currentLevel,
    assigneeIds: state.assigneeIds,
    state,
    updatedAt,
  };
}

/**
 * Fills the inbox from the mirror's pending approvals: for databases written before the inbox
 * existed (the API runs it at start), and for mirrors loaded in bulk. Idempotent. An activity may
 * move an approval on while this runs, so after writing its rows the mirror is read again: a newer
 * state is delivered in turn, and rows of people it no longer waits for are withdrawn.
 * Returns the approvals delivered.
 */
export async function rebuildApprovalInbox(connection: mongoose.Connection): Promise<number> {
  const approvals = approvalModel(connection);
  const stateOf = async (approvalId: string) => {
    const doc = await approvals.findById(approvalId, { state: 1 }).lean();
    return doc ? ApprovalState.parse(doc.state) : null;
  };
  const pending = await approvals.find({ status: 'pending' }, { _id: 1 }).lean();
  for (const { _id } of pending) {
    let delivered = await stateOf(_id);
    for (let attempt = 0; delivered && attempt < 3; attempt++) {
      await deliverToInboxes(connection, delivered);
      const now = await stateOf(_id);
      if (JSON.stringify(now) === JSON.stringify(delivered)) break;
      delivered = now;
    }
    await withdrawFromInboxes(connection, _id, delivered ? inboxAssigneesOf(delivered) : []);
  }
  return pending.length;
}

export async function loadApprovalState(
  connection: mongoose.Connection,
  approvalId: string,
): Promise<ApprovalState | null> {
  const doc = await approvalModel(connection).findById(approvalId).lean();
  return doc ? ApprovalState.parse(doc.state) : null;
}

interface ReminderDocument {
  _id: string;
  approvalId: string;
  round: number;
  level: number;
  assigneeIds: string[];
  at: Date;
  /** When the notification webhook answered 2xx; unset while undelivered or with no webhook configured. */
  deliveredAt?: Date;
  /** When delivery was given up (the webhook kept failing), with its last error. */
  deliveryFailedAt?: Date;
  deliveryError?: string;
}

const reminderSchema = new mongoose.Schema<ReminderDocument>(
  {
    _id: { type: String, required: true },
    approvalId: { type: String, required: true },
    round: { type: Number, required: true },
    level: { type: Number, required: true },
    assigneeIds: { type: [String], required: true },
    at: { type: Date, required: true },
    deliveredAt: Date,
    deliveryFailedAt: Date,
    deliveryError: String,
  },
  { collection: 'approval_reminders', versionKey: false, strict: 'throw' },
);
reminderSchema.index({ approvalId: 1, at: 1 });
reminderSchema.index({ assigneeIds: 1, at: -1 });

export function approvalReminderModel(connection: mongoose.Connection): mongoose.Model<ReminderDocument> {
  return (
    (connection.models.ApprovalReminder as mongoose.Model<ReminderDocument> | undefined) ??
    connection.model<ReminderDocument>('ApprovalReminder', reminderSchema)
  );
}

export interface ApprovalReminderKey {
  approvalId: string;
  round: number;
  level: number;
  reminder: number;
}

/** The reminder's idempotency key: the workflow numbers reminders, so a retried activity has the same id. */
export const approvalReminderId = ({ approvalId, round, level, reminder }: ApprovalReminderKey): string =>
  `${approvalId}:${round}:${level}:${reminder}`;

export interface ApprovalReminderRecord {
  id: string;
  approvalId: string;
  round: number;
  level: number;
  reminder: number;
  assigneeIds: string[];
  /** When the reminder was first recorded (stays the same on every retry). */
  at: Date;
  deliveredAt: Date | null;
}

/**
 * A reminder to the level's approvers; keyed so a retried activity reminds once. Returns the
 * record as stored: a retry finds the first attempt's record, with its delivery if it got that far.
 */
export async function recordApprovalReminder(
  connection: mongoose.Connection,
  reminder: ApprovalReminderKey & { assigneeIds: string[] },
): Promise<ApprovalReminderRecord> {
  const { approvalId, round, level, assigneeIds } = reminder;
  const model = approvalReminderModel(connection);
  const id = approvalReminderId(reminder);
  try {
    const at = new Date();
    await model.create({ _id: id, approvalId, round, level, assigneeIds, at });
    return { id, approvalId, round, level, reminder: reminder.reminder, assigneeIds, at, deliveredAt: null };
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
  }
  const stored = await model.findById(id).lean();
  if (!stored) throw new Error(`approval reminder ${id} was recorded but cannot be read back`);
  return {
    id,
    approvalId,
    round,
    level,
    reminder: reminder.reminder,
    assigneeIds: stored.assigneeIds,
    at: stored.at,
    deliveredAt: stored.deliveredAt ?? null,
  };
}

/** The notification webhook took the reminder (2xx): a later retry of the activity sends nothing. */
export async function markApprovalReminderDelivered(
  connection: mongoose.Connection,
  reminderId: string,
  at = new Date(),
): Promise<void> {
  await approvalReminderModel(connection).updateOne(
    { _id: reminderId },
    { $set: { deliveredAt: at }, $unset: { deliveryFailedAt: 1, deliveryError: 1 } },
  );
}

/** Delivery given up: kept on the record so an operator can see which reminders never reached anyone. */
export async function markApprovalReminderUndeliverable(
  connection: mongoose.Connection,
  reminderId: string,
  error: string,
  at = new Date(),
): Promise<void> {
  await approvalReminderModel(connection).updateOne(
    { _id: reminderId },
    { $set: { deliveryFailedAt: at, deliveryError: error.slice(0, 2000) } },
  );
}
