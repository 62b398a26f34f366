import { type Comment, type CommentPin, type ShapeLookup, shapeBounds } from '@torg/shared';

/** The number shown on a top-level comment's pin and in the panel (1, 2, … oldest first). */
export function numberComments(comments: readonly Comment[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of comments) if (c.parentId === null) out.set(c.id, out.size + 1);
  return out;
}

/** Replies by the comment they answer, oldest first. */
export function repliesByParent(comments: readonly Comment[]): Map<string, Comment[]> {
  const out = new Map<string, Comment[]>();
  for (const c of comments) {
    if (c.parentId === null) continue;
    out.set(c.parentId, [...(out.get(c.parentId) ?? []), c]);
  }
  return out;
}

export interface FeedbackGroup {
  groupId: string | null;
  threads: Comment[];
}
export interface FeedbackRound {
  round: number | null;
  groups: FeedbackGroup[];
}

/**
 * Top-level comments by market round (rounds in order, then what came outside the market)
 * and, within a round, by the group that wrote them (in the order they first commented).
 */
export function groupFeedback(comments: readonly Comment[]): FeedbackRound[] {
  const rounds = new Map<number | null, Map<string | null, Comment[]>>();
  for (const c of comments) {
    if (c.parentId !== null) continue;
    let groups = rounds.get(c.round);
    if (!groups) {
      groups = new Map();
      rounds.set(c.round, groups);
    }
    groups.set(c.groupId, [...(groups.get(c.groupId) ?? []), c]);
  }
  return [...rounds.entries()]
    .sort(([a], [b]) => (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER))
    .map(([round, groups]) => ({
      round,
      groups: [...groups.entries()].map(([groupId, threads]) => ({ groupId, threads })),
    }));
}

/** Comments by others newer than `seen` (a server time in ms; 0: never opened). */
export function unreadCount(comments: readonly Comment[], seen: number, meId: string): number {
  return comments.filter((c) => c.createdAt > seen && c.authorId !== meId).length;
}

/** Where a pin is drawn: its spot, or the top-right corner of the pinned object (null: gone). */
export function pinPoint(pin: CommentPin, lookup: ShapeLookup): { x: number; y: number } | null {
  if ('x' in pin) return { x: pin.x, y: pin.y };
  const shape = lookup(pin.shapeId);
  const b = shape ? shapeBounds(shape, lookup) : null;
  return b ? { x: b.x + b.w, y: b.y } : null;
}

const SEEN_PREFIX = 'torg.commentsSeen.';

/** The newest comment time this browser has seen in the feedback panel of a board. */
export function loadSeen(boardId: string): number {
  try {
    const v = Number(localStorage.getItem(SEEN_PREFIX + boardId));
    return Number.isFinite(v) ? v : 0;
  } catch {
    return 0;
  }
}

export function storeSeen(boardId: string, seen: number): void {
  try {
    localStorage.setItem(SEEN_PREFIX + boardId, String(seen));
  } catch {
    // storage unavailable (private mode): unread counts last for this page only
  }
}
