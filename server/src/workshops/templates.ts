import {
  type BuiltinTemplateId,
  isBuiltinTemplate,
  isValidId,
  parseShape,
  type Shape,
} from '@torg/shared';
import type { Storage } from '../storage/storage.js';

/** The prefix of a saved template in a phase's `template` value: `saved:<templateId>`. */
export const SAVED_PREFIX = 'saved:';

/** What a phase's `template` value names: a builtin, or a saved template's objects. */
export type TemplateSource =
  | { kind: 'builtin'; id: BuiltinTemplateId }
  | { kind: 'saved'; id: string; shapes: Shape[] };

/**
 * The objects of a stored template, each migrated and validated; anything that does not
 * parse (or a text that is not a JSON array at all) is dropped.
 */
export function parseStoredShapes(json: string): Shape[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: Shape[] = [];
  for (const item of raw) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    try {
      out.push(parseShape(item as Record<string, unknown>));
    } catch {
      // An invalid object is left out; the rest of the template still works.
    }
  }
  return out;
}

/** What reading templates needs of the storage. */
export type TemplateOwnerStore = Pick<Storage, 'getTemplate' | 'getWorkshop' | 'access'>;

/**
 * Whose saved templates a workshop's facilitators work with: its owner's organisation
 * (`org:<org>`) and the owner account itself (`f:<accountId>`; templates saved before the
 * account had an organisation), or `admin` for workshops made with the administrator token.
 * The first key is the one new templates are saved under.
 */
export async function templateOwnerKeys(
  storage: TemplateOwnerStore,
  workshopId: string,
): Promise<string[]> {
  const record = await storage.getWorkshop(workshopId);
  if (!record) return [];
  if (record.ownerId === null) return ['admin'];
  const account = await storage.access.getFacilitator(record.ownerId);
  const own = `f:${record.ownerId}`;
  return account?.org ? [`org:${account.org}`, own] : [own];
}

/**
 * Resolves a phase's `template` value for a workshop; null when it names no template, or a
 * saved template that belongs to someone else.
 */
export async function resolveTemplate(
  storage: TemplateOwnerStore,
  value: string,
  workshopId: string,
): Promise<TemplateSource | null> {
  if (isBuiltinTemplate(value)) return { kind: 'builtin', id: value };
  if (value.startsWith(SAVED_PREFIX)) {
    const id = value.slice(SAVED_PREFIX.length);
    const record = isValidId(id) ? await storage.getTemplate(id) : null;
    // A gathering template (a plan of the day) has no board to start from.
    if (!record?.ownerId || record.plan !== null) return null;
    if (!(await templateOwnerKeys(storage, workshopId)).includes(record.ownerId)) return null;
    return { kind: 'saved', id, shapes: parseStoredShapes(record.shapes) };
  }
  return null;
}
