import type mongoose from 'mongoose';

/**
 * `replaced` counts every existing document written again, changed or not: FerretDB reports an
 * identical replacement as modified, so "unchanged" cannot be told apart portably.
 */
export interface UpsertCounts {
  created: number;
  replaced: number;
}

const BATCH = 1000;

/**
 * Idempotent bulk write keyed by a business key: a document is created once and replaced by later
 * writes with the same key. Batched so 100k-line imports stay within the server's message size.
 */
export async function upsertByKey<T extends mongoose.mongo.Document>(
  model: mongoose.Model<T>,
  documents: readonly T[],
  keyOf: (document: T) => Record<string, unknown>,
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { created: 0, replaced: 0 };
  for (let start = 0; start < documents.length; start += BATCH) {
    const batch = documents.slice(start, start + BATCH);
    const operations = batch.map((document) => ({
      replaceOne: { filter: keyOf(document), replacement: document, upsert: true },
    })) satisfies mongoose.AnyBulkWriteOperation[];
    const result = await model.bulkWrite<mongoose.mongo.Document>(operations, { ordered: true });
    counts.created += result.upsertedCount;
    counts.replaced += result.matchedCount;
  }
  return counts;
}
