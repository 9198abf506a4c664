import mongoose from 'mongoose';
import { APPROVAL_STATUSES, ApprovalState } from '@opscycle/domain';

/**
 * A mirror of each approval workflow's state, written by an activity on every change: the API lists
 * "waiting for me" from here (Temporal's visibility cannot search assignees). The workflow stays the
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
  { collection: 'approvals', versionKey: false, strict: 'throw' },
);
approvalSchema.index({ assigneeIds: 1, status: 1 });
approvalSchema.index({ submittedBy: 1, status: 1 });

export function approvalModel(connection: mongoose.Connection): mongoose.Model<ApprovalDocument> {
  return (
    (connection.models.Approval as mongoose.Model<ApprovalDocument> | undefined) ??
    connection.model<ApprovalDocument>('Approval', approvalSchema)
  );
}

/** Replaces the mirror; the last write wins, and every write carries the workflow's whole state. */
export async function saveApprovalState(
  connection: mongoose.Connection,
  state: ApprovalState,
): Promise<void> {
  const parsed = ApprovalState.parse(state);
  await approvalModel(connection).replaceOne(
    { _id: parsed.approvalId },
    {
      status: parsed.status,
      subjectKind: parsed.subject.kind,
      subjectId: parsed.subject.id,
      submittedBy: parsed.submittedBy,
      orgUnitId: parsed.orgUnitId,
      round: parsed.round,
      currentLevel: parsed.currentLevel,
      assigneeIds: parsed.assigneeIds,
      state: parsed,
      updatedAt: new Date(),
    },
    { upsert: true },
  );
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
}

const reminderSchema = new mongoose.Schema<ReminderDocument>(
  {
    _id: { type: String, required: true },
    approvalId: { type: String, required: true },
    round: { type: Number, required: true },
    level: { type: Number, required: true },
    assigneeIds: { type: [String], required: true },
    at: { type: Date, required: true },
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

/** A reminder the notification centre shows; keyed so a retried activity reminds once. */
export async function recordApprovalReminder(
  connection: mongoose.Connection,
  reminder: { approvalId: string; round: number; level: number; reminder: number; assigneeIds: string[] },
): Promise<void> {
  const { approvalId, round, level, assigneeIds } = reminder;
  try {
    await approvalReminderModel(connection).create({
      _id: `${approvalId}:${round}:${level}:${reminder.reminder}`,
      approvalId,
      round,
      level,
      assigneeIds,
      at: new Date(),
    });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
  }
}
