import type mongoose from 'mongoose';

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

const BATCH = 1000;
const LOOKUP = 10_000;

interface KeyedDocument {
  _id: string;
  [field: string]: unknown;
}

/** Key-order-independent JSON, so a stored document and its re-import compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/**
 * Idempotent bulk write keyed by a business key, which is also the document's `_id`: new keys are
 * inserted in one batch, changed documents replaced one by one, identical ones left alone, so a
 * second import or seed of the same data writes nothing. (On FerretDB/SQLite, filters on fields
 * other than `_id` scan the collection, and bulk replace-upserts were slow enough to stall it.)
 * A key inserted concurrently by another writer counts as unchanged, never as a duplicate.
 */
export async function upsertByKey<T extends mongoose.mongo.Document>(
  model: mongoose.Model<T>,
  documents: readonly T[],
  keyOf: (document: T) => string,
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
  // The raw driver collection: these documents are already validated domain objects.
  const collection = model.collection as unknown as mongoose.mongo.Collection<KeyedDocument>;
  const keyed = documents.map((document) => ({ ...document, _id: keyOf(document) }));
  // One lookup per LOOKUP ids: FerretDB answers `$in` by scanning, so fewer, larger lookups win.
  const existing = new Map<string, string>();
  for (let start = 0; start < keyed.length; start += LOOKUP) {
    const ids = keyed.slice(start, start + LOOKUP).map((d) => d._id);
    for (const stored of await collection.find({ _id: { $in: ids } }).toArray())
      existing.set(stored._id, canonical(stored));
  }
  for (let start = 0; start < keyed.length; start += BATCH) {
    const batch = keyed.slice(start, start + BATCH);
    const fresh = batch.filter((d) => !existing.has(d._id));
    if (fresh.length > 0) {
      try {
        const result = await collection.insertMany(fresh, { ordered: false });
        counts.created += result.insertedCount;
      } catch (error) {
        const write = error as {
          code?: number;
          result?: { insertedCount?: number };
          writeErrors?: { code?: number }[];
        };
        const errors = write.writeErrors ?? [{ code: write.code }];
        if (!errors.every((e) => e.code === 11000)) throw error;
        counts.created += write.result?.insertedCount ?? 0;
        counts.unchanged += errors.length;
      }
    }
    for (const document of batch) {
      const stored = existing.get(document._id);
      if (stored === undefined) continue;
      if (stored === canonical(document)) counts.unchanged += 1;
      else {
        await collection.replaceOne({ _id: document._id }, document);
        counts.updated += 1;
      }
    }
  }
  return counts;
}

/**
 * Writes documents keyed by `_id`, replacing those already stored, for write paths that are almost
 * always fresh (a payout run's statements, a period's ledger, a run's snapshot chunks). Measured on
 * FerretDB/SQLite: an update, replace or delete by `_id` reads the whole collection (55 ms at 5,000
 * small documents, 240 ms at 20,000), while inserts and finds by `_id` do not (11-14 ms). So every
 * document is inserted in one batch, and only the keys that were already there (a retried activity,
 * a re-run) are replaced one by one, unless what is stored is the same.
 */
export async function insertOrReplaceById<T extends { _id: string }>(
  collection: mongoose.mongo.Collection<T>,
  documents: readonly T[],
): Promise<{ inserted: number; replaced: number; unchanged: number }> {
  if (documents.length === 0) return { inserted: 0, replaced: 0, unchanged: 0 };
  let duplicates: number[] = [];
  try {
    await collection.insertMany(documents as never[], { ordered: false, ignoreUndefined: true });
  } catch (error) {
    duplicates = duplicateKeyIndexes(error);
  }
  // A retried activity rewrites what it wrote before: reading by `_id` is cheap, replacing is not,
  // so a stored document equal to the new one is left alone.
  let replaced = 0;
  for (const index of duplicates) {
    const document = documents[index]!;
    const stored = await collection.findOne({ _id: document._id } as never);
    if (stored && canonical(stored) === canonical(document)) continue;
    await collection.replaceOne({ _id: document._id } as never, document, { ignoreUndefined: true });
    replaced++;
  }
  return {
    inserted: documents.length - duplicates.length,
    replaced,
    unchanged: duplicates.length - replaced,
  };
}

/**
 * The positions an unordered `insertMany` refused because their `_id` existed; any other failure is
 * thrown again. The driver reports one write error as an object, several as an array.
 */
export function duplicateKeyIndexes(error: unknown): number[] {
  const reported = (error as { writeErrors?: WriteError | WriteError[] }).writeErrors;
  const writeErrors = reported === undefined ? [] : [reported].flat();
  if (writeErrors.length === 0 || writeErrors.some((e) => e.code !== 11000)) throw error;
  return writeErrors.map((e) => e.index);
}

type WriteError = { code?: number; index: number };
