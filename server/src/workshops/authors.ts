import { attributionDocId, readAttribution, type WorkshopState } from '@torg/shared';
import type { Identity } from '../auth/tokens.js';
import { CommandError } from '../errors.js';
import type { DocRegistry } from '../sync/doc-registry.js';

/**
 * Who made each object of a board, for the board's "made by … (group)" label on hover and
 * focus. The attribution document is server-only (`shared/src/attribution.ts`); this hands
 * out only its authors (participant ids, which every member already maps to names and groups
 * through the workshop document), to members of the board's workshop.
 */
export class BoardAuthors {
  constructor(
    private readonly registry: DocRegistry,
    private readonly state: (workshopId: string) => Promise<WorkshopState>,
  ) {}

  async authors(identity: Identity, boardId: string): Promise<Record<string, string>> {
    const state = await this.state(identity.workshopId);
    if (!state.meta || !state.boards.some((b) => b.id === boardId))
      throw new CommandError(404, 'not_found', 'no such board');
    return this.registry.withRoom(attributionDocId(boardId), (room) => {
      const out: Record<string, string> = {};
      for (const [shapeId, a] of readAttribution(room.doc))
        if (a.createdBy !== null) out[shapeId] = a.createdBy;
      return out;
    });
  }
}
