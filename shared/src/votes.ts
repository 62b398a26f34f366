import type * as Y from 'yjs';
import { shapeText } from './schema.js';
import { shapeIdSchema } from './shapes/base.js';
import type { Shape } from './shapes/registry.js';
import { z } from './zod.js';

/**
 * Dot voting. The vote session lives in the workshop document's control map under key
 * `vote` (see `voteSchema`). The dots live in each board's server-only ballots document
 * (`ballotsDocId`, map `dots`: dotId → `dotSchema`); the server copies the current vote's dots
 * into the board's comments document (`c.<boardId>`, same map name) only while participants
 * may see the results, so hidden results are not sent to anyone. A participant reads their
 * own dots through the API. Only the server writes any of it (origin `server`).
 */
export const VOTES_DOC = { dots: 'dots' } as const;
export const VOTE_KEY = 'vote';

export const VOTE_DOTS = { min: 1, max: 20, default: 3 } as const;
export const VOTE_MAX_BOARDS = 50;

const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/));
const dotCount = z.int().check(z.gte(VOTE_DOTS.min), z.lte(VOTE_DOTS.max));
const boardIds = z.array(id).check(z.minLength(1), z.maxLength(VOTE_MAX_BOARDS));

export const voteSchema = z.object({
  id,
  boardIds,
  /** Each participant's budget, across all boards of the vote. */
  dots: z._default(dotCount, VOTE_DOTS.default),
  state: z.enum(['open', 'closed']),
  /** Participants see the results (facilitators always do; everyone once closed). */
  showResults: z.boolean(),
  startedAt: z.number(),
});
export type Vote = z.infer<typeof voteSchema>;

export const dotSchema = z.object({
  id,
  voteId: id,
  boardId: id,
  shapeId: shapeIdSchema,
  participantId: id,
  groupId: z.nullable(id),
  at: z.number(),
});
export type Dot = z.infer<typeof dotSchema>;

/** A board's dots (of one vote, when `voteId` is given), validated, oldest first. */
export function readDots(doc: Y.Doc, voteId?: string): Dot[] {
  const out: Dot[] = [];
  for (const v of doc.getMap(VOTES_DOC.dots).values()) {
    const r = dotSchema.safeParse(v);
    if (r.success && (voteId === undefined || r.data.voteId === voteId)) out.push(r.data);
  }
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

/** Dots per shape. */
export function tally(dots: readonly Dot[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of dots) out.set(d.shapeId, (out.get(d.shapeId) ?? 0) + 1);
  return out;
}

/** How many dots a participant has left in a vote, given the vote's dots on all its boards. */
export function dotsLeft(vote: Vote, dots: readonly Dot[], participantId: string): number {
  const used = dots.filter((d) => d.voteId === vote.id && d.participantId === participantId).length;
  return Math.max(0, vote.dots - used);
}

/** Whether someone with this role may see the results of a vote now. */
export function mayReadResults(vote: Vote, role: 'facilitator' | 'participant' | 'observer') {
  return role === 'facilitator' || vote.showResults || vote.state === 'closed';
}

/** `GET …/vote/results`: per board the objects with dots, most dots first. */
export interface VoteResults {
  voteId: string;
  boards: { boardId: string; items: { shapeId: string; text: string; dots: number }[] }[];
  total: number;
}

/** One line of a ranking across the vote's boards. */
export interface RankedResult {
  rank: number;
  boardId: string;
  shapeId: string;
  text: string;
  dots: number;
}

/**
 * The vote's objects with dots on every board, most dots first, ranked as people read a
 * ranking: ties share a rank ("1, 2, 2, 4"); equal counts keep the boards' order.
 */
export function rankResults(results: VoteResults): RankedResult[] {
  const items = results.boards
    .flatMap((b) => b.items.filter((i) => i.dots > 0).map((i) => ({ ...i, boardId: b.boardId })))
    .sort((x, y) => y.dots - x.dots);
  return items.map((i, n) => {
    let rank = n + 1;
    while (rank > 1 && items[rank - 2]?.dots === i.dots) rank--;
    return { rank, ...i };
  });
}

/**
 * The most notes per board and in all, and the longest text, a participant's vote list gets
 * (`GET …/vote/ballot`), so the answer stays small (about 10 boards of 200 notes fit).
 */
export const VOTE_BALLOT = { notesPerBoard: 400, notesTotal: 2000, textLength: 200 } as const;

/** `GET …/vote/ballot`: what can be voted on, per board of the open vote, in reading order. */
export interface VoteBallot {
  voteId: string;
  boards: { boardId: string; notes: { shapeId: string; text: string }[] }[];
}

/**
 * What a participant's vote list offers on one board: the notes (stickies, and shapes with
 * words; not frames, lines or free text, which templates use for titles and labels), in
 * reading order (top to bottom, then left to right), their text cut to a readable length.
 */
export function ballotNotes(shapes: readonly Shape[]): VoteBallot['boards'][number]['notes'] {
  const ROW = 40; // Notes whose tops are this close read as one row.
  return shapes
    .filter(
      (s): s is Extract<Shape, { type: 'sticky' | 'geo' }> =>
        s.type === 'sticky' || (s.type === 'geo' && shapeText(s).trim() !== ''),
    )
    .sort((a, b) => Math.round(a.y / ROW) - Math.round(b.y / ROW) || a.x - b.x)
    .slice(0, VOTE_BALLOT.notesPerBoard)
    .map((s) => ({ shapeId: s.id, text: shapeText(s).trim().slice(0, VOTE_BALLOT.textLength) }));
}

// --- API request bodies ---

export const startVoteBody = z.object({
  boardIds,
  dots: z.optional(dotCount),
  showResults: z.optional(z.boolean()),
});
export type StartVote = z.infer<typeof startVoteBody>;
export const placeDotBody = z.object({ shapeId: shapeIdSchema });
export const showResultsBody = z.object({ show: z.boolean() });

/**
 * Writers of the dots (in a board's ballots document `v.<boardId>`, and the copy participants
 * may see in its comments document), beside `readDots`: checked with its schema, stored as
 * given. Call them inside one transaction (the server's `room.transact`).
 */
export function writeDot(doc: Y.Doc, dot: Dot): void {
  dotSchema.parse(dot);
  doc.getMap(VOTES_DOC.dots).set(dot.id, dot);
}

export function deleteDot(doc: Y.Doc, dotId: string): void {
  doc.getMap(VOTES_DOC.dots).delete(dotId);
}

/**
 * Makes the document hold exactly `dots`: removes every other, adds the missing ones (those
 * already there are left alone, so an unchanged set writes nothing).
 */
export function replaceDots(doc: Y.Doc, dots: readonly Dot[]): void {
  const map = doc.getMap(VOTES_DOC.dots);
  const keep = new Set(dots.map((d) => d.id));
  for (const k of [...map.keys()]) if (!keep.has(k)) map.delete(k);
  for (const d of dots) if (!map.has(d.id)) writeDot(doc, d);
}
