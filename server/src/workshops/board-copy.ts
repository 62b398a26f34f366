import {
  boardDocId,
  newId,
  ORIGIN_SERVER,
  type Phase,
  readAllShapes,
  type Shape,
  type WorkshopBoard,
  type WorkshopState,
  writeBoard,
  writePhase,
  writeShapes,
} from '@torg/shared';
import type { Storage } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import type { WorkshopDocs } from './workshop-state.js';

/** A board to bring forward, with the gathering it is in. */
export interface BoardSource {
  workshopId: string;
  state: WorkshopState;
  board: WorkshopBoard;
}

/**
 * Bringing boards forward into the next gathering of a series: each a copy of its objects
 * (same object ids, so a measure stays the same measure in the follow-up), under a phase of
 * the same name, owned by the group of the same place, linking back to the board it copies.
 * Its images are copied too (a new asset per image, kept with the new board), so deleting the
 * earlier gathering leaves the copy whole. Comments and votes stay with the original.
 */
export class BoardCopier {
  constructor(
    private readonly storage: Storage,
    private readonly registry: DocRegistry,
    private readonly docs: WorkshopDocs,
  ) {}

  async bringForward(workshopId: string, sources: readonly BoardSource[]): Promise<string[]> {
    if (sources.length === 0) return [];
    const copies = await this.docs.change(workshopId, (doc, state) => {
      const phases = new Map<string, Phase>();
      let order = state.phases.length;
      const now = Date.now();
      return sources.map((source, i) => {
        const phase = source.board.phaseId
          ? source.state.phases.find((p) => p.id === source.board.phaseId)
          : undefined;
        let phaseId: string | null = null;
        if (phase) {
          const key = `${source.workshopId}/${phase.id}`;
          let copied = phases.get(key);
          if (!copied) {
            copied = { id: newId(), name: phase.name, template: phase.template, order: order++ };
            phases.set(key, copied);
            writePhase(doc, copied);
          }
          phaseId = copied.id;
        }
        const board: WorkshopBoard = {
          id: newId(),
          name: source.board.name,
          groupId: sameGroup(source.state, state, source.board.groupId),
          phaseId,
          template: source.board.template,
          archived: false,
          locked: false,
          // Apart by a millisecond each, so the boards keep the order they were chosen in.
          createdAt: now + i,
          broughtFrom: { workshopId: source.workshopId, boardId: source.board.id },
        };
        writeBoard(doc, board);
        return { board, from: source.board.id };
      });
    });
    await this.storage.addBoards(
      workshopId,
      copies.map((c) => c.board.id),
    );
    for (const { board, from } of copies) await this.copyObjects(from, board.id);
    await this.registry.flush();
    return copies.map((c) => c.board.id);
  }

  /** The board's objects into another (empty) board, each image with an asset of its own. */
  private async copyObjects(fromBoardId: string, toBoardId: string): Promise<void> {
    const shapes = await this.registry.withRoom(boardDocId(fromBoardId), (room) =>
      readAllShapes(room.doc),
    );
    const copied: Shape[] = [];
    for (const shape of shapes) {
      if (shape.type !== 'image') {
        copied.push(shape);
        continue;
      }
      const asset = await this.storage.getAsset(shape.assetId);
      if (!asset) {
        copied.push(shape); // a broken image stays broken
        continue;
      }
      const assetId = newId();
      await this.storage.putAsset({ ...asset, id: assetId, boardId: toBoardId });
      copied.push({ ...shape, assetId });
    }
    if (copied.length === 0) return;
    await this.registry.withRoom(boardDocId(toBoardId), (room) =>
      room.transact((doc) => writeShapes(doc, copied, ORIGIN_SERVER)),
    );
  }
}

/** The group of `to` in the place (order) the board's group has in `from`; null when none. */
function sameGroup(from: WorkshopState, to: WorkshopState, groupId: string | null): string | null {
  if (groupId === null) return null;
  const index = from.groups.findIndex((g) => g.id === groupId);
  return to.groups[index]?.id ?? null;
}
