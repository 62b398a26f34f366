import { describe, expect, it } from 'vitest';
import { renderBoardSvg } from '../render/svg.js';
import { parseShape, shapeText, textPatch } from '../schema.js';
import { migrateShape } from './base.js';
import { SHAPE_TYPES, SHAPE_UTILS, type Shape } from './registry.js';
import { resizedBox, type ShapeUtil } from './util.js';

/** A placeable object of each type, built from its own defaults. */
const EXAMPLES: { [K in keyof typeof SHAPE_UTILS]: Extract<Shape, { type: K }> } = {
  sticky: { ...SHAPE_UTILS.sticky.defaults(), id: 'stk1', x: 0, y: 0, z: 'a0' },
  text: { ...SHAPE_UTILS.text.defaults(), id: 'txt1', x: 0, y: 300, z: 'a1' },
  geo: { ...SHAPE_UTILS.geo.defaults(), id: 'geo1', x: 300, y: 0, z: 'a2' },
  connector: {
    ...SHAPE_UTILS.connector.defaults(),
    id: 'con1',
    z: 'a3',
    start: { kind: 'shape', shapeId: 'stk1' },
    end: { kind: 'point', x: 600, y: 600 },
  },
  frame: { ...SHAPE_UTILS.frame.defaults(), id: 'frm1', x: -50, y: -50, z: 'a4' },
  drawing: {
    ...SHAPE_UTILS.drawing.defaults(),
    id: 'drw1',
    x: 10,
    y: 400,
    w: 30,
    h: 20,
    z: 'a5',
    points: [0, 0, 10, 20, 30, 5],
  },
  image: {
    ...SHAPE_UTILS.image.defaults(),
    id: 'img1',
    x: 400,
    y: 400,
    w: 60,
    h: 40,
    z: 'a6',
    assetId: 'asset1',
  },
};

const utils = Object.entries(SHAPE_UTILS) as [string, ShapeUtil<Shape, unknown>][];

describe('shape registry', () => {
  it('has every part for every type', () => {
    for (const [type, util] of utils) {
      expect(util.type).toBe(type);
      expect(util.version).toBeGreaterThanOrEqual(1);
      const parts = [
        'defaults',
        'bounds',
        'drawnBounds',
        'lowDetailFill',
        'minimapFill',
        'toSvg',
      ] as const;
      for (const part of parts) expect(typeof util[part], `${type}.${part}`).toBe('function');
      expect(['none', 'width', 'free', 'aspect']).toContain(util.resize);
      // A type with words has a limit for them; one without has none.
      expect(util.textMax > 0, type).toBe(util.textField !== null);
    }
    expect(SHAPE_TYPES).toEqual(Object.keys(EXAMPLES));
  });

  it('gives defaults with the current version that the schema accepts', () => {
    for (const type of SHAPE_TYPES) {
      const example = EXAMPLES[type];
      expect(example.v, type).toBe(SHAPE_UTILS[type].version);
      expect(parseShape({ ...example }), type).toEqual(example);
    }
  });

  it('migrates a record of every older version up to the current one', () => {
    for (const type of SHAPE_TYPES) {
      const util = SHAPE_UTILS[type] as ShapeUtil<Shape, unknown>;
      for (let v = 1; v < util.version; v++) {
        expect(typeof util.migrations[v], `${type} migration from v${v}`).toBe('function');
        // A record claiming an old version still comes out current and valid.
        const migrated = migrateShape(util, { ...EXAMPLES[type], v });
        expect(migrated.v).toBe(util.version);
      }
      expect(Object.keys(util.migrations).map(Number).sort()).toEqual(
        Array.from({ length: util.version - 1 }, (_, i) => i + 1),
      );
    }
  });

  it('reads and writes each type’s words through its own field', () => {
    for (const type of SHAPE_TYPES) {
      const shape = EXAMPLES[type];
      const patched = { ...shape, ...textPatch(shape, 'Hei') } as Shape;
      expect(shapeText(patched), type).toBe(type === 'drawing' ? '' : 'Hei');
    }
  });

  it('takes words up to the limit editors are given, and refuses more', () => {
    for (const type of SHAPE_TYPES) {
      const shape = EXAMPLES[type];
      const max = SHAPE_UTILS[type].textMax;
      if (max === 0) continue;
      const withText = (length: number) => ({ ...shape, ...textPatch(shape, 'x'.repeat(length)) });
      expect(shapeText(parseShape(withText(max))), type).toHaveLength(max);
      expect(() => parseShape(withText(max + 1)), type).toThrow();
    }
  });

  it('knows what a connector is drawn from, and that nothing else depends on others', () => {
    for (const s of Object.values(EXAMPLES)) {
      const util = SHAPE_UTILS[s.type] as ShapeUtil<Shape, unknown>;
      expect(util.dependsOn(s), s.type).toEqual(s.type === 'connector' ? ['stk1'] : []);
    }
  });

  it('resizes by the type’s rule: whole pixels, a minimum size, text keeps its height', () => {
    const box = { x: 0, y: 0, w: 200, h: 100 };
    const at = { x: 10.4, y: 5.6 };
    expect(resizedBox('free', box, { x: 1.5, y: 0.01 }, at)).toEqual({
      x: 10,
      y: 6,
      w: 300,
      h: 20,
    });
    expect(resizedBox('width', box, { x: 0.5, y: 3 }, at)).toEqual({ x: 10, y: 6, w: 100, h: 100 });
    expect(SHAPE_UTILS.text.resize).toBe('width');
    expect(SHAPE_UTILS.image.resize).toBe('aspect');
    expect(SHAPE_UTILS.sticky.resize).toBe('none');
  });

  it('places and draws every type', () => {
    const shapes = Object.values(EXAMPLES);
    const boxOf = (id: string) => (id === 'stk1' ? EXAMPLES.sticky : null);
    for (const s of shapes) {
      const util = SHAPE_UTILS[s.type] as ShapeUtil<Shape, unknown>;
      expect(util.bounds(s, boxOf), s.type).not.toBeNull();
      expect(util.drawnBounds(s, boxOf).length, s.type).toBeGreaterThan(0);
      expect(util.lowDetailFill(s), s.type).toMatch(/^#[0-9a-f]{6}$/i);
      expect(util.minimapFill(s), s.type).toMatch(/^#[0-9a-f]{6}$/i);
    }
    const svg = renderBoardSvg(shapes, { width: 800, height: 800 });
    for (const mark of ['<rect', '<polygon', '<polyline', '<path', 'stroke-dasharray'])
      expect(svg).toContain(mark);
  });
});
