import {
  type BuiltinTemplateId,
  isBuiltinTemplate,
  isValidId,
  parseShape,
  type Shape,
} from '@torg/shared';
import type { TemplateStore } from '../storage/storage.js';

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

/** Resolves a phase's `template` value; null when it names no template. */
export async function resolveTemplate(
  storage: TemplateStore,
  value: string,
): Promise<TemplateSource | null> {
  if (isBuiltinTemplate(value)) return { kind: 'builtin', id: value };
  if (value.startsWith(SAVED_PREFIX)) {
    const id = value.slice(SAVED_PREFIX.length);
    const record = isValidId(id) ? await storage.getTemplate(id) : null;
    if (record) return { kind: 'saved', id, shapes: parseStoredShapes(record.shapes) };
  }
  return null;
}
