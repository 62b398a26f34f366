import { z } from '../zod.js';

export const shapeIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/));

/**
 * Fields every board object has. `z` is a fractional index (see `z-order.ts`) so concurrent
 * inserts never renumber other objects; `v` is the record's schema version, migrated on read;
 * `locked` objects cannot be moved or edited until someone unlocks them. `furniture` marks a
 * template's scaffolding (section frames, titles, column headings, guide texts): made locked,
 * only a facilitator may unlock it, and it is not content (the outline and the exports' lists
 * leave it out). `prefilled` marks a template's example content (the future board's
 * suggested trends): the group's words only once a person has changed it (the server's
 * attribution says who last did), so the exports do not report it as theirs until then.
 * Both are optional and absent on everything else, so no record needs migrating.
 */
export const baseShapeSchema = z.object({
  id: shapeIdSchema,
  v: z.int().check(z.positive()),
  z: z.string().check(z.minLength(1), z.maxLength(128)),
  locked: z.boolean(),
  furniture: z.optional(z.boolean()),
  prefilled: z.optional(z.boolean()),
});

/** The object without the template's marks: a copy someone makes is their content. */
export function withoutTemplateMarks<
  T extends { furniture?: boolean | undefined; prefilled?: boolean | undefined },
>(shape: T): T {
  const { furniture: _furniture, prefilled: _prefilled, ...rest } = shape;
  // Only optional keys are gone: what is left is still a T.
  return rest as T;
}

/** Is this a template's scaffolding rather than content (see `baseShapeSchema`)? */
export function isFurniture(shape: { furniture?: boolean | undefined }): boolean {
  return shape.furniture === true;
}

// Zod's numbers are finite already (no Infinity).
const coord = z.number().check(z.gte(-1e7), z.lte(1e7));
const extent = z.number().check(z.positive(), z.lte(1e6));

/** An object that occupies a box: position of its top-left corner and its size, in board px. */
export const boxShapeSchema = z.extend(baseShapeSchema, {
  x: coord,
  y: coord,
  w: extent,
  h: extent,
});
export const coordSchema = coord;

/** A raw record as stored in the document, before migration and validation. */
export type RawRecord = Record<string, unknown>;

/** Migrates a record from version `n` (the key) to `n + 1`. */
export type Migration = (record: RawRecord) => RawRecord;

export interface ShapeDefinition<T extends { type: string; v: number }> {
  readonly type: T['type'];
  /** The current schema version. */
  readonly version: number;
  readonly schema: z.ZodMiniType<T>;
  /** Migrations keyed by the version they upgrade from; 1..version-1 must all exist. */
  readonly migrations: Readonly<Record<number, Migration>>;
}

export class ShapeMigrationError extends Error {}

/**
 * Brings a stored record up to the definition's current version and validates it.
 * A record from a newer version than this code knows is refused rather than guessed at,
 * so an old client can never rewrite data it does not understand.
 */
export function migrateShape<T extends { type: string; v: number }>(
  def: ShapeDefinition<T>,
  raw: RawRecord,
): T {
  const from = typeof raw.v === 'number' ? raw.v : 1;
  if (!Number.isInteger(from) || from < 1) {
    throw new ShapeMigrationError(`${def.type}: invalid version ${String(raw.v)}`);
  }
  if (from > def.version) {
    throw new ShapeMigrationError(
      `${def.type}: version ${from} is newer than this code (${def.version})`,
    );
  }
  let record: RawRecord = { ...raw, v: from };
  for (let v = from; v < def.version; v++) {
    const step = def.migrations[v];
    if (!step) throw new ShapeMigrationError(`${def.type}: no migration from version ${v}`);
    record = { ...step(record), v: v + 1 };
  }
  return def.schema.parse(record);
}
