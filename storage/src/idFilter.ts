/**
 * FerretDB compares every document with every id of an `$in` list: with a payout partition's
 * thousands of payees that dominates the query. A long list is therefore left out of the query and
 * the caller filters the results by id.
 */
const IN_LIST_LIMIT = 100;

export const idFilter = (field: string, ids: readonly string[]) =>
  ids.length <= IN_LIST_LIMIT ? { [field]: { $in: [...ids] } } : {};
