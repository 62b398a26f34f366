/**
 * The storage seam. A document is stored as an append-only log of Yjs updates; compaction
 * replaces the log with one snapshot update. SQLite is the embedded default; a PostgreSQL
 * implementation fills the same interface.
 *
 * Callers serialise operations per document (the DocRegistry runs one flush at a time),
 * so `compact` never races an `append` of the same document.
 */
export interface AppendEntry {
  docId: string;
  update: Uint8Array;
}

export interface DocStorage {
  /** All stored updates of a document in append order (empty for a new document). */
  load(docId: string): Promise<Uint8Array[]>;
  /** Appends updates of any number of documents durably, in one transaction. */
  append(entries: readonly AppendEntry[]): Promise<void>;
  /** Replaces the document's whole log with `snapshot`, atomically. */
  compact(docId: string, snapshot: Uint8Array): Promise<void>;
  /** Removes every stored byte of the document. */
  delete(docId: string): Promise<void>;
  close(): Promise<void>;
}
