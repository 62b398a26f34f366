import {
  boardDocId,
  DEFAULT_LOCALE,
  type Group,
  groupBoardName,
  instantiateShapes,
  instantiateTemplate,
  type Locale,
  newId,
  ORIGIN_SERVER,
  type Shape,
  type TemplateOptions,
  type WorkshopBoard,
  writeBoard,
  writeBring,
  writeMessage,
  writeMeta,
  writePhase,
  writePhaseMove,
  writeShapes,
} from '@torg/shared';
import { CommandError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import { resolveTemplate, type TemplateSource } from './templates.js';
import { assertNotEnded, type WorkshopDocs } from './workshop-state.js';

/**
 * The boards of a workshop and what the facilitator shows on them: phases with one board per
 * group, renaming, archiving and locking boards, a message to everyone, "bring everyone here".
 */
export class BoardService {
  constructor(
    private readonly storage: Storage,
    private readonly registry: DocRegistry,
    private readonly docs: WorkshopDocs,
  ) {}

  /**
   * A new phase: one board per group (or one plenary board), each filled with the
   * template's objects by the server. `template` is a builtin id or `saved:<templateId>`.
   */
  async newPhase(
    workshopId: string,
    input: {
      name: string;
      template: string;
      plenary: boolean;
      options?: TemplateOptions;
      /** Move every participant to their group's new board (see `phaseMoveSchema`). */
      moveEveryone?: boolean;
    },
  ) {
    const source = await resolveTemplate(this.storage, input.template, workshopId);
    if (!source)
      throw new CommandError(400, 'unknown_template', `no such template: ${input.template}`);
    const phaseId = newId();
    const boards = await this.docs.change(workshopId, (doc, state) => {
      assertNotEnded(state);
      // While a market square runs, its rounds decide where everyone is: moving them too would
      // pull visitors off the board they are visiting. End the square first (or do not move).
      const market = state.market?.state;
      if (input.moveEveryone && (market === 'running' || market === 'paused'))
        throw new CommandError(
          409,
          'market_running',
          'everyone cannot be moved while the market square runs',
        );
      writePhase(doc, {
        id: phaseId,
        name: input.name,
        template: input.template,
        order: state.phases.length,
      });
      const now = Date.now();
      const owners: (Group | null)[] = input.plenary ? [null] : state.groups;
      const created = owners.map((g) => {
        const board: WorkshopBoard = {
          id: newId(),
          name: g ? groupBoardName(input.name, g.name) : input.name,
          groupId: g?.id ?? null,
          phaseId,
          template: input.template,
          archived: false,
          locked: false,
          createdAt: now,
        };
        writeBoard(doc, board);
        return board;
      });
      if (input.moveEveryone)
        writePhaseMove(doc, { seq: (state.phaseMove?.seq ?? 0) + 1, phaseId, at: now });
      return created;
    });
    await this.storage.addBoards(
      workshopId,
      boards.map((b) => b.id),
    );
    // The templates' texts in the gathering's written language.
    const locale = (await this.docs.state(workshopId)).meta?.locale ?? DEFAULT_LOCALE;
    for (const b of boards) await this.fillBoard(b.id, source, input.options ?? {}, locale);
    await this.registry.flush();
    return { phaseId, boardIds: boards.map((b) => b.id) };
  }

  /** Writes a fresh copy of the template's objects into a board, in one transaction. */
  private async fillBoard(
    boardId: string,
    source: TemplateSource,
    options: TemplateOptions,
    locale: Locale,
  ): Promise<void> {
    if (source.kind === 'builtin' && source.id === 'blank') return;
    const shapes: Shape[] =
      source.kind === 'builtin'
        ? instantiateTemplate(source.id, options, locale)
        : instantiateShapes(source.shapes);
    if (shapes.length === 0) return;
    await this.registry.withRoom(boardDocId(boardId), (room) =>
      room.transact((doc) => writeShapes(doc, shapes, ORIGIN_SERVER)),
    );
  }

  async updateBoard(
    workshopId: string,
    boardId: string,
    patch: { name?: string; archived?: boolean; locked?: boolean },
  ) {
    await this.docs.change(workshopId, (doc, state) => {
      const b = state.boards.find((x) => x.id === boardId);
      if (!b) throw new CommandError(404, 'not_found', 'no such board');
      writeBoard(doc, { ...b, ...patch });
    });
  }

  async lockAll(workshopId: string, locked: boolean) {
    await this.docs.change(workshopId, (doc, state) => {
      writeMeta(doc, { allLocked: locked });
      // "Unlock all" also lifts the single-board locks, so it means what it says.
      if (!locked)
        for (const b of state.boards) if (b.locked) writeBoard(doc, { ...b, locked: false });
    });
  }

  async message(workshopId: string, text: string) {
    await this.docs.change(workshopId, (doc) => {
      writeMessage(doc, { text: text.trim(), at: Date.now() });
    });
  }

  async bring(
    workshopId: string,
    boardId: string,
    viewport: { x: number; y: number; w: number; h: number } | null,
  ) {
    await this.docs.change(workshopId, (doc, state) => {
      if (!state.boards.some((b) => b.id === boardId))
        throw new CommandError(404, 'not_found', 'no such board');
      writeBring(doc, { boardId, viewport, at: Date.now() });
    });
  }
}
