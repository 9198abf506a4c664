import type mongoose from 'mongoose';
import { dealModel } from './deal.model';
import { CREDITED_DEAL_FIELDS, periodDealFilter, type CreditedDeal } from './creditedDeal';
import { insertOrReplaceById } from './upsert';

/**
 * A payout run reads the period's deals once and hands each partition its share by `_id`.
 *
 * Why: FerretDB (SQLite) answers only `_id` equality from an index; any other filter reads and decodes
 * the whole deals collection (about 4,600 deals a second here). A run whose every partition queried
 * the deals read a million deals once per partition; now it reads them once, in one activity, and
 * each partition loads its chunks by `_id`. On MongoDB the one read is an ordinary query.
 *
 * The snapshot is a collection of its own per run, `payout_run_deals_<runId>`, dropped once the run's
 * partitions are computed: on FerretDB a delete by `_id` reads the whole collection (see
 * `insertOrReplaceById`), dropping a collection does not. Its documents `p<partition>:c<chunk>` hold up
 * to CHUNK_DEALS credited deals as one JSON string, read and written by the raw driver. Why not an
 * array of embedded deals: FerretDB converts every embedded value on each write and read; a chunk of
 * 5,000 deals as 65,000 values took 0.4 s to write and 0.6 s to read (1.2-2.4 s under load), as one
 * string it is a single value. Nothing queries inside a chunk.
 */
const CHUNK_DEALS = 5_000;

interface DealChunk {
  _id: string;
  partition: number;
  chunk: number;
  /** JSON of `CreditedDeal[]`. */
  deals: string;
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

const chunkId = (partition: number, chunk: number) => `p${partition}:c${chunk}`;
function chunksOf(connection: mongoose.Connection, runId: string): mongoose.mongo.Collection<DealChunk> {
  if (!connection.db) throw new Error('the storage connection is not open');
  return connection.db.collection<DealChunk>(`payout_run_deals_${runId}`);
}

/**
 * Reads the period's credited deals once and writes each partition's chunks. `partitionsOf` says which
 * partitions evaluate a rep's deals; deals of reps no partition evaluates are left out. A retry
 * rewrites the run's chunks under the same ids; chunks past the new count (an earlier attempt that
 * read more deals) are never read: partitions read exactly the counts returned.
 *
 * The whole read finishes before the first write. Measured on FerretDB/SQLite with a million deals:
 * writing chunks while the read's cursor was open slowed the read from about 4,600 to 1,200 deals a
 * second (the write-ahead log cannot be checkpointed past an open reader and grew past 500 MB). The
 * cost is holding the period's deals in memory once, about as much as the partitions load anyway.
 * No sort: FerretDB would sort the whole period in memory, and each partition orders its deals itself
 * (`creditedDealsOf`).
 */
export async function writeDealSnapshot(
  connection: mongoose.Connection,
  input: {
    runId: string;
    period: { from: string; to: string };
    partitionCount: number;
    partitionsOf: ReadonlyMap<string, readonly number[]>;
    onProgress?: (progress: { dealsRead: number; chunksWritten: number }) => void;
    /** Deals per chunk document (tests use small chunks). */
    chunkDeals?: number;
  },
): Promise<DealSnapshot> {
  const chunkDeals = input.chunkDeals ?? CHUNK_DEALS;
  const byPartition = Array.from({ length: input.partitionCount }, (): CreditedDeal[] => []);
  let dealsRead = 0;
  let chunksWritten = 0;
  const cursor = dealModel(connection)
    .collection.find(periodDealFilter(input.period), {
      projection: CREDITED_DEAL_FIELDS,
      batchSize: chunkDeals,
    })
    .map((doc) => doc as unknown as CreditedDeal);
  for await (const deal of cursor) {
    dealsRead++;
    if (dealsRead % chunkDeals === 0) input.onProgress?.({ dealsRead, chunksWritten });
    for (const partition of input.partitionsOf.get(deal.repId) ?? []) byPartition[partition]!.push(deal);
  }

  const chunkCounts = byPartition.map((deals) => Math.ceil(deals.length / chunkDeals));
  for (let partition = 0; partition < input.partitionCount; partition++)
    for (let chunk = 0; chunk < chunkCounts[partition]!; chunk++) {
      const deals = JSON.stringify(
        byPartition[partition]!.slice(chunk * chunkDeals, (chunk + 1) * chunkDeals),
      );
      await insertOrReplaceById(chunksOf(connection, input.runId), [
        { _id: chunkId(partition, chunk), partition, chunk, deals },
      ]);
      chunksWritten++;
      input.onProgress?.({ dealsRead, chunksWritten });
    }
  return { deals: dealsRead, chunks: chunkCounts };
}

/** One partition's snapshotted deals, chunk by chunk by `_id` (the one lookup FerretDB indexes). */
export async function loadDealSnapshot(
  connection: mongoose.Connection,
  part: DealSnapshotPart,
): Promise<CreditedDeal[]> {
  const deals: CreditedDeal[] = [];
  for (let chunk = 0; chunk < part.chunks; chunk++) {
    const _id = chunkId(part.partition, chunk);
    const found = await chunksOf(connection, part.runId).findOne({ _id });
    if (!found)
      throw new Error(`deal snapshot chunk ${_id} of run ${part.runId} is missing: the snapshot was dropped`);
    for (const deal of JSON.parse(found.deals) as CreditedDeal[]) deals.push(deal);
  }
  return deals;
}

/** Drops a run's snapshot once its statements are stored; dropping a dropped snapshot is a no-op. */
export async function dropDealSnapshot(connection: mongoose.Connection, runId: string): Promise<void> {
  try {
    await chunksOf(connection, runId).drop();
  } catch (error) {
    // NamespaceNotFound: an earlier attempt dropped it.
    if ((error as { code?: number }).code !== 26) throw error;
  }
}
