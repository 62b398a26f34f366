import {
  boardDocId,
  commentsDocId,
  EMPTY_MEASURE,
  type FollowUpItem,
  getShape,
  isLate,
  type Measure,
  ORIGIN_SERVER,
  readAllShapes,
  readComments,
  type WorkshopState,
  writeShapes,
} from '@torg/shared';
import { CommandError } from '../errors.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import type { WorkshopDocs } from './workshop-state.js';

/** How long a worked-out list is reused (a room of phones opening the gathering at once). */
const CACHE_MS = 5_000;

/** An accepted suggestion a measure may name as its basis. */
export interface SuggestionBasis {
  id: string;
  text: string;
  boardName: string;
}

/**
 * Follow-up of measures ("oppfølging", see `shared/src/measures.ts`): the measures on the
 * boards of a series' gatherings, what is late, a facilitator's update of one, and which
 * measures name an input or a suggestion as their basis.
 *
 * A board brought forward into a later gathering is superseded by its copy (the same objects,
 * the same ids): only the newest copy of a measure is listed.
 */
export class FollowUp {
  private readonly cache = new Map<string, { at: number; items: Promise<FollowUpItem[]> }>();

  constructor(
    private readonly registry: DocRegistry,
    private readonly docs: WorkshopDocs,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The measures of these gatherings (oldest gathering first). `cached`: reused for a few
   * seconds (what every member's page or a public page asks); else read now (the
   * facilitator's list, asked for on purpose).
   */
  items(workshopIds: readonly string[], { cached = true } = {}): Promise<FollowUpItem[]> {
    const key = workshopIds.join(',');
    const hit = this.cache.get(key);
    if (cached && hit && this.now() - hit.at < CACHE_MS) return hit.items;
    const items = this.read(workshopIds);
    this.cache.set(key, { at: this.now(), items });
    // A failed read is not kept; the map stays small (a few keys per live series).
    items.catch(() => this.cache.delete(key));
    if (this.cache.size > 500) this.cache.delete(this.cache.keys().next().value as string);
    return items;
  }

  /** The facilitator changes a measure's owner, due date or status from the follow-up list. */
  async update(
    workshopIds: readonly string[],
    boardId: string,
    shapeId: string,
    patch: Partial<Pick<Measure, 'owner' | 'due' | 'status'>>,
  ): Promise<Measure> {
    const states = await this.states(workshopIds);
    if (!states.some(({ state }) => state.boards.some((b) => b.id === boardId)))
      throw new CommandError(404, 'not_found', 'no such board in this series');
    const measure = await this.registry.withRoom(boardDocId(boardId), (room) =>
      room.transact((doc) => {
        const shape = getShape(doc, shapeId);
        if (shape?.type !== 'sticky')
          throw new CommandError(404, 'not_found', 'no such note on this board');
        // The group makes a note a measure; the list only follows measures up.
        if (!shape.measure) throw new CommandError(409, 'not_a_measure', 'the note is no measure');
        const next: Measure = { ...EMPTY_MEASURE, ...shape.measure, ...definedOnly(patch) };
        writeShapes(doc, [{ ...shape, measure: next }], ORIGIN_SERVER);
        return next;
      }),
    );
    this.cache.clear();
    return measure;
  }

  /** The accepted suggestions on these gatherings' boards (what a measure may build on). */
  async suggestions(workshopIds: readonly string[]): Promise<SuggestionBasis[]> {
    const out: SuggestionBasis[] = [];
    for (const { state } of await this.states(workshopIds))
      for (const board of state.boards) {
        if (board.archived) continue;
        const comments = await this.registry.withRoom(commentsDocId(board.id), (room) =>
          readComments(room.doc),
        );
        for (const c of comments)
          if (c.kind === 'suggestion' && c.status === 'accepted' && c.proposal)
            out.push({ id: c.id, text: c.proposal, boardName: board.name });
      }
    return out;
  }

  private async read(workshopIds: readonly string[]): Promise<FollowUpItem[]> {
    const states = await this.states(workshopIds);
    const superseded = new Set(
      states.flatMap(({ state }) => state.boards.map((b) => b.broughtFrom?.boardId ?? '')),
    );
    const today = new Date(this.now()).toISOString().slice(0, 10);
    const items: FollowUpItem[] = [];
    for (const { workshopId, state } of states) {
      const meta = state.meta;
      if (!meta) continue;
      for (const board of state.boards) {
        if (board.archived || superseded.has(board.id)) continue;
        const shapes = await this.registry.withRoom(boardDocId(board.id), (room) =>
          readAllShapes(room.doc),
        );
        for (const shape of shapes) {
          if (shape.type !== 'sticky' || !shape.measure) continue;
          items.push({
            workshopId,
            gathering: meta.title,
            gatheringDate: meta.date,
            boardId: board.id,
            boardName: board.name,
            group: state.groups.find((g) => g.id === board.groupId)?.name ?? null,
            shapeId: shape.id,
            text: shape.text,
            measure: shape.measure,
            late: isLate(shape.measure, today),
          });
        }
      }
    }
    return items;
  }

  private async states(
    workshopIds: readonly string[],
  ): Promise<{ workshopId: string; state: WorkshopState }[]> {
    const out = [];
    for (const workshopId of workshopIds) {
      const state = await this.docs.state(workshopId);
      if (state.meta) out.push({ workshopId, state });
    }
    // Oldest gathering first; the same date keeps the order given (the order they were made).
    const date = (s: WorkshopState) => s.meta?.date ?? '';
    return out.sort((a, b) => date(a.state).localeCompare(date(b.state)));
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
