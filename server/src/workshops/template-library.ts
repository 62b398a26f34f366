import { boardDocId, isValidId, newId, readAllShapes, type Shape } from '@torg/shared';
import { CommandError } from '../errors.js';
import type { Storage, TemplateRecord } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import { parseStoredShapes, templateOwnerKeys } from './templates.js';

function notFound(): CommandError {
  return new CommandError(404, 'not_found', 'no such template');
}

/**
 * Saved templates: snapshots of boards, stored on the server. Each belongs to the owner key
 * of the workshop it was saved from (see `templateOwnerKeys`): a workshop's facilitators
 * list, read, rename, delete and use only their owner's templates; any other looks like no
 * template at all (404). Callers check that the caller is a facilitator of `workshopId`.
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
    const [owner] = await templateOwnerKeys(this.storage, workshopId);
    if (!owner) throw new CommandError(404, 'not_found', 'no such workshop');
    const shapes: Shape[] = await this.registry.withRoom(boardDocId(boardId), (room) =>
      readAllShapes(room.doc),
    );
    const id = newId();
    await this.storage.putTemplate({
      id,
      ownerId: owner,
      name,
      shapes: JSON.stringify(shapes),
      createdAt: Date.now(),
    });
    return id;
  }

  async list(
    workshopId: string,
  ): Promise<{ id: string; name: string; createdAt: number; objects: number }[]> {
    const owners = await templateOwnerKeys(this.storage, workshopId);
    if (owners.length === 0) return [];
    return (await this.storage.listTemplates(owners)).map((t) => ({
      id: t.id,
      name: t.name,
      createdAt: t.createdAt,
      objects: parseStoredShapes(t.shapes).length,
    }));
  }

  async get(
    workshopId: string,
    id: string,
  ): Promise<{ id: string; name: string; shapes: Shape[] }> {
    const t = await this.record(workshopId, id);
    return { id: t.id, name: t.name, shapes: parseStoredShapes(t.shapes) };
  }

  async rename(workshopId: string, id: string, name: string): Promise<void> {
    await this.record(workshopId, id);
    if (!(await this.storage.renameTemplate(id, name))) throw notFound();
  }

  async remove(workshopId: string, id: string): Promise<void> {
    await this.record(workshopId, id);
    if (!(await this.storage.deleteTemplate(id))) throw notFound();
  }

  /** The template, if it belongs to the workshop's owner; 404 otherwise. */
  private async record(workshopId: string, id: string): Promise<TemplateRecord> {
    const t = isValidId(id) ? await this.storage.getTemplate(id) : null;
    if (!t?.ownerId) throw notFound();
    if (!(await templateOwnerKeys(this.storage, workshopId)).includes(t.ownerId)) throw notFound();
    return t;
  }
}
