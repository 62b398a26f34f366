import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteShapes, getShape, writeShapes } from './doc.js';
import {
  boxExitPoint,
  connectorPath,
  frameContents,
  frameMembership,
  lookupFrom,
  shapeBounds,
} from './geometry.js';
import { ORIGIN_LOCAL } from './origins.js';
import type { Shape } from './schema.js';
import { type Connector, connectorDefaults } from './shapes/connector.js';
import { frameDefaults } from './shapes/frame.js';
import { stickyDefaults } from './shapes/sticky.js';

const sticky = (id: string, x: number, y: number): Shape => ({
  ...stickyDefaults(),
  id,
  x,
  y,
  z: 'a0',
});
const frame = (id: string, x: number, y: number, w: number, h: number): Shape => ({
  ...frameDefaults(),
  id,
  x,
  y,
  w,
  h,
  z: 'Zz',
});
const arrow = (id: string, from: string, to: string): Connector => ({
  ...connectorDefaults(),
  id,
  z: 'a5',
  start: { kind: 'shape', shapeId: from },
  end: { kind: 'shape', shapeId: to },
});

describe('connectors', () => {
  it('leave an attached box at its border, towards the other end', () => {
    expect(boxExitPoint({ x: 0, y: 0, w: 200, h: 200 }, { x: 1000, y: 100 })).toEqual({
      x: 200,
      y: 100,
    });
  });

  it('follow their objects: the path is recomputed from where the objects are', () => {
    const a = sticky('aaaa', 0, 0);
    const b = sticky('bbbb', 600, 0);
    const c = arrow('cccc', 'aaaa', 'bbbb');
    expect(connectorPath(c, lookupFrom([a, b]))).toEqual([200, 100, 600, 100]);
    const moved = { ...b, y: 400 } as Shape;
    const path = connectorPath(c, lookupFrom([a, moved]));
    expect(path?.[2]).toBeGreaterThan(200);
    expect(path?.[3]).toBeGreaterThan(100);
  });

  it('route elbows halfway across', () => {
    const c = { ...arrow('cccc', 'aaaa', 'bbbb'), route: 'elbow' as const };
    expect(
      connectorPath(c, lookupFrom([sticky('aaaa', 0, 0), sticky('bbbb', 600, 400)])),
    ).toHaveLength(8);
  });

  it('are detached cleanly when an attached object is deleted', () => {
    const doc = new Y.Doc();
    writeShapes(
      doc,
      [sticky('aaaa', 0, 0), sticky('bbbb', 600, 0), arrow('cccc', 'aaaa', 'bbbb')],
      ORIGIN_LOCAL,
    );
    deleteShapes(doc, ['bbbb'], ORIGIN_LOCAL);
    const c = getShape(doc, 'cccc');
    expect(c).toMatchObject({
      start: { kind: 'shape', shapeId: 'aaaa' },
      end: { kind: 'point', x: 700, y: 100 },
    });
  });
});

describe('frames', () => {
  it('contain what lies inside them, nested frames included', () => {
    const shapes = [
      frame('outer', 0, 0, 2000, 1000),
      frame('inner', 100, 100, 600, 600),
      sticky('in-inner', 200, 200),
      sticky('in-outer', 1200, 200),
      sticky('outside', 3000, 0),
    ];
    const parent = frameMembership(shapes);
    expect(parent.get('in-inner')).toBe('inner');
    expect(parent.get('inner')).toBe('outer');
    expect(parent.get('outside')).toBeNull();
    expect(frameContents('outer', shapes).sort()).toEqual(['in-inner', 'in-outer', 'inner']);
    expect(frameContents('inner', shapes)).toEqual(['in-inner']);
  });

  it('bounds of a connector are those of its path', () => {
    const shapes = [sticky('aaaa', 0, 0), sticky('bbbb', 600, 0)];
    expect(shapeBounds(arrow('cccc', 'aaaa', 'bbbb'), lookupFrom(shapes))).toEqual({
      x: 200,
      y: 100,
      w: 400,
      h: 0,
    });
  });
});
