/**
 * The storage seam. A document is stored as an append-only log of Yjs updates; compaction
 * replaces the log with a snapshot (one update, or a big document's slices; see
 * `snapshot.ts`). SQLite is the embedded default; a PostgreSQL
 * implementation fills the same interface.
 *
 * Within one server, callers serialise operations per document (the DocRegistry runs one
 * flush at a time). Several servers on one PostgreSQL database may hold the same document and
 * append to it concurrently, so `compact` must never drop a row it did not read: it merges the
 * snapshot with the rows it read and removes exactly those.
 */
import type { Snapshot } from './snapshot.js';

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
   * Replaces the document's log with the snapshot, atomically: its parts, then whatever the
   * rows read in the same transaction hold that it lacks (`compactedRows`). Rows appended
   * after that read stay, so nothing is lost when another server appends meanwhile. May do
   * nothing while another server compacts the doc.
   */
  compact(docId: string, snapshot: Snapshot): Promise<void>;
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
  /**
   * The facilitator account that owns the workshop (see `AccessStore`), or null when it was
   * made with the administrator token or before accounts existed.
   */
  ownerId: string | null;
  /**
   * Every token of the workshop carries the generation it was signed in; a token of another
   * generation is dead. `tokenGen` covers every token (moved by an import, so a restored
   * backup never revives old links); `joinGen` covers participants and observers only (moved
   * when the facilitator rotates the codes and signs out everyone who joined).
   */
  tokenGen: number;
  joinGen: number;
  /** Whether the join and observer codes admit new people (closed at the end, or by hand). */
  joinOpen: boolean;
}

/** The fields of a workshop's row that its lifecycle commands change. */
export type WorkshopAccessPatch = Partial<
  Pick<WorkshopRecord, 'joinCode' | 'observerCode' | 'tokenGen' | 'joinGen' | 'joinOpen'>
>;

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
  /**
   * Sets (or with null clears) when the workshop is deleted automatically: `days` after its
   * gathering, from `deleteAfter` (ms since the epoch) on. False when there is no such workshop.
   */
  setWorkshopRetention(
    id: string,
    retention: { days: number; deleteAfter: number } | null,
  ): Promise<boolean>;
  /** Ids of the workshops whose `deleteAfter` is at or before `now`, oldest deadline first. */
  expiredWorkshops(now: number): Promise<string[]>;
  /**
   * Puts the workshop in a series (see `shared/src/series.ts`), or with null takes it out.
   * False when there is no such workshop.
   */
  setWorkshopSeries(id: string, seriesId: string | null): Promise<boolean>;
  /** The ids of a series' workshops, in the order they were made. */
  seriesWorkshops(seriesId: string): Promise<string[]>;
}

/**
 * A saved template: a named snapshot of a board's objects, or a plan of a whole gathering's
 * day (`plan`). `shapes` and `plan` are JSON text as written; readers validate them.
 */
export interface TemplateRecord {
  id: string;
  /**
   * Who may list, read, rename, delete and use it: an owner key such as a facilitator
   * account or an organisation (the template library decides the keys); null for templates
   * saved before owners existed, which nobody sees any more.
   */
  ownerId: string | null;
  name: string;
  /** JSON array of shapes, as written; validated on read. `[]` for a gathering template. */
  shapes: string;
  /** A gathering template's plan of the day (`DayPlan` as JSON); null for a board's template. */
  plan: string | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export interface TemplateStore {
  /** Stores a new template; an id that exists already is an error. */
  putTemplate(t: TemplateRecord): Promise<void>;
  /** The templates whose owner is one of `ownerIds`, oldest first. */
  listTemplates(ownerIds: readonly string[]): Promise<TemplateRecord[]>;
  getTemplate(id: string): Promise<TemplateRecord | null>;
  /** Renames a template; false when there is no such template. */
  renameTemplate(id: string, name: string): Promise<boolean>;
  /** Removes a template; false when there was no such template. */
  deleteTemplate(id: string): Promise<boolean>;
}

/**
 * An export job as several servers share it: any server can report its state, serve its file
 * or ask for it to be cancelled, whichever ran it. `info` is the job as clients see it, as JSON
 * text written and read by `export/jobs.ts` (the storage does not look inside).
 */
export interface NewExportJob {
  id: string;
  workshopId: string;
  info: string;
  /** Milliseconds since the epoch; the row may be swept from then on. */
  expiresAt: number;
}

export interface ExportJobUpdate extends NewExportJob {
  /** The finished file; left as it is when undefined. */
  file?: Uint8Array | null;
  /** Change nothing when a cancel has been requested (the running server then stops). */
  unlessCancelRequested: boolean;
}

export interface StoredExportJob extends NewExportJob {
  cancelRequested: boolean;
  /** Bytes of the stored file, or null when there is none. */
  fileSize: number | null;
}

export interface ExportJobStore {
  /** Records a new job (no file yet); an id that exists already is an error. */
  putExportJob(job: NewExportJob): Promise<void>;
  /**
   * Replaces a job's info and expiry, and its file when given. False when there is no such
   * job (deleted meanwhile), or with `unlessCancelRequested` when a cancel was requested;
   * nothing is changed then.
   */
  updateExportJob(job: ExportJobUpdate): Promise<boolean>;
  /** The job without its file's bytes, or null (unknown, or of another workshop). */
  getExportJob(workshopId: string, jobId: string): Promise<StoredExportJob | null>;
  /** The finished file's bytes, or null when there are none. */
  getExportFile(workshopId: string, jobId: string): Promise<Uint8Array<ArrayBuffer> | null>;
  /** Marks the job for cancelling by the server running it; false when there is no such job. */
  requestExportCancel(workshopId: string, jobId: string): Promise<boolean>;
  /** Removes a job and its file; false when there was no such job. */
  deleteExportJob(workshopId: string, jobId: string): Promise<boolean>;
  /** Removes every job of a workshop (it is being deleted). */
  deleteWorkshopExportJobs(workshopId: string): Promise<void>;
  /** Removes the jobs that expired at or before `now` (ms since the epoch); how many. */
  deleteExpiredExportJobs(now: number): Promise<number>;
}

/** A person allowed to create gatherings: signed in through OpenID Connect or an invite. */
export interface FacilitatorAccount {
  id: string;
  /** Stable, unique key of the identity: `oidc:<issuer>|<sub>` or `invite:<inviteId>`. */
  subject: string;
  name: string;
  /** Organisation key from the identity provider (shares templates), or null. */
  org: string | null;
  createdAt: number;
  /** Sessions carry it; signing out moves it, so every copy of an old session cookie dies. */
  sessionGen: number;
}

/** A one-time facilitator invite; only a hash of its secret is stored. */
export interface InviteRecord {
  id: string;
  tokenHash: string;
  name: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/**
 * Who may get in: facilitator accounts and invites, the tombstones of deleted workshops and
 * boards, and the access fields of a workshop's row.
 */
export interface AccessStore {
  /** Changes a workshop row's access fields; false when there is no such workshop. A code taken already is an error. */
  updateWorkshopAccess(id: string, patch: WorkshopAccessPatch): Promise<boolean>;
  /** The workshops an account owns, newest first. */
  workshopsOwnedBy(ownerId: string): Promise<WorkshopRecord[]>;
  /** Marks ids (workshops and boards) as deleted for good: never reused as open boards. */
  addTombstones(ids: readonly string[], now: number): Promise<void>;
  /** Which of `ids` are tombstones. */
  tombstoned(ids: readonly string[]): Promise<string[]>;
  /** Lifts tombstones (a backup of the deleted workshop is restored under the same ids). */
  removeTombstones(ids: readonly string[]): Promise<void>;
  /** Stores a new account; a subject that exists already is an error. */
  putFacilitator(account: FacilitatorAccount): Promise<void>;
  getFacilitator(id: string): Promise<FacilitatorAccount | null>;
  findFacilitatorBySubject(subject: string): Promise<FacilitatorAccount | null>;
  /** Updates name and organisation (they may change at the identity provider). */
  updateFacilitator(id: string, patch: { name: string; org: string | null }): Promise<void>;
  countFacilitators(): Promise<number>;
  /** Moves the account's session generation: every session signed before is dead. */
  endSessions(id: string): Promise<void>;
  putInvite(invite: InviteRecord): Promise<void>;
  /** The invite with this hash, used or not (to show whom it is for before it is taken). */
  findInvite(tokenHash: string): Promise<InviteRecord | null>;
  /**
   * Marks the unused, unexpired invite with this hash as used at `now` and returns it; null
   * when there is none (unknown, used or expired). Atomic: two claims never both succeed.
   */
  claimInvite(tokenHash: string, now: number): Promise<InviteRecord | null>;
}

export type Storage = DocStorage &
  AssetStorage &
  WorkshopIndex &
  TemplateStore &
  ExportJobStore & {
    readonly access: AccessStore;
    /**
     * Several servers may share it (PostgreSQL): they then share the token secret through it
     * (`sharedSetting`), and may run as a cluster. Absent: one server's own (the SQLite file).
     */
    readonly sharedByServers?: boolean;
  };
