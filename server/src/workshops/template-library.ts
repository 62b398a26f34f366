import { boardDocId, isValidId, newId, readAllShapes, type Shape } from '@torg/shared';
import type { Storage, TemplateRecord } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import { CommandError } from './service.js';
import { parseStoredShapes } from './templates.js';

function notFound(): CommandError {
  return new CommandError(404, 'not_found', 'no such template');
}

/**
 * Saved templates: snapshots of boards, stored on the server and offered in every
 * workshop on it. Callers check that the caller is a facilitator.
 */
export class TemplateLibrary {
  constructor(
    private readonly storage: Storage,
    private readonly registry: DocRegistry,
  ) {}

  /** Saves a snapshot of the objects of a board of this workshop; 404 for any other board. */
  async save(workshopId: string, boardId: string, name: string): Promise<string> {
    if (!isValidId(boardId) || (await this.storage.boardWorkshop(boardId)) !== workshopId)
      throw new CommandError(404, 'not_found', 'no such board in this workshop');
    const room = await this.registry.acquire(boardDocId(boardId));
    let shapes: Shape[];
    try {
      shapes = readAllShapes(room.doc);
    } finally {
      this.registry.release(room);
    }
    const id = newId();
    await this.storage.putTemplate({
      id,
      // Placeholder until templates belong to accounts (issue 15): every template one owner.
      ownerId: 'server',
      name,
      shapes: JSON.stringify(shapes),
      createdAt: Date.now(),
    });
    return id;
  }

  async list(): Promise<{ id: string; name: string; createdAt: number; objects: number }[]> {
    return (await this.storage.listTemplates(['server'])).map((t) => ({
      id: t.id,
      name: t.name,
      createdAt: t.createdAt,
      objects: parseStoredShapes(t.shapes).length,
    }));
  }

  async get(id: string): Promise<{ id: string; name: string; shapes: Shape[] }> {
    const t = await this.record(id);
    return { id: t.id, name: t.name, shapes: parseStoredShapes(t.shapes) };
  }

  async rename(id: string, name: string): Promise<void> {
    if (!isValidId(id) || !(await this.storage.renameTemplate(id, name))) throw notFound();
  }

  async remove(id: string): Promise<void> {
    if (!isValidId(id) || !(await this.storage.deleteTemplate(id))) throw notFound();
  }

  private async record(id: string): Promise<TemplateRecord> {
    const t = isValidId(id) ? await this.storage.getTemplate(id) : null;
    if (!t) throw notFound();
    return t;
  }
}
