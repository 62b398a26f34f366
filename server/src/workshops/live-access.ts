import {
  type BoardAccess,
  boardAccess,
  CloseCode,
  parseDocId,
  participantColor,
  readWorkshop,
  type WorkshopState,
  workshopDocId,
} from '@torg/shared';
import type * as Y from 'yjs';
import type { Identity } from '../auth/tokens.js';
import { CommandError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import { generationsCurrent } from './access.js';
import type { WorkshopDocs } from './workshop-state.js';

/** What a connection may do on a document, and who it is. */
export interface Authorization {
  access: BoardAccess;
  identity: Identity | null;
  workshopId: string | null;
}

/** A live connection whose rights follow the workshop state (locks, group moves). */
export interface Governed {
  readonly docId: string;
  readonly identity: Identity;
  setAccess(access: BoardAccess): void;
  /** A new stamp for its awareness (after a rename or a group move). */
  setPresence(presence: Record<string, unknown>): void;
  close(code: number, reason: string): void;
}

/**
 * What each connection may do: decided at the upgrade (`authorize`) and kept deciding while
 * it is open (`govern`): a lock, a group move, a rename, the end or a removal reaches every
 * affected connection of this server as soon as the workshop document changes.
 */
export class LiveAccess {
  private readonly governed = new Map<string, Set<Governed>>();
  private readonly watchers = new Map<string, { release: () => void }>();

  constructor(
    private readonly storage: Storage,
    private readonly registry: DocRegistry,
    private readonly docs: WorkshopDocs,
    private readonly identify: (token: string | null) => Promise<Identity | null>,
    /**
     * `openBoards`: a board id of no workshop is an open scratch board anyone may use (the
     * `TORG_OPEN_BOARDS` setting); off, such an id is 404.
     */
    private readonly options: { openBoards?: boolean } = {},
  ) {}

  /**
   * What a connection with this token may do on a document. Workshop and comments documents:
   * members read, nobody writes (the server writes them from commands). Workshop boards: the
   * shared rule. Open boards (only with `openBoards`, never a tombstoned id): anyone writes.
   */
  async authorize(docId: string, token: string | null): Promise<Authorization | CommandError> {
    const parsed = parseDocId(docId);
    if (!parsed) return new CommandError(400, 'invalid_doc_id', 'invalid document id');
    const workshopId =
      parsed.kind === 'workshop' ? parsed.id : await this.storage.boardWorkshop(parsed.id);
    if (parsed.kind === 'workshop' && !(await this.storage.getWorkshop(parsed.id))) {
      return new CommandError(404, 'not_found', 'no such workshop');
    }
    if (!workshopId) {
      // Open scratch boards have no comments: only workshop boards do.
      if (parsed.kind === 'comments') return new CommandError(404, 'not_found', 'no such board');
      // Only with open boards on; a deleted workshop's board never comes back as one.
      if (!this.options.openBoards) return new CommandError(404, 'not_found', 'no such board');
      if ((await this.storage.access.tombstoned([parsed.id])).length > 0)
        return new CommandError(404, 'not_found', 'no such board');
      return { access: 'write', identity: null, workshopId: null };
    }
    const identity = await this.identify(token);
    if (!identity)
      return new CommandError(401, 'unauthenticated', 'a valid token for this workshop is needed');
    if (identity.workshopId !== workshopId)
      return new CommandError(403, 'forbidden', 'this token is for another workshop');
    if (parsed.kind === 'workshop' || parsed.kind === 'comments')
      return { access: 'read', identity, workshopId };
    return { access: await this.boardAccessFor(identity, parsed.id), identity, workshopId };
  }

  async boardAccessFor(identity: Identity, boardId: string): Promise<BoardAccess> {
    return accessIn(await this.docs.state(identity.workshopId), identity, boardId);
  }

  /** Who a connection is, as others see it in awareness (stamped by the server). */
  async presence(identity: Identity): Promise<Record<string, unknown>> {
    return presenceIn(await this.docs.state(identity.workshopId), identity);
  }

  /**
   * Closes this server's connections of the workshop's participants and observers (their
   * tokens were just revoked by a sign-out); facilitators stay.
   */
  closeJoined(workshopId: string): void {
    for (const conn of this.governed.get(workshopId) ?? [])
      if (conn.identity.role !== 'facilitator')
        conn.close(CloseCode.signedOut, 'signed out by the facilitator');
  }

  /** The workshop was deleted: closes and forgets every governed connection of it. */
  closeAll(workshopId: string, code: number, reason: string): void {
    for (const conn of this.governed.get(workshopId) ?? []) conn.close(code, reason);
    this.governed.delete(workshopId);
    this.unwatch(workshopId);
  }

  /** Keeps a connection's rights in step with the workshop state until it closes. */
  async govern(conn: Governed): Promise<() => void> {
    const wid = conn.identity.workshopId;
    let set = this.governed.get(wid);
    if (!set) {
      set = new Set();
      this.governed.set(wid, set);
    }
    set.add(conn);
    const ungovern = () => {
      const s = this.governed.get(wid);
      s?.delete(conn);
      if (s && s.size === 0) {
        this.governed.delete(wid);
        this.unwatch(wid);
      }
    };
    try {
      await this.watch(wid);
      // A sign-out between the token check at the upgrade and now closed the set without this
      // connection: check its token's generations again (any later sign-out finds it in the set).
      const { generations, role } = conn.identity;
      const record = await this.storage.getWorkshop(wid);
      if (generations && (!record || !generationsCurrent(record, role, generations)))
        conn.close(CloseCode.signedOut, 'signed out by the facilitator');
    } catch (err) {
      // The connection will be closed by its caller: it must not stay governed (and keep the
      // workshop document loaded) after that.
      ungovern();
      throw err;
    }
    return ungovern;
  }

  private async watch(workshopId: string): Promise<void> {
    if (this.watchers.has(workshopId)) return;
    const held = await this.registry.hold(workshopDocId(workshopId));
    if (this.watchers.has(workshopId)) {
      held.release();
      return;
    }
    const doc = held.room.doc;
    const onUpdate = () => this.recompute(workshopId, doc);
    doc.on('update', onUpdate);
    this.watchers.set(workshopId, {
      release: () => {
        doc.off('update', onUpdate);
        held.release();
      },
    });
  }

  private unwatch(workshopId: string): void {
    const w = this.watchers.get(workshopId);
    if (!w) return;
    this.watchers.delete(workshopId);
    w.release();
  }

  /** A lock, a group move or the end: every affected connection gets its new rights at once. */
  private recompute(workshopId: string, doc: Y.Doc): void {
    const state = readWorkshop(doc);
    for (const conn of this.governed.get(workshopId) ?? []) {
      const parsed = parseDocId(conn.docId);
      if (!parsed) continue;
      const stillMember = state.participants.some((p) => p.id === conn.identity.participantId);
      if (!stillMember) {
        conn.close(CloseCode.readOnly, 'no longer a member of this workshop');
        continue;
      }
      if (parsed.kind === 'board') conn.setAccess(accessIn(state, conn.identity, parsed.id));
      conn.setPresence(presenceIn(state, conn.identity));
    }
  }
}

function accessIn(state: WorkshopState, identity: Identity, boardId: string): BoardAccess {
  const board = state.boards.find((b) => b.id === boardId);
  return board ? boardAccess(state, board, identity) : 'read';
}

function presenceIn(state: WorkshopState, identity: Identity): Record<string, unknown> {
  const p = state.participants.find((x) => x.id === identity.participantId);
  return {
    name: p?.name ?? '?',
    role: identity.role,
    groupId: p?.groupId ?? null,
    participantId: identity.participantId,
    color: participantColor(identity.participantId),
  };
}
