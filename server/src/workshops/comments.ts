import {
  type AddComment,
  boardAccess,
  boardDocId,
  type Comment,
  commentAccess,
  commentsDocId,
  deleteReactions,
  findFreeSpot,
  getShape,
  groupStickyColor,
  mayDecideComments,
  newId,
  ORIGIN_SERVER,
  PLACEMENT_GAP,
  type Point,
  placementContext,
  type Reaction,
  readAllShapes,
  readComments,
  readReactions,
  type Shape,
  stickyDefaults,
  type WorkshopBoard,
  type WorkshopState,
  writeComment,
  writeReaction,
  writeShapes,
  zAbove,
} from '@torg/shared';
import type * as Y from 'yjs';
import type { Identity } from '../auth/tokens.js';
import { CommandError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import type { Room } from '../sync/room.js';

/**
 * Comments and suggestions on workshop boards: validated commands, written by the server
 * into the board's comments document (`c.<boardId>`, origin `server`); clients only read it.
 */
export class CommentService {
  constructor(
    private readonly registry: DocRegistry,
    private readonly state: (workshopId: string) => Promise<WorkshopState>,
    private readonly logger: Logger,
  ) {}

  /** Reads a document of the board (loaded for the call if needed). */
  private withDoc<T>(docId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    return this.registry.withRoom(docId, (room) => fn(room.doc));
  }

  /** The workshop state and the board, checked: it exists and the workshop has not ended. */
  private async context(identity: Identity, boardId: string) {
    const state = await this.state(identity.workshopId);
    if (!state.meta) throw new CommandError(404, 'not_found', 'no such workshop');
    const board = state.boards.find((b) => b.id === boardId);
    if (!board) throw new CommandError(404, 'not_found', 'no such board');
    if (state.meta.ended) throw new CommandError(409, 'workshop_ended', 'the workshop has ended');
    return { state, board };
  }

  private mayComment(state: WorkshopState, board: WorkshopBoard, identity: Identity): void {
    if (!commentAccess(state, board, identity))
      throw new CommandError(403, 'forbidden', 'you may not comment on this board');
  }

  /** Resolving and accepting: the facilitator or members of the board's own group. */
  private mayDecide(state: WorkshopState, board: WorkshopBoard, identity: Identity): void {
    if (!mayDecideComments(state, board, identity))
      throw new CommandError(403, 'forbidden', "only the board's group may do this");
  }

  private authored(
    state: WorkshopState,
    identity: Identity,
    board: WorkshopBoard,
  ): Pick<Comment, 'authorId' | 'authorName' | 'groupId' | 'round' | 'boardId'> {
    const me = state.participants.find((p) => p.id === identity.participantId);
    const m = state.market;
    const running = m && (m.state === 'running' || m.state === 'paused');
    return {
      boardId: board.id,
      authorId: identity.participantId,
      authorName: me?.name ?? '?',
      groupId: me?.groupId ?? null,
      round: running ? m.round : null,
    };
  }

  private async put(boardId: string, comment: Comment): Promise<void> {
    await this.registry.withRoom(commentsDocId(boardId), (room) =>
      room.transact((doc) => writeComment(doc, comment)),
    );
  }

  async addComment(identity: Identity, boardId: string, body: AddComment): Promise<Comment> {
    const { state, board } = await this.context(identity, boardId);
    this.mayComment(state, board, identity);
    const comment: Comment = {
      id: newId(),
      kind: body.kind,
      text: body.text,
      proposal: body.kind === 'suggestion' ? body.proposal : null,
      pin: body.pin,
      parentId: null,
      status: 'open',
      createdAt: Date.now(),
      ...this.authored(state, identity, board),
    };
    await this.put(boardId, comment);
    this.logger.info('comment.added', { boardId, kind: comment.kind });
    return comment;
  }

  async reply(
    identity: Identity,
    boardId: string,
    parentId: string,
    text: string,
  ): Promise<Comment> {
    const { state, board } = await this.context(identity, boardId);
    this.mayComment(state, board, identity);
    const parent = await this.find(boardId, parentId);
    const comment: Comment = {
      id: newId(),
      kind: 'comment',
      text,
      proposal: null,
      pin: parent.pin,
      parentId: parent.id,
      status: 'open',
      createdAt: Date.now(),
      ...this.authored(state, identity, board),
    };
    await this.put(boardId, comment);
    return comment;
  }

  private async find(boardId: string, commentId: string): Promise<Comment> {
    const found = await this.withDoc(commentsDocId(boardId), (doc) =>
      readComments(doc).find((c) => c.id === commentId),
    );
    if (!found) throw new CommandError(404, 'not_found', 'no such comment');
    return found;
  }

  async setStatus(
    identity: Identity,
    boardId: string,
    commentId: string,
    status: 'open' | 'resolved',
  ): Promise<Comment> {
    const { state, board } = await this.context(identity, boardId);
    this.mayDecide(state, board, identity);
    const comment = await this.find(boardId, commentId);
    if (comment.status === 'accepted')
      throw new CommandError(409, 'already_accepted', 'an accepted suggestion stays accepted');
    const next: Comment = { ...comment, status };
    await this.put(boardId, next);
    return next;
  }

  /**
   * Accepts an open suggestion: a sticky with the proposal, signed with the visiting group's
   * name, is written into the board next to the pin (one transaction, origin `server`), and
   * the suggestion becomes `accepted`.
   */
  async accept(
    identity: Identity,
    boardId: string,
    commentId: string,
  ): Promise<{ comment: Comment; shapeId: string }> {
    const { state, board } = await this.context(identity, boardId);
    this.mayDecide(state, board, identity);
    if (boardAccess(state, board, identity) !== 'write')
      throw new CommandError(409, 'board_locked', 'the board is locked');
    const accept = (boardRoom: Room, commentsRoom: Room) => {
      const comment = readComments(commentsRoom.doc).find((c) => c.id === commentId);
      if (!comment) throw new CommandError(404, 'not_found', 'no such comment');
      if (comment.kind !== 'suggestion' || comment.status !== 'open' || comment.proposal === null)
        throw new CommandError(409, 'not_open_suggestion', 'only an open suggestion is accepted');
      const shapes = readAllShapes(boardRoom.doc);
      const at = acceptedSpot(shapes, comment);
      const group = state.groups.find((g) => g.id === comment.groupId);
      const shapeId = newId();
      const sticky: Shape = {
        ...stickyDefaults(),
        id: shapeId,
        x: at.x,
        y: at.y,
        // The visiting group's colour: the host group sees at once whose idea it was.
        color: groupStickyColor(state.groups, comment.groupId),
        z: zAbove(shapes.map((s) => s.z)),
        text: `${comment.proposal}\n— ${group?.name ?? comment.authorName}`,
      };
      boardRoom.transact((doc) => writeShapes(doc, [sticky], ORIGIN_SERVER));
      const next: Comment = { ...comment, status: 'accepted' };
      commentsRoom.transact((doc) => writeComment(doc, next));
      this.logger.info('comment.accepted', { boardId, shapeId });
      return { comment: next, shapeId };
    };
    return this.registry.withRoom(boardDocId(boardId), (boardRoom) =>
      this.registry.withRoom(commentsDocId(boardId), (commentsRoom) =>
        accept(boardRoom, commentsRoom),
      ),
    );
  }

  /**
   * "+1" on an object of the board (same access as commenting): adds the participant's
   * reaction, or removes it when there is one. Read and write happen in one synchronous step.
   */
  async toggleReaction(
    identity: Identity,
    boardId: string,
    shapeId: string,
  ): Promise<{ reacted: boolean; count: number }> {
    const { state, board } = await this.context(identity, boardId);
    this.mayComment(state, board, identity);
    const exists = await this.withDoc(boardDocId(boardId), (doc) => !!getShape(doc, shapeId));
    if (!exists) throw new CommandError(404, 'not_found', 'no such object on this board');
    const who = this.authored(state, identity, board);
    return this.registry.withRoom(commentsDocId(boardId), (room) =>
      room.transact((doc) => {
        const onShape = readReactions(doc).filter((r) => r.shapeId === shapeId);
        const mine = onShape.filter((r) => r.participantId === identity.participantId);
        if (mine.length > 0) {
          deleteReactions(
            doc,
            mine.map((r) => r.id),
          );
          return { reacted: false, count: onShape.length - mine.length };
        }
        const reaction: Reaction = {
          id: newId(),
          boardId,
          shapeId,
          participantId: identity.participantId,
          groupId: who.groupId,
          round: who.round,
          at: Date.now(),
        };
        writeReaction(doc, reaction);
        return { reacted: true, count: onShape.length + 1 };
      }),
    );
  }
}

/**
 * Where an accepted suggestion's note goes: beside what its pin points at (the note it answers,
 * or the pinned point), in free space inside that note's or point's section; never on top of
 * anything (see `findFreeSpot`).
 */
export function acceptedSpot(shapes: readonly Shape[], comment: Comment): Point {
  const pin = comment.pin;
  const context = placementContext(shapes, 'x' in pin ? pin : { shapeId: pin.shapeId });
  const size = stickyDefaults();
  const from =
    context.anchorBox ?? ('x' in pin ? { ...pin, w: 0, h: 0 } : { x: 0, y: 0, w: 0, h: 0 });
  const spot = findFreeSpot({
    size,
    preferred: { x: from.x + from.w + PLACEMENT_GAP, y: from.y },
    area: context.area,
    obstacles: context.obstacles,
  });
  // Board coordinates are bounded (±1e7): a pin at the edge must not push the note out.
  const clamp = (v: number) => Math.max(-1e7, Math.min(1e7 - size.w, v));
  return { x: clamp(spot.x), y: clamp(spot.y) };
}
