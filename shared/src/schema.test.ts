import { describe, expect, it } from 'vitest';
import { parseShape, SHAPE_DEFINITIONS, type Shape } from './schema.js';
import { migrateShape, type ShapeDefinition, ShapeMigrationError } from './shapes/base.js';
import { connectorDefaults } from './shapes/connector.js';
import { frameDefaults } from './shapes/frame.js';
import { geoDefaults } from './shapes/geo.js';
import { placedImageSize } from './shapes/image.js';
import { type Sticky, stickyDefaults, stickyDefinition } from './shapes/sticky.js';
import { textDefaults } from './shapes/text.js';

/** A sticky exactly as the first board (schema v1) stored it. */
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

const place = { x: 0, y: 0, z: 'a0' };

/** One valid example of every type, built from its defaults. */
const examples: Shape[] = [
  { ...stickyDefaults(), ...place, id: 'stick1' },
  { ...textDefaults(), ...place, id: 'text01', text: 'Overskrift', size: 'xl', bold: true },
  { ...geoDefaults('diamond'), ...place, id: 'geo001', text: 'Vedtak' },
  {
    ...connectorDefaults(),
    id: 'conn01',
    z: 'a1',
    start: { kind: 'shape', shapeId: 'stick1' },
    end: { kind: 'point', x: 400, y: 20 },
  },
  { ...frameDefaults(), ...place, id: 'frame1', name: 'Fremtidsbildet 2035' },
  {
    id: 'draw01',
    type: 'drawing',
    v: 1,
    locked: false,
    ...place,
    w: 10,
    h: 10,
    points: [0, 0, 5, 5, 10, 10],
    color: 'blue',
    width: 'm',
  },
  {
    id: 'img001',
    type: 'image',
    v: 1,
    locked: false,
    ...place,
    w: 600,
    h: 450,
    assetId: 'asset1',
    alt: 'Flippover',
  },
];

describe('every object type', () => {
  it('has an example here', () => {
    expect(new Set(examples.map((e) => e.type))).toEqual(new Set(Object.keys(SHAPE_DEFINITIONS)));
  });

  it.each(examples.map((e) => [e.type, e] as const))(
    'a valid %s round-trips unchanged',
    (_t, shape) => {
      expect(parseShape(shape)).toEqual(shape);
    },
  );

  it.each(examples.map((e) => [e.type, e] as const))(
    '%s: a missing lock flag is refused',
    (_t, shape) => {
      const { locked: _l, ...rest } = shape;
      expect(() => parseShape(rest)).toThrow();
    },
  );

  it.each(examples.map((e) => [e.type, e] as const))('%s: a bad id is refused', (_t, shape) => {
    expect(() => parseShape({ ...shape, id: 'ab/cd' })).toThrow();
  });
});

describe('validators refuse what would break a board', () => {
  const [sticky, text, geo, connector, frame, drawing, image] = examples;
  it.each([
    ['a sticky colour outside the palette', { ...sticky, color: 'magenta' }],
    ['a sticky size outside s/m/l', { ...sticky, size: 'xxl' }],
    ['a negative width', { ...sticky, w: -1 }],
    ['a non-finite position', { ...sticky, x: Number.POSITIVE_INFINITY }],
    ['a sticky text over the limit', { ...sticky, text: 'x'.repeat(10_001) }],
    ['an unknown text size', { ...text, size: 'huge' }],
    ['a geo kind that does not exist', { ...geo, kind: 'star' }],
    ['a connector end without a target', { ...connector, end: { kind: 'shape' } }],
    [
      'a connector end at a non-finite point',
      { ...connector, end: { kind: 'point', x: Number.NaN, y: 0 } },
    ],
    ['an unknown route', { ...connector, route: 'curvy' }],
    ['a frame colour outside the palette', { ...frame, color: 'chartreuse' }],
    ['a drawing with an odd number of coordinates', { ...drawing, points: [0, 0, 1] }],
    ['a drawing with too many points', { ...drawing, points: new Array(10_002).fill(1) }],
    ['an image with a malformed asset id', { ...image, assetId: '../etc/passwd' }],
  ])('refuses %s', (_name, record) => {
    expect(() => parseShape(record as Record<string, unknown>)).toThrow();
  });

  it('refuses an unknown type', () => {
    expect(() => parseShape({ ...sticky, type: 'hologram' })).toThrow(ShapeMigrationError);
  });
});

describe('migrations', () => {
  it('migrates a first-version sticky to the current version', () => {
    expect(parseShape(firstVersionSticky)).toEqual({
      ...firstVersionSticky,
      v: stickyDefinition.version,
      size: 'm',
      locked: false,
    });
  });

  it('treats a record without a version as version 1', () => {
    const { v: _v, ...unversioned } = firstVersionSticky;
    expect(parseShape(unversioned)).toMatchObject({ v: 2, size: 'm' });
  });

  it('refuses a record from a newer version instead of guessing', () => {
    expect(() => parseShape({ ...firstVersionSticky, v: 99 })).toThrow(ShapeMigrationError);
  });

  it('every type has a migration for each version below its current one, and each runs', () => {
    for (const def of Object.values(SHAPE_DEFINITIONS)) {
      for (let v = 1; v < def.version; v++) {
        const step = def.migrations[v];
        expect(step, `${def.type} v${v}`).toBeTypeOf('function');
      }
    }
    // Run the whole chain from version 1 for every type that has migrations.
    expect(parseShape(firstVersionSticky).v).toBe(stickyDefinition.version);
  });

  it('runs the steps in order and validates the result', () => {
    const calls: number[] = [];
    const def: ShapeDefinition<Sticky> = {
      ...stickyDefinition,
      version: 3,
      migrations: {
        1: (r) => {
          calls.push(1);
          return stickyDefinition.migrations[1]?.(r) ?? r;
        },
        2: (r) => {
          calls.push(2);
          return { ...r, color: 'blue' };
        },
      },
    };
    expect(migrateShape(def, firstVersionSticky)).toMatchObject({ v: 3, color: 'blue', size: 'm' });
    expect(calls).toEqual([1, 2]);
  });

  it('fails loudly when a step is missing', () => {
    const def = { ...stickyDefinition, version: 3, migrations: {} };
    expect(() => migrateShape(def, firstVersionSticky)).toThrow(/no migration from version 1/);
  });
});

describe('image placement', () => {
  it('scales a phone photo down to the board and keeps the aspect', () => {
    expect(placedImageSize(4032, 3024)).toEqual({ w: 600, h: 450 });
    expect(placedImageSize(300, 200)).toEqual({ w: 300, h: 200 });
  });
});
