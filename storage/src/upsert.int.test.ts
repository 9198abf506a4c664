import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDatabase } from './testing';
import { insertOrReplaceById } from './upsert';

interface Row {
  _id: string;
  amountMinor: number;
  note?: string;
}

let db: mongoose.Connection;
let rows: mongoose.mongo.Collection<Row>;

beforeAll(async () => {
  db = await connectTestDatabase('insert-or-replace');
  rows = db.db!.collection<Row>('rows');
});

afterAll(async () => {
  await db.dropDatabase();
  await db.close();
});

describe('insertOrReplaceById', () => {
  it('inserts fresh documents and replaces only the ones already stored, whole', async () => {
    await rows.insertMany([
      { _id: 'a', amountMinor: 1, note: 'old' },
      { _id: 'b', amountMinor: 2 },
    ]);
    const written = await insertOrReplaceById(rows, [
      { _id: 'a', amountMinor: 10 },
      { _id: 'c', amountMinor: 30, note: undefined },
      { _id: 'b', amountMinor: 2 },
    ]);
    // b is stored as it is: read, compared, not rewritten.
    expect(written).toEqual({ inserted: 1, replaced: 1, unchanged: 1 });
    expect(await rows.find().sort({ _id: 1 }).toArray()).toEqual([
      // Replaced as a whole: the stale note is gone.
      { _id: 'a', amountMinor: 10 },
      { _id: 'b', amountMinor: 2 },
      // An undefined field is left out, not stored as null.
      { _id: 'c', amountMinor: 30 },
    ]);
  });

  it('writes nothing for no documents', async () => {
    expect(await insertOrReplaceById(rows, [])).toEqual({ inserted: 0, replaced: 0, unchanged: 0 });
  });
});
