import type * as Y from 'yjs';
import { whereIs } from './market.js';
import type { Role } from './roles.js';
import { shapeIdSchema } from './shapes/base.js';
import type { WorkshopBoard, WorkshopState } from './workshop.js';
import { z } from './zod.js';

/**
 * The comments document of a board (`c.<boardId>`): comments and suggestions on the board,
 * written only by the server (origin `server`) from validated API commands; every member of
 * the workshop reads it.
 *
 * - `comments`: Y.Map<commentId, plain object> (see `commentSchema`).
 * - `reactions`: Y.Map<reactionId, plain object> (see `reactionSchema`): "+1" on objects, at
 *   most one per participant and object.
 */
export const COMMENTS_DOC = { comments: 'comments', reactions: 'reactions' } as const;

export const COMMENT_MAX_TEXT = 2000;

const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/));
const coord = z.number().check(z.gte(-1e7), z.lte(1e7));
const text = z.string().check(z.trim(), z.minLength(1), z.maxLength(COMMENT_MAX_TEXT));
/** The market round index when made during a running or paused market, else null. */
const round = z.nullable(z.int().check(z.nonnegative()));

export const commentPinSchema = z.union([
  z.strictObject({ x: coord, y: coord }),
  z.strictObject({ shapeId: id }),
]);
export type CommentPin = z.infer<typeof commentPinSchema>;

export const COMMENT_STATUSES = ['open', 'resolved', 'accepted'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const commentSchema = z.object({
  id,
  boardId: id,
  kind: z.enum(['comment', 'suggestion']),
  text,
  /** A suggestion's proposed sticky text; null for a comment. */
  proposal: z.nullable(z.string().check(z.maxLength(COMMENT_MAX_TEXT))),
  pin: commentPinSchema,
  /** The comment this one answers; null for a top-level comment. */
  parentId: z.nullable(id),
  authorId: id,
  authorName: z.string().check(z.maxLength(80)),
  groupId: z.nullable(id),
  round,
  status: z.enum(COMMENT_STATUSES),
  createdAt: z.number(),
});
export type Comment = z.infer<typeof commentSchema>;

/** A board's comments, validated, oldest first. */
export function readComments(doc: Y.Doc): Comment[] {
  const out: Comment[] = [];
  for (const v of doc.getMap(COMMENTS_DOC.comments).values()) {
    const r = commentSchema.safeParse(v);
    if (r.success) out.push(r.data);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

export const reactionSchema = z.object({
  id,
  boardId: id,
  shapeId: shapeIdSchema,
  participantId: id,
  groupId: z.nullable(id),
  round,
  at: z.number(),
});
export type Reaction = z.infer<typeof reactionSchema>;

/** A board's "+1" reactions, validated, oldest first. */
export function readReactions(doc: Y.Doc): Reaction[] {
  const out: Reaction[] = [];
  for (const v of doc.getMap(COMMENTS_DOC.reactions).values()) {
    const r = reactionSchema.safeParse(v);
    if (r.success) out.push(r.data);
  }
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

/** "+1" per shape. */
export function reactionCounts(reactions: readonly Reaction[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of reactions) out.set(r.shapeId, (out.get(r.shapeId) ?? 0) + 1);
  return out;
}

/**
 * Who may comment on a board: facilitators; participants of the board's group; participants
 * whose group visits this board (the host group's board in the market) in the current round
 * of a running or paused market. Nobody else — observers never; plenary boards have no group,
 * so only facilitators comment there.
 */
export function commentAccess(
  state: WorkshopState,
  board: WorkshopBoard,
  who: { role: Role; participantId: string },
): boolean {
  if (who.role === 'facilitator') return true;
  if (who.role !== 'participant') return false;
  const me = state.participants.find((p) => p.id === who.participantId);
  if (!me?.groupId || board.groupId === null) return false;
  if (me.groupId === board.groupId) return true;
  const m = state.market;
  if (!m || (m.state !== 'running' && m.state !== 'paused')) return false;
  return (
    m.boardIds[board.groupId] === board.id && whereIs(m.plan, m.round, me.groupId) === board.groupId
  );
}

/**
 * Who may decide on a board's comments (resolve, reopen, accept or decline a suggestion): the
 * facilitator, or a participant of the board's own group. Visitors may comment, not decide.
 * The server refuses what this refuses; the client shows the buttons only where it allows.
 */
export function mayDecideComments(
  state: WorkshopState,
  board: WorkshopBoard,
  who: { role: Role; participantId: string },
): boolean {
  if (who.role === 'facilitator') return true;
  if (who.role !== 'participant' || board.groupId === null) return false;
  const me = state.participants.find((p) => p.id === who.participantId);
  return me?.groupId === board.groupId;
}

// --- API request bodies ---

export const addCommentBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('comment'), text, pin: commentPinSchema }),
  z.object({
    kind: z.literal('suggestion'),
    text,
    proposal: text,
    pin: commentPinSchema,
  }),
]);
export type AddComment = z.infer<typeof addCommentBody>;
export const replyBody = z.object({ text });
export const setStatusBody = z.object({ status: z.enum(['open', 'resolved']) });
export const acceptBody = z.object({});
export const toggleReactionBody = z.object({ shapeId: shapeIdSchema });

/**
 * Writers of the comments document (`c.<boardId>`), beside its readers: each checks the value
 * with the reader's schema (throws on one every reader would skip) and stores it as given.
 * Call them inside one transaction (the server's `room.transact`).
 */
export function writeComment(doc: Y.Doc, comment: Comment): void {
  commentSchema.parse(comment);
  doc.getMap(COMMENTS_DOC.comments).set(comment.id, comment);
}

export function writeReaction(doc: Y.Doc, reaction: Reaction): void {
  reactionSchema.parse(reaction);
  doc.getMap(COMMENTS_DOC.reactions).set(reaction.id, reaction);
}

export function deleteReactions(doc: Y.Doc, reactionIds: Iterable<string>): void {
  const map = doc.getMap(COMMENTS_DOC.reactions);
  for (const id of reactionIds) map.delete(id);
}
