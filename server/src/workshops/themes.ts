import {
  applyReview,
  boardDocId,
  DEFAULT_LOCALE,
  inputsDocId,
  MAX_THEMED_NOTES,
  MAX_THEMES,
  newId,
  ORIGIN_SERVER,
  readAllShapes,
  readThemeSets,
  refKey,
  type Sticky,
  type Theme,
  type ThemeNoteView,
  type ThemeReview,
  type ThemeSet,
  type ThemeSetView,
  translate,
  type WorkshopBoard,
  type WorkshopState,
  writeShapes,
  writeThemeSet,
} from '@torg/shared';
import { findThemes, isThemeNote, themeNameOf } from '@torg/shared/themes';
import type * as Y from 'yjs';
import type { Coordinator } from '../cluster/coordinator.js';
import { CommandError } from '../errors.js';
import { RateLimiter } from '../security/rate-limit.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import { placeThemes } from './theme-placement.js';
import { assertNotEnded, changeGatheringDoc, type WorkshopDocs } from './workshop-state.js';

/** A note on a board, as the themes read it. */
interface BoardNote extends ThemeNoteView {
  color: Sticky['color'];
}

const noSet = () => new CommandError(404, 'not_found', 'no themes found for this phase yet');

/**
 * Themes across boards ("Mye er sammenfallende", see `shared/src/themes/`): the facilitator
 * finds a phase's themes from the groups' notes, reviews them step by step (each applied to
 * the set as stored) and places them on a plenary board. The sets live in the gathering's
 * server-only document beside the input rounds, under the same lock.
 *
 * Finding reads every board of the phase and clusters up to `MAX_THEMED_NOTES` notes on the
 * event loop (1,000 notes: under 0.1 s, 1,500: about 0.25 s, `bench/results/themes.md`), and
 * placing writes up to as many copies onto a board, so both are rationed per gathering: three
 * at once, then one every 10 s (each on its own).
 */
export class ThemeService {
  private readonly perWorkshop = new RateLimiter({ burst: 3, perSecond: 1 / 10 });

  constructor(
    private readonly registry: DocRegistry,
    private readonly coordinator: Coordinator,
    private readonly docs: WorkshopDocs,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Finds the themes of a phase's group boards (or of `boardIds`, boards of the gathering)
   * anew, replacing the phase's set (a review is lost: the console asks first).
   */
  async find(workshopId: string, phaseId: string, boardIds?: string[]): Promise<ThemeSetView> {
    const state = await this.docs.state(workshopId);
    assertNotEnded(state);
    if (!state.phases.some((p) => p.id === phaseId))
      throw new CommandError(404, 'not_found', 'no such phase');
    const boards = chosenBoards(state, phaseId, boardIds);
    this.ration(`find:${workshopId}`);
    const notes = await this.notesOf(boards);
    if (notes.length > MAX_THEMED_NOTES)
      throw new CommandError(
        409,
        'too_many_notes',
        `themes are found across at most ${MAX_THEMED_NOTES} notes`,
      );
    this.perWorkshop.tryTake(`find:${workshopId}`);
    const found = findThemes(
      notes.map((n) => ({ id: refKey(n), text: n.text, groupId: n.groupId })),
      state.meta?.locale ?? DEFAULT_LOCALE,
    );
    const refOf = new Map(
      notes.map((n) => [refKey(n), { boardId: n.boardId, shapeId: n.shapeId }]),
    );
    const refs = (keys: string[]) => keys.flatMap((k) => refOf.get(k) ?? []);
    const kept = found.themes.slice(0, MAX_THEMES);
    const themes: Theme[] = kept.map((t) => ({
      id: newId(),
      name: themeNameOf(t.words),
      words: t.words.map((w) => w.slice(0, 60)),
      notes: refs(t.noteIds),
    }));
    const loose = refs([
      ...found.themes.slice(MAX_THEMES).flatMap((t) => t.noteIds),
      ...found.loose,
    ]);
    const set = await this.change(workshopId, (doc) => {
      const before = readThemeSets(doc).find((s) => s.phaseId === phaseId);
      const next: ThemeSet = {
        phaseId,
        boardIds: boards.map((b) => b.id),
        themes,
        loose,
        rev: (before?.rev ?? 0) + 1,
        foundAt: this.now(),
        reviewed: false,
        placed: before?.placed ?? null,
      };
      writeThemeSet(doc, next);
      return next;
    });
    return { ...set, notes, newNotes: 0 };
  }

  /**
   * A phase's themes with their notes' words as they are now (a note deleted since is not
   * there), and how many notes the boards have gained since; null before any were found.
   */
  async get(workshopId: string, phaseId: string): Promise<ThemeSetView | null> {
    const set = await this.stored(workshopId, phaseId);
    if (!set) return null;
    const state = await this.docs.state(workshopId);
    const onBoards = await this.notesOf(state.boards.filter((b) => set.boardIds.includes(b.id)));
    const inSet = new Set([...set.themes.flatMap((t) => t.notes), ...set.loose].map(refKey));
    const notes = onBoards.filter((n) => inSet.has(refKey(n)));
    return { ...set, notes, newNotes: onBoards.length - notes.length };
  }

  /** One step of the facilitator's review (rename, merge, split, move a note). */
  async review(workshopId: string, phaseId: string, step: ThemeReview): Promise<ThemeSet> {
    assertNotEnded(await this.docs.state(workshopId));
    return this.change(workshopId, (doc) => {
      const before = readThemeSets(doc).find((s) => s.phaseId === phaseId);
      if (!before) throw noSet();
      const after = applyReview(before, step);
      if (typeof after === 'string') throw new CommandError(400, 'bad_request', after);
      const next: ThemeSet = { ...before, ...after, rev: before.rev + 1, reviewed: true };
      writeThemeSet(doc, next);
      return next;
    });
  }

  /**
   * Places the themes on a plenary board of the gathering: a frame per theme ("Oversikt over
   * tjenestene – 4 av 5 grupper") holding copies of its notes, each tagged with its group and
   * linked to its source. Notes deleted from their boards since are left out.
   */
  async place(workshopId: string, phaseId: string, boardId: string) {
    const state = await this.docs.state(workshopId);
    assertNotEnded(state);
    const board = state.boards.find((b) => b.id === boardId);
    if (!board) throw new CommandError(404, 'not_found', 'no such board');
    if (board.groupId !== null)
      throw new CommandError(409, 'not_plenary', 'themes go on a plenary board');
    if (board.archived) throw new CommandError(409, 'board_archived', 'the board is archived');
    const set = await this.stored(workshopId, phaseId);
    if (!set) throw noSet();
    this.ration(`place:${workshopId}`);
    this.perWorkshop.tryTake(`place:${workshopId}`);
    const notes = await this.notesOf(state.boards.filter((b) => set.boardIds.includes(b.id)));
    const byRef = new Map(notes.map((n) => [refKey(n), n]));
    const groupName = new Map(state.groups.map((g) => [g.id, g.name]));
    const groupCount = new Set(
      set.boardIds.map((id) => state.boards.find((b) => b.id === id)?.groupId),
    ).size;
    const locale = state.meta?.locale ?? DEFAULT_LOCALE;
    const themes = set.themes.flatMap((theme) => {
      const found = theme.notes.flatMap((ref) => byRef.get(refKey(ref)) ?? []);
      if (found.length === 0) return [];
      const groups = new Set(found.map((n) => n.groupId)).size;
      return [
        {
          title: translate(locale, 'themes.frameTitle', {
            name: theme.name,
            count: groups,
            total: groupCount,
          }),
          notes: found.map((n) => ({
            text: n.text,
            color: n.color,
            label: n.groupId ? (groupName.get(n.groupId) ?? '') : '',
            boardId: n.boardId,
            shapeId: n.shapeId,
          })),
        },
      ];
    });
    const shapes = await this.registry.withRoom(boardDocId(boardId), (room) => {
      const placed = placeThemes(readAllShapes(room.doc), themes);
      room.transact((doc) => writeShapes(doc, placed, ORIGIN_SERVER));
      return placed;
    });
    await this.change(workshopId, (doc) => {
      const now = readThemeSets(doc).find((s) => s.phaseId === phaseId);
      if (now) writeThemeSet(doc, { ...now, placed: { boardId, at: this.now() } });
    });
    return { shapeIds: shapes.map((s) => s.id) };
  }

  /** Refuses (429) a find or a placing beyond the gathering's ration; takes nothing. */
  private ration(key: string): void {
    if (!this.perWorkshop.allows(key))
      throw new CommandError(429, 'too_fast', 'that was just done; try again in a moment');
  }

  /** The stored sets of the gathering (the report's summary reads them). */
  async sets(workshopId: string): Promise<ThemeSet[]> {
    return this.registry.withRoom(inputsDocId(workshopId), (room) => readThemeSets(room.doc));
  }

  private async stored(workshopId: string, phaseId: string): Promise<ThemeSet | null> {
    return (await this.sets(workshopId)).find((s) => s.phaseId === phaseId) ?? null;
  }

  /** The notes with words on `boards`, board by board, each board's in its z order. */
  private async notesOf(boards: readonly WorkshopBoard[]): Promise<BoardNote[]> {
    const notes: BoardNote[] = [];
    for (const board of boards) {
      const shapes = await this.registry.withRoom(boardDocId(board.id), (room) =>
        readAllShapes(room.doc),
      );
      for (const s of shapes)
        if (isThemeNote(s, board.template))
          notes.push({
            boardId: board.id,
            shapeId: s.id,
            text: s.text,
            groupId: board.groupId,
            color: s.color,
          });
    }
    return notes;
  }

  private change<T>(workshopId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    return changeGatheringDoc(this.registry, this.coordinator, workshopId, fn);
  }
}

/** The boards themes are found across: the phase's open group boards, or those chosen. */
function chosenBoards(
  state: WorkshopState,
  phaseId: string,
  boardIds: string[] | undefined,
): WorkshopBoard[] {
  if (!boardIds)
    return state.boards.filter((b) => b.phaseId === phaseId && b.groupId !== null && !b.archived);
  return boardIds.map((id) => {
    const board = state.boards.find((b) => b.id === id);
    if (!board) throw new CommandError(404, 'not_found', `no board ${id}`);
    return board;
  });
}
