import {
  connectorDefaults,
  drawingDefaults,
  FRAME_STYLE,
  frameDefaults,
  SHAPE_TYPES,
  SHAPE_UTILS,
  type Shape,
  stickyDefaults,
} from '@torg/shared';
import { describe, expect, it } from 'vitest';
import { describeShape, SHAPE_VIEWS, typeLabelKey, viewOf } from './index.js';

const sticky: Shape = { ...stickyDefaults(), id: 'stk1', x: 100, y: 100, z: 'a0', text: 'Idé' };
const lookup = (id: string) => (id === sticky.id ? sticky : undefined);
const t = (key: string, params?: Record<string, string | number>) =>
  params ? `${key}:${JSON.stringify(params)}` : key;

describe('view registry', () => {
  it('has a view for every type in shared’s registry, and nothing else', () => {
    expect(Object.keys(SHAPE_VIEWS).sort()).toEqual([...SHAPE_TYPES].sort());
    for (const type of SHAPE_TYPES) expect(typeLabelKey(type)).toBe(`outline.type.${type}`);
  });

  it('paints only types that are never resized: a painted object has no node for the handles', () => {
    const painted = SHAPE_TYPES.filter((type) => SHAPE_VIEWS[type].paint);
    expect(painted).toContain('sticky');
    for (const type of painted) expect(SHAPE_UTILS[type].resize, type).toBe('none');
    for (const type of SHAPE_TYPES)
      expect(!!SHAPE_VIEWS[type].paint, type).not.toBe(!!SHAPE_VIEWS[type].View);
  });

  it('edits a frame’s name in its title strip, and a drawing not at all', () => {
    const frame: Shape = { ...frameDefaults(), id: 'frm1', x: 0, y: 0, z: 'a1' };
    expect(viewOf(frame).editLayout(frame, lookup)).toMatchObject({
      y: -FRAME_STYLE.title.height,
      h: FRAME_STYLE.title.height,
      bold: true,
    });
    const drawing: Shape = {
      ...drawingDefaults(),
      id: 'drw1',
      x: 0,
      y: 0,
      w: 10,
      h: 10,
      z: 'a2',
      points: [0, 0, 10, 10],
    };
    expect(viewOf(drawing).editLayout(drawing, lookup)).toBeNull();
  });

  it('describes an arrow by the words of what it joins', () => {
    const arrow: Shape = {
      ...connectorDefaults(),
      id: 'con1',
      z: 'a3',
      start: { kind: 'shape', shapeId: 'stk1' },
      end: { kind: 'point', x: 0, y: 0 },
    };
    const nameOf = (id: string) => (id === 'stk1' ? 'Idé' : '');
    expect(describeShape(arrow, { t, nameOf })).toBe(
      'outline.connectorFromTo:{"from":"Idé","to":"outline.freePoint"}',
    );
    expect(describeShape(sticky, { t, nameOf })).toBe('');
  });
});
