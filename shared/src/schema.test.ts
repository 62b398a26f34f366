import { describe, expect, it } from 'vitest';
import { parseShape, SHAPE_DEFINITIONS } from './schema.js';
import { migrateShape, type ShapeDefinition, ShapeMigrationError } from './shapes/base.js';
import { type Sticky, stickyDefaults, stickyDefinition } from './shapes/sticky.js';

const firstVersionSticky = {
  id: 'abcd1234',
  type: 'sticky',
  v: 1,
  x: 10,
  y: -20.5,
  w: 200,
  h: 200,
  z: 'a0',
  text: 'Befolkningsvekst – flere eldre i Ås',
  color: 'yellow',
};

describe('sticky schema', () => {
  it('accepts a first-version sticky and keeps every field', () => {
    expect(parseShape(firstVersionSticky)).toEqual(firstVersionSticky);
  });

  it('treats a record without a version as version 1', () => {
    const { v: _v, ...unversioned } = firstVersionSticky;
    expect(parseShape(unversioned).v).toBe(1);
  });

  it('defaults make a valid sticky once placed', () => {
    const sticky = { ...stickyDefaults(), id: 'new1', x: 0, y: 0, z: 'a0' };
    expect(parseShape(sticky)).toEqual(sticky);
  });

  it.each([
    ['an unknown colour', { color: 'magenta' }],
    ['a negative width', { w: -1 }],
    ['a non-finite position', { x: Number.POSITIVE_INFINITY }],
    ['a text over the limit', { text: 'x'.repeat(10_001) }],
    ['an id with a slash', { id: 'ab/cd' }],
    ['a missing text', { text: undefined }],
  ])('rejects %s', (_name, patch) => {
    expect(() => parseShape({ ...firstVersionSticky, ...patch })).toThrow();
  });

  it('refuses a record from a newer version instead of guessing', () => {
    expect(() => parseShape({ ...firstVersionSticky, v: 2 })).toThrow(ShapeMigrationError);
  });

  it('refuses an unknown type', () => {
    expect(() => parseShape({ ...firstVersionSticky, type: 'hologram' })).toThrow(
      ShapeMigrationError,
    );
  });
});

describe('migrations', () => {
  it('every shape type has a migration for each version below the current one', () => {
    for (const def of Object.values(SHAPE_DEFINITIONS)) {
      for (let v = 1; v < def.version; v++)
        expect(def.migrations[v], `${def.type} v${v}`).toBeTypeOf('function');
    }
  });

  it('runs each migration step in order and validates the result', () => {
    // A definition two versions ahead of the first sticky layout, to exercise the runner.
    const calls: number[] = [];
    const def: ShapeDefinition<Sticky> = {
      ...stickyDefinition,
      version: 3,
      migrations: {
        1: (r: Record<string, unknown>) => {
          calls.push(1);
          return { ...r, text: `${String(r.text)}!` };
        },
        2: (r: Record<string, unknown>) => {
          calls.push(2);
          return { ...r, color: 'blue' };
        },
      },
    };
    const out = migrateShape(def, firstVersionSticky);
    expect(calls).toEqual([1, 2]);
    expect(out).toMatchObject({ v: 3, text: `${firstVersionSticky.text}!`, color: 'blue' });
  });

  it('fails loudly when a step is missing', () => {
    const def = { ...stickyDefinition, version: 2, migrations: {} };
    expect(() => migrateShape(def, firstVersionSticky)).toThrow(/no migration from version 1/);
  });
});
