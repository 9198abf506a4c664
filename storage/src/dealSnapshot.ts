import type mongoose from 'mongoose';
import { dealModel } from './deal.model';
import { CREDITED_DEAL_FIELDS, periodDealFilter, type CreditedDeal } from './creditedDeal';

/**
 * A payout run reads the period's deals once and hands each partition its share by `_id`.
 *
 * Why: FerretDB (SQLite) answers only `_id` equality from an index; any other filter reads and decodes
 * the whole deals collection (about 4,600 deals a second here). A run whose every partition queried
 * the deals read a million deals once per partition; now it reads them once, in one activity, and
 * each partition loads its chunks by `_id`. On MongoDB the one read is an ordinary query.
 *
 * Chunk documents `<runId>:p<partition>:c<chunk>` hold up to CHUNK_DEALS credited deals (well under
 * the 16 MB document limit). The raw driver writes and reads them: a chunk is internal to one run,
 * and running mongoose's casting over a million embedded deals would cost more than the read.
 */
const COLLECTION = 'payout_run_deals';
const CHUNK_DEALS = 5_000;

interface DealChunk {
  _id: string;
  runId: string;
  partition: number;
  chunk: number;
  deals: CreditedDeal[];
}

/** Where one partition's snapshotted deals are. */
export interface DealSnapshotPart {
  runId: string;
  partition: number;
  chunks: number;
}

export interface DealSnapshot {
  /** Deals read (a deal evaluated in two partitions, its rep's and its manager's, counts once). */
  deals: number;
  /** Chunks written per partition, indexed by partition. */
  chunks: number[];
}

const chunkId = (runId: string, partition: number, chunk: number) => `${runId}:p${partition}:c${chunk}`;
const chunks = (connection: mongoose.Connection) => connection.collection<DealChunk>(COLLECTION);

/**
 * Reads the period's credited deals once and writes each partition's chunks. `partitionsOf` says which
 * partitions evaluate a rep's deals; deals of reps no partition evaluates are left out. A retry
 * rewrites the run's chunks under the same ids. No sort: FerretDB would sort the whole period in
 * memory, and each partition orders its deals itself (`creditedDealsOf`).
 */
export async function writeDealSnapshot(
  connection: mongoose.Connection,
  input: {
    runId: string;
    period: { from: string; to: string };
    partitionCount: number;
    partitionsOf: ReadonlyMap<string, readonly number[]>;
    onProgress?: (dealsRead: number) => void;
    /** Deals per chunk document (tests use small chunks). */
    chunkDeals?: number;
  },
): Promise<DealSnapshot> {
  const chunkDeals = input.chunkDeals ?? CHUNK_DEALS;
  const buffers = Array.from({ length: input.partitionCount }, (): CreditedDeal[] => []);
  const written = Array.from({ length: input.partitionCount }, () => 0);
  const flush = async (partition: number) => {
    const deals = buffers[partition]!;
    if (deals.length === 0) return;
    buffers[partition] = [];
    const chunk = written[partition]!;
    written[partition] = chunk + 1;
    const _id = chunkId(input.runId, partition, chunk);
    await chunks(connection).replaceOne(
      { _id },
      { runId: input.runId, partition, chunk, deals },
      { upsert: true },
    );
  };

  let read = 0;
  const cursor = dealModel(connection)
    .collection.find(periodDealFilter(input.period), {
      projection: CREDITED_DEAL_FIELDS,
      batchSize: CHUNK_DEALS,
    })
    .map((doc) => doc as unknown as CreditedDeal);
  for await (const deal of cursor) {
    read++;
    if (read % chunkDeals === 0) input.onProgress?.(read);
    for (const partition of input.partitionsOf.get(deal.repId) ?? []) {
      buffers[partition]!.push(deal);
      if (buffers[partition]!.length >= chunkDeals) await flush(partition);
    }
  }
  for (let partition = 0; partition < input.partitionCount; partition++) await flush(partition);
  input.onProgress?.(read);
  return { deals: read, chunks: written };
}

/** One partition's snapshotted deals, chunk by chunk by `_id` (the one lookup FerretDB indexes). */
export async function loadDealSnapshot(
  connection: mongoose.Connection,
  part: DealSnapshotPart,
): Promise<CreditedDeal[]> {
  const deals: CreditedDeal[] = [];
  for (let chunk = 0; chunk < part.chunks; chunk++) {
    const _id = chunkId(part.runId, part.partition, chunk);
    const found = await chunks(connection).findOne({ _id });
    if (!found) throw new Error(`deal snapshot chunk ${_id} is missing: the run's snapshot was dropped`);
    for (const deal of found.deals) deals.push(deal);
  }
  return deals;
}

/**
 * Deletes a run's snapshot once its statements are stored, one `_id` at a time (an `_id` list or a
 * `runId` filter would read every chunk of every run on FerretDB). Chunks past `snapshot.chunks`
 * (left by an attempt that read more deals before a retry) are deleted too.
 */
export async function dropDealSnapshot(
  connection: mongoose.Connection,
  runId: string,
  snapshot: Pick<DealSnapshot, 'chunks'>,
): Promise<void> {
  for (let partition = 0; partition < snapshot.chunks.length; partition++)
    for (let chunk = 0; ; chunk++) {
      const { deletedCount } = await chunks(connection).deleteOne({ _id: chunkId(runId, partition, chunk) });
      if (deletedCount === 0 && chunk >= snapshot.chunks[partition]!) break;
    }
}
