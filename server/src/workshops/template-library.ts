import {
  boardDocId,
  type DayPlan,
  dayPlanSchema,
  isValidId,
  newId,
  readAllShapes,
  type Shape,
} from '@torg/shared';
import { CommandError } from '../errors.js';
import type { Storage, TemplateRecord } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import { parseStoredShapes, templateOwnerKeys } from './templates.js';

function notFound(): CommandError {
  return new CommandError(404, 'not_found', 'no such template');
}

/** A saved template as the library lists it: a board's objects, or a gathering's day. */
export interface TemplateInfo {
  id: string;
  name: string;
  createdAt: number;
  kind: 'board' | 'gathering';
  /** A board template's objects; 0 for a gathering's. */
  objects: number;
  /** A gathering template's steps; 0 for a board's. */
  steps: number;
}

/**
 * Saved templates: snapshots of boards, and plans of a whole gathering's day (the agenda with
 * the board templates its steps start from), stored on the server. Each belongs to the owner key
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
    const shapes: Shape[] = await this.registry.withRoom(boardDocId(boardId), (room) =>
      readAllShapes(room.doc),
    );
    return this.put(workshopId, name, JSON.stringify(shapes), null);
  }

  /** Saves a plan of the day as a gathering template, for the owner's other gatherings. */
  async savePlan(workshopId: string, name: string, plan: DayPlan): Promise<string> {
    return this.put(workshopId, name, '[]', JSON.stringify(plan));
  }

  private async put(workshopId: string, name: string, shapes: string, plan: string | null) {
    const [owner] = await templateOwnerKeys(this.storage, workshopId);
    if (!owner) throw new CommandError(404, 'not_found', 'no such workshop');
    const id = newId();
    await this.storage.putTemplate({
      id,
      ownerId: owner,
      name,
      shapes,
      plan,
      createdAt: Date.now(),
    });
    return id;
  }

  async list(workshopId: string): Promise<TemplateInfo[]> {
    const owners = await templateOwnerKeys(this.storage, workshopId);
    if (owners.length === 0) return [];
    return (await this.storage.listTemplates(owners)).map((t) => {
      const plan = parseStoredPlan(t.plan);
      return {
        id: t.id,
        name: t.name,
        createdAt: t.createdAt,
        kind: t.plan === null ? 'board' : 'gathering',
        objects: t.plan === null ? parseStoredShapes(t.shapes).length : 0,
        steps: plan?.steps.length ?? 0,
      };
    });
  }

  async get(
    workshopId: string,
    id: string,
  ): Promise<{ id: string; name: string; shapes: Shape[]; plan: DayPlan | null }> {
    const t = await this.record(workshopId, id);
    return {
      id: t.id,
      name: t.name,
      shapes: parseStoredShapes(t.shapes),
      plan: parseStoredPlan(t.plan),
    };
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

/** A stored plan of the day, validated; null for a board's template or a plan that no longer parses. */
function parseStoredPlan(json: string | null): DayPlan | null {
  if (json === null) return null;
  try {
    const parsed = dayPlanSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
