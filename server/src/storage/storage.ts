/**
 * The storage seam. A document is stored as an append-only log of Yjs updates; compaction
 * replaces the log with one snapshot update. SQLite is the embedded default; a PostgreSQL
 * implementation fills the same interface.
 *
 * Within one server, callers serialise operations per document (the DocRegistry runs one
 * flush at a time). Several servers on one PostgreSQL database may hold the same document and
 * append to it concurrently, so `compact` must never drop a row it did not read: it merges the
 * snapshot with the rows it read and removes exactly those.
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
  /**
   * Replaces the document's log with one update, atomically: the snapshot merged with the rows
   * read in the same transaction. Rows appended after that read stay, so nothing is lost when
   * another server appends meanwhile. May do nothing while another server compacts the doc.
   */
  compact(docId: string, snapshot: Uint8Array): Promise<void>;
  /** Removes every stored byte of the document. */
  delete(docId: string): Promise<void>;
  /**
   * The stored value of a server-wide setting, or, if there is none yet, `fallback`, stored
   * atomically and returned: the first writer wins, so all servers on one database agree.
   */
  sharedSetting(key: string, fallback: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Uploaded images of boards. An asset is written once and never changed (it is served as
 * immutable), so there is no update; it goes away with its board.
 */
export interface NewAsset {
  id: string;
  boardId: string;
  mime: string;
  width: number;
  height: number;
  data: Uint8Array;
}

export interface StoredAsset extends NewAsset {
  /** A buffer of its own (not a view into shared memory), so it can be sent as a body as is. */
  data: Uint8Array<ArrayBuffer>;
  /** Milliseconds since the epoch, when the asset was stored. */
  createdAt: number;
}

export interface AssetStorage {
  /** Stores a new asset durably; an id that exists already is an error. */
  putAsset(asset: NewAsset): Promise<void>;
  getAsset(id: string): Promise<StoredAsset | null>;
  /** Removes every asset of the board. */
  deleteBoardAssets(boardId: string): Promise<void>;
}

/** Which workshop owns which board, and the codes people join with. */
export interface WorkshopRecord {
  id: string;
  joinCode: string;
  observerCode: string;
  createdAt: number;
}

export interface WorkshopIndex {
  /** Stores a new workshop; a code that is taken already is an error. */
  putWorkshop(w: WorkshopRecord): Promise<void>;
  getWorkshop(id: string): Promise<WorkshopRecord | null>;
  /** The workshop a join or observer code belongs to. */
  findByCode(code: string): Promise<WorkshopRecord | null>;
  addBoards(workshopId: string, boardIds: readonly string[]): Promise<void>;
  /** The workshop that owns a board, or null for an open board. */
  boardWorkshop(boardId: string): Promise<string | null>;
  workshopBoards(workshopId: string): Promise<string[]>;
  /** Removes the workshop's rows (its documents and assets are deleted separately). */
  deleteWorkshop(id: string): Promise<void>;
}

/**
 * A saved template: a named snapshot of a board's objects, available in every workshop on
 * the server. `shapes` is the JSON text of the objects; readers validate it.
 */
export interface TemplateRecord {
  id: string;
  name: string;
  /** JSON array of shapes, as written; validated on read. */
  shapes: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export interface TemplateStore {
  /** Stores a new template; an id that exists already is an error. */
  putTemplate(t: TemplateRecord): Promise<void>;
  /** Every template, oldest first. */
  listTemplates(): Promise<TemplateRecord[]>;
  getTemplate(id: string): Promise<TemplateRecord | null>;
  /** Renames a template; false when there is no such template. */
  renameTemplate(id: string, name: string): Promise<boolean>;
  /** Removes a template; false when there was no such template. */
  deleteTemplate(id: string): Promise<boolean>;
}

export type Storage = DocStorage & AssetStorage & WorkshopIndex & TemplateStore;
