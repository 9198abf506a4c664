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
