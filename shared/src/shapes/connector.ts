import { INK, INK_COLORS } from '../palette.js';
import { boxExitPoint, center, type Point, type Rect, unionRects } from '../rect.js';
import { n } from '../render/svg-writer.js';
import { measureText } from '../render/text.js';
import { z } from '../zod.js';
import { baseShapeSchema, coordSchema, type ShapeDefinition, shapeIdSchema } from './base.js';
import { CONNECTOR_STYLE, MINIMAP_FILL } from './style.js';
import type { BoxOf, ShapeUtil } from './util.js';

/** An arrow end: attached to an object (follows it) or a free point on the board. */
export const terminalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shape'), shapeId: shapeIdSchema }),
  z.object({ kind: z.literal('point'), x: coordSchema, y: coordSchema }),
]);
export type Terminal = z.infer<typeof terminalSchema>;

export const CONNECTOR_MAX_LABEL = 500;

export const connectorSchema = z.extend(baseShapeSchema, {
  type: z.literal('connector'),
  start: terminalSchema,
  end: terminalSchema,
  route: z.enum(['straight', 'elbow']),
  label: z.string().check(z.maxLength(CONNECTOR_MAX_LABEL)),
  color: z.enum(INK_COLORS),
  arrowStart: z.boolean(),
  arrowEnd: z.boolean(),
});
export type Connector = z.infer<typeof connectorSchema>;

export const connectorDefinition: ShapeDefinition<Connector> = {
  type: 'connector',
  version: 1,
  schema: connectorSchema,
  migrations: {},
};

export type ConnectorDefaults = Omit<Connector, 'id' | 'z' | 'start' | 'end'>;

export function connectorDefaults(): ConnectorDefaults {
  return {
    type: 'connector',
    v: connectorDefinition.version,
    locked: false,
    route: 'straight',
    label: '',
    color: 'black',
    arrowStart: false,
    arrowEnd: true,
  };
}

function terminalTarget(t: Terminal, boxOf: BoxOf): Rect | Point | null {
  return t.kind === 'point' ? { x: t.x, y: t.y } : boxOf(t.shapeId);
}

function isRect(v: Rect | Point): v is Rect {
  return 'w' in v;
}

/**
 * The two end points of a connector: a free end is its point; an attached end is where the
 * line towards the other end leaves the object's box. An end whose object is gone (or is
 * not a box) makes the connector unplaceable (null) rather than throw.
 */
export function connectorEndsVia(c: Connector, boxOf: BoxOf): [Point, Point] | null {
  const a = terminalTarget(c.start, boxOf);
  const b = terminalTarget(c.end, boxOf);
  if (!a || !b) return null;
  const aRef = isRect(a) ? center(a) : a;
  const bRef = isRect(b) ? center(b) : b;
  return [isRect(a) ? boxExitPoint(a, bRef) : a, isRect(b) ? boxExitPoint(b, aRef) : b];
}

/** The connector's polyline as flat [x0, y0, x1, y1, …]. Elbows turn halfway across. */
export function connectorPathVia(c: Connector, boxOf: BoxOf): number[] | null {
  const ends = connectorEndsVia(c, boxOf);
  if (!ends) return null;
  const [s, e] = ends;
  if (c.route === 'straight') return [s.x, s.y, e.x, e.y];
  const midX = (s.x + e.x) / 2;
  return [s.x, s.y, midX, s.y, midX, e.y, e.x, e.y];
}

/** Where a label sits: the middle of a straight line, the middle corner of an elbow. */
export function connectorLabelAnchor(path: readonly number[]): Point {
  if (path.length === 4)
    return { x: ((path[0] ?? 0) + (path[2] ?? 0)) / 2, y: ((path[1] ?? 0) + (path[3] ?? 0)) / 2 };
  const i = Math.floor(path.length / 4) * 2;
  return { x: path[i] ?? 0, y: path[i + 1] ?? 0 };
}

/**
 * A connector label's box as the canvas's Konva Label draws it: its top-left corner at the
 * path's label anchor, sized to the text (explicit lines only, no wrapping) plus padding.
 */
export function connectorLabelBox(
  c: Connector,
  path: readonly number[],
): (Rect & { lines: string[] }) | null {
  if (!c.label.trim() || path.length < 4) return null;
  const { fontSize, labelPadding: pad } = CONNECTOR_STYLE;
  const mid = connectorLabelAnchor(path);
  const lines = c.label.split('\n');
  const textW = Math.max(...lines.map((l) => measureText(l, fontSize)));
  return { x: mid.x, y: mid.y, w: textW + pad * 2, h: lines.length * fontSize + pad * 2, lines };
}

function pathBounds(path: readonly number[]): Rect | null {
  const pts: Rect[] = [];
  for (let i = 0; i < path.length; i += 2)
    pts.push({ x: path[i] ?? 0, y: path[i + 1] ?? 0, w: 0, h: 0 });
  return unionRects(pts);
}

/** An arrowhead like Konva's: `size` long and wide, filled and outlined in the line colour. */
function arrowHead(tip: [number, number], from: [number, number], color: string): string {
  const size = CONNECTOR_STYLE.arrowSize;
  const dx = tip[0] - from[0];
  const dy = tip[1] - from[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return '';
  const ux = dx / len;
  const uy = dy / len;
  const bx = tip[0] - ux * size;
  const by = tip[1] - uy * size;
  const half = size / 2;
  return `<polygon points="${n(tip[0])},${n(tip[1])} ${n(bx - uy * half)},${n(by + ux * half)} ${n(bx + uy * half)},${n(by - ux * half)}" fill="${color}" stroke="${color}" stroke-width="${CONNECTOR_STYLE.strokeWidth}" stroke-linejoin="round"/>`;
}

export const connectorUtil: ShapeUtil<Connector, ConnectorDefaults> = {
  ...connectorDefinition,
  defaults: connectorDefaults,
  dependsOn: (c) => [c.start, c.end].flatMap((t) => (t.kind === 'shape' ? [t.shapeId] : [])),
  bounds(c, boxOf) {
    const path = connectorPathVia(c, boxOf);
    return path ? pathBounds(path) : null;
  },
  drawnBounds(c, boxOf) {
    const path = connectorPathVia(c, boxOf);
    const b = path ? pathBounds(path) : null;
    if (!path || !b) return [];
    const r = CONNECTOR_STYLE.reach;
    const line = { x: b.x - r, y: b.y - r, w: b.w + r * 2, h: b.h + r * 2 };
    const label = connectorLabelBox(c, path);
    return label ? [line, label] : [line];
  },
  textField: 'label',
  textMax: CONNECTOR_MAX_LABEL,
  multiline: false,
  resize: 'none',
  lowDetailFill: (c) => INK[c.color],
  minimapFill: () => MINIMAP_FILL.other,
  toSvg(out, c, ctx) {
    const path = connectorPathVia(c, ctx.boxOf);
    if (!path || path.length < 4) return;
    const color = INK[c.color];
    const {
      strokeWidth,
      fontSize,
      labelPadding: pad,
      labelCornerRadius,
      labelFill,
    } = CONNECTOR_STYLE;
    const pts: [number, number][] = [];
    for (let i = 0; i + 1 < path.length; i += 2) pts.push([path[i] ?? 0, path[i + 1] ?? 0]);
    out.push(
      `<polyline points="${pts.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="${strokeWidth}" stroke-linejoin="round"/>`,
    );
    const [first, second] = pts;
    const last = pts[pts.length - 1];
    const beforeLast = pts[pts.length - 2];
    if (c.arrowEnd && last && beforeLast) out.push(arrowHead(last, beforeLast, color));
    if (c.arrowStart && first && second) out.push(arrowHead(first, second, color));
    const box = connectorLabelBox(c, path);
    if (!box || !out.readable(fontSize)) return;
    out.push(
      `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.w)}" height="${n(box.h)}" rx="${labelCornerRadius}" fill="${labelFill}" stroke="${color}"/>`,
    );
    out.text({
      text: c.label,
      lines: box.lines,
      x: box.x + pad,
      y: box.y + pad,
      w: box.w - pad * 2,
      fontSize,
      lineHeight: 1,
      color,
    });
  },
};
