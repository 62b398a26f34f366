import { attributionDocId, readAttribution, type WorkshopState } from '@torg/shared';
import type { Identity } from '../auth/tokens.js';
import { CommandError } from '../errors.js';
import { derived } from '../sync/derived.js';
import type { DocRegistry } from '../sync/doc-registry.js';

/**
 * How far back an answer's `asOf` lies: attributions are recorded in batches after the change
 * arrived (and, in a cluster, by other servers with their own clocks), stamped with when it
 * arrived. An object recorded after an answer was given still has a `createdAt` no earlier
 * than this before it, so a client asking `since=asOf` misses none (and gets a few twice).
 */
export const AUTHORS_OVERLAP_MS = 10_000;

/** One recorded author: [shapeId, participantId, createdAt or 0 when unknown]. */
type AuthorEntry = readonly [string, string, number];

/** The board's authors ordered by when each object was made, oldest first. */
function authorEntries(doc: Parameters<typeof readAttribution>[0]): AuthorEntry[] {
  const out: AuthorEntry[] = [];
  for (const [shapeId, a] of readAttribution(doc))
    if (a.createdBy !== null) out.push([shapeId, a.createdBy, a.createdAt ?? 0]);
  return out.sort((x, y) => x[2] - y[2]);
}

/**
 * Who made each object of a board, for the board's "made by … (group)" label on hover and
 * focus. The attribution document is server-only (`shared/src/attribution.ts`); this hands
 * out only its authors (participant ids, which every member already maps to names and groups
 * through the workshop document), to members of the board's workshop. A client asks for the
 * whole board once and then only for what is new since its last answer (`since`), so a busy
 * board's hover labels do not send every author again every few seconds; the list is read
 * once per change of the board, however many ask.
 */
export class BoardAuthors {
  constructor(
    private readonly registry: DocRegistry,
    private readonly state: (workshopId: string) => Promise<WorkshopState>,
    private readonly now: () => number = Date.now,
  ) {}

  async authors(
    identity: Identity,
    boardId: string,
    since: number | null,
  ): Promise<{ authors: Record<string, string>; asOf: number }> {
    const state = await this.state(identity.workshopId);
    if (!state.meta || !state.boards.some((b) => b.id === boardId))
      throw new CommandError(404, 'not_found', 'no such board');
    const asOf = this.now() - AUTHORS_OVERLAP_MS;
    return this.registry.withRoom(attributionDocId(boardId), (room) => {
      const entries = derived(room.doc, 'authors', authorEntries);
      const authors: Record<string, string> = {};
      for (let i = since === null ? 0 : firstAtOrAfter(entries, since); i < entries.length; i++) {
        const [shapeId, participantId] = entries[i] as AuthorEntry;
        authors[shapeId] = participantId;
      }
      return { authors, asOf };
    });
  }
}

/** The index of the first entry made at or after `time` (entries ordered by time). */
function firstAtOrAfter(entries: readonly AuthorEntry[], time: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((entries[mid] as AuthorEntry)[2] < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
