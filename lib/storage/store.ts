/**
 * Where the bytes of attachments live: a small interface, so that a folder on this machine (the
 * default) and an S3-compatible bucket are interchangeable (lib/storage/index.ts picks one by
 * environment). Keys are made by the app (lib/attachments), never taken from a user.
 */
export interface BlobStore {
  /** Stores the bytes under `key`, replacing anything there. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes under `key`, or null where there are none. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes `key`; removing a key that is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** A key is path segments of letters, digits, `-` and `_` (no `..`, no leading `/`): it cannot leave the store's folder or bucket. */
export function checkKey(key: string): string {
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(key) || key.length > 512) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
  return key;
}
