/**
 * Thrown by every adapter when an update or upsert would break a unique index (inserts report duplicates
 * in their result instead). A lease taken with an upsert sees it when another holder already has the lease.
 */
export class DuplicateKeyError extends Error {
  override readonly name = 'DuplicateKeyError';

  constructor(collection: string, options?: ErrorOptions) {
    super(`duplicate key in collection "${collection}": a unique index already holds this value`, options);
  }
}
