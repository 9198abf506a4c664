import { parse } from 'csv-parse/sync';
import type mongoose from 'mongoose';
import {
  DEAL_CSV_COLUMNS,
  Deal,
  dealInputFromCsvRecord,
  isWithinScope,
  type AuthUser,
  type ImportRowError,
  type OrgUnit,
} from '@opscycle/domain';
import { appendAudit, dealModel, importJobModel, upsertByKey } from '@opscycle/storage';
import { subtreeOf } from '../org/directory';

const WRITE_BATCH = 500;
/** Stored deals read per query when checking their owners (FerretDB scans for each `$in`). */
const OWNER_LOOKUP = 5_000;
const PROGRESS_EVERY = 1_000;
/** A report longer than this helps nobody; the count of further problems is kept. */
const MAX_REPORTED_ERRORS = 500;

export interface DealImportInput {
  jobId: string;
  csv: string;
  fileName?: string;
  user: AuthUser;
  units: readonly OrgUnit[];
}

const yieldToRequests = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads the file, validates every row before writing anything (a file with one bad row changes
 * nothing; a scoped importer's rows must name a team in scope and replace only deals owned in scope),
 * then upserts by dealId in batches, updating the job's counters so progress is readable.
 */
export async function runDealImport(connection: mongoose.Connection, input: DealImportInput): Promise<void> {
  const jobs = importJobModel(connection);
  const { jobId } = input;
  const finish = (fields: Record<string, unknown>) =>
    jobs.updateOne({ _id: jobId }, { $set: { ...fields, finishedAt: new Date() } });

  const parsed = parseCsv(input.csv);
  if ('error' in parsed) {
    await finish({ status: 'rejected', rowErrors: [parsed.error] });
    return;
  }
  const { header, rows } = parsed;
  await jobs.updateOne({ _id: jobId }, { $set: { total: rows.length } });

  const errors: ImportRowError[] = [];
  const report = (error: ImportRowError) => errors.push(error);
  const missing = DEAL_CSV_COLUMNS.filter((column) => !header.includes(column));
  for (const column of missing)
    report({ row: 0, field: column, message: `column ${column} is missing from the header` });

  const unitIds = new Set(input.units.map((unit) => unit.id));
  const firstRowOf = new Map<string, number>();
  const deals: Deal[] = [];
  for (let index = 0; missing.length === 0 && index < rows.length; index++) {
    const row = index + 1;
    const cells = rows[index] ?? [];
    if (cells.length !== header.length) {
      report({ row, field: '*', message: `has ${cells.length} cells, the header has ${header.length}` });
      continue;
    }
    const record = Object.fromEntries(header.map((column, i) => [column, cells[i] ?? '']));
    const result = Deal.safeParse(dealInputFromCsvRecord(record));
    if (!result.success) {
      for (const issue of result.error.issues)
        report({ row, field: issue.path.map(String).join('.') || '*', message: issue.message });
      continue;
    }
    const deal = result.data;
    const earlier = firstRowOf.get(deal.dealId);
    if (earlier !== undefined)
      report({ row, field: 'dealId', message: `dealId ${deal.dealId} is also on row ${earlier}` });
    else firstRowOf.set(deal.dealId, row);
    if (!unitIds.has(deal.teamId)) report({ row, field: 'teamId', message: `no org unit ${deal.teamId}` });
    else if (!isWithinScope(input.units, input.user.orgUnitId, deal.teamId))
      report({
        row,
        field: 'teamId',
        message: `team ${deal.teamId} is outside your scope (${input.user.orgUnitId})`,
      });
    deals.push(deal);
    if (row % PROGRESS_EVERY === 0) {
      await jobs.updateOne({ _id: jobId }, { $set: { processed: row } });
      await yieldToRequests();
    }
  }

  await checkStoredOwners(connection, input, deals, firstRowOf, report);

  if (errors.length > 0) {
    const reported = errors.slice(0, MAX_REPORTED_ERRORS);
    if (errors.length > MAX_REPORTED_ERRORS)
      reported.push({
        row: 0,
        field: '*',
        message: `${errors.length - MAX_REPORTED_ERRORS} more problems not listed`,
      });
    await finish({ status: 'rejected', processed: rows.length, rowErrors: reported });
    return;
  }

  await jobs.updateOne({ _id: jobId }, { $set: { status: 'writing', processed: 0 } });
  const totals = { created: 0, replaced: 0, unchanged: 0 };
  const model = dealModel(connection);
  // Batches only so progress moves; upsertByKey keys deals by dealId (insert new, replace changed, skip identical).
  for (let start = 0; start < deals.length; start += WRITE_BATCH) {
    const counts = await upsertByKey(model, deals.slice(start, start + WRITE_BATCH), (deal) => deal.dealId);
    totals.created += counts.created;
    totals.replaced += counts.updated;
    totals.unchanged += counts.unchanged;
    await jobs.updateOne(
      { _id: jobId },
      { $set: { processed: Math.min(start + WRITE_BATCH, deals.length), ...totals } },
    );
  }
  await finish({ status: 'succeeded', processed: deals.length, ...totals });
  await appendAudit(connection, {
    id: `import:${jobId}`,
    at: new Date(),
    actor: { userId: input.user.id, role: input.user.role },
    action: 'actuals.imported',
    object: { type: 'importJob', id: jobId },
    orgUnitId: input.user.orgUnitId,
    details: { fileName: input.fileName ?? null, rows: deals.length, ...totals },
  });
}

/**
 * A row may only replace a deal whose stored team is within the importer's scope too: the new
 * team alone would let a scoped importer re-home (or overwrite) another team's deal into its own.
 */
async function checkStoredOwners(
  connection: mongoose.Connection,
  input: DealImportInput,
  deals: readonly Deal[],
  rowOf: ReadonlyMap<string, number>,
  report: (error: ImportRowError) => void,
): Promise<void> {
  const inScope = new Set(subtreeOf(input.units, input.user.orgUnitId).map((unit) => unit.id));
  // The whole org in scope: every stored owner is too, no need to read them.
  if (inScope.size === input.units.length) return;
  const stored = dealModel(connection).collection;
  for (let start = 0; start < deals.length; start += OWNER_LOOKUP) {
    const ids = deals.slice(start, start + OWNER_LOOKUP).map((deal) => deal.dealId);
    const owners = await stored
      .find({ _id: { $in: ids } } as object, { projection: { teamId: 1 } })
      .toArray();
    for (const owner of owners) {
      const dealId = String(owner._id);
      if (inScope.has(String(owner.teamId))) continue;
      report({
        row: rowOf.get(dealId) ?? 0,
        field: 'dealId',
        message: `deal ${dealId} belongs to a team outside your scope (${input.user.orgUnitId}): it cannot be replaced from here`,
      });
    }
  }
}

type Parsed = { header: string[]; rows: string[][] } | { error: ImportRowError };

function parseCsv(csv: string): Parsed {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      error: {
        row: line ? Math.max(line - 1, 0) : 0,
        field: '*',
        message: `not readable as CSV: ${(error as Error).message}`,
      },
    };
  }
  const [header, ...rows] = records;
  if (!header)
    return { error: { row: 0, field: '*', message: 'the file is empty (a header row is required)' } };
  return { header: header.map((column) => column.trim()), rows };
}
