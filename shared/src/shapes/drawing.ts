import { INK, INK_COLORS } from '../palette.js';
import { n } from '../render/svg-writer.js';
import { z } from '../zod.js';
import { boxShapeSchema, type ShapeDefinition } from './base.js';
import { DRAWING_STYLE, LOW_DETAIL_FILL, MINIMAP_FILL } from './style.js';
import { boxBounds, noDependencies, type ShapeUtil } from './util.js';

export const PEN_WIDTHS = { s: 2, m: 4, l: 8 } as const;
/** Flat [x0, y0, x1, y1, …] relative to the drawing's x/y; capped to keep documents small. */
export const MAX_DRAWING_POINTS = 5_000;

export const drawingSchema = z.extend(boxShapeSchema, {
  type: z.literal('drawing'),
  points: z.array(z.number()).check(
    z.minLength(2),
    z.maxLength(MAX_DRAWING_POINTS * 2),
    z.refine((p) => p.length % 2 === 0, 'points come in x, y pairs'),
  ),
  color: z.enum(INK_COLORS),
  width: z.enum(['s', 'm', 'l']),
});
export type Drawing = z.infer<typeof drawingSchema>;

export const drawingDefinition: ShapeDefinition<Drawing> = {
  type: 'drawing',
  version: 1,
  schema: drawingSchema,
  migrations: {},
};

/** A pen stroke's fields apart from id, box, z and its points (which the pen decides). */
export type DrawingDefaults = Omit<Drawing, 'id' | 'x' | 'y' | 'z' | 'w' | 'h' | 'points'>;

export function drawingDefaults(): DrawingDefaults {
  return {
    type: 'drawing',
    v: drawingDefinition.version,
    locked: false,
    color: 'black',
    width: 'm',
  };
}

/** Konva's control points for a smoothed line through three points (`tension`). */
function controlPoints(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  t: number,
): [number, number, number, number] {
  const d01 = Math.hypot(x1 - x0, y1 - y0);
  const d12 = Math.hypot(x2 - x1, y2 - y1);
  const sum = d01 + d12 || 1;
  const fa = (t * d01) / sum;
  const fb = (t * d12) / sum;
  return [x1 - fa * (x2 - x0), y1 - fa * (y2 - y0), x1 + fb * (x2 - x0), y1 + fb * (y2 - y0)];
}

/** A pen stroke as an SVG path, smoothed exactly like the canvas's Konva Line. */
function strokePath(s: Drawing): string {
  const p: number[] = [];
  for (let i = 0; i + 1 < s.points.length; i += 2) {
    const x = s.x + (s.points[i] ?? 0);
    const y = s.y + (s.points[i + 1] ?? 0);
    // Repeated samples add nothing and would make the curve's control points undefined.
    if (p.length >= 2 && p[p.length - 2] === x && p[p.length - 1] === y) continue;
    p.push(x, y);
  }
  const len = p.length;
  const at = (list: number[], k: number) => n(list[k] ?? 0);
  let d = `M${at(p, 0)} ${at(p, 1)}`;
  if (len === 2) return `${d}L${at(p, 0)} ${at(p, 1)}`;
  if (len === 4) return `${d}L${at(p, 2)} ${at(p, 3)}`;
  const tp: number[] = [];
  for (let i = 2; i < len - 2; i += 2) {
    const [ax, ay, bx, by] = controlPoints(
      p[i - 2] ?? 0,
      p[i - 1] ?? 0,
      p[i] ?? 0,
      p[i + 1] ?? 0,
      p[i + 2] ?? 0,
      p[i + 3] ?? 0,
      DRAWING_STYLE.tension,
    );
    tp.push(ax, ay, p[i] ?? 0, p[i + 1] ?? 0, bx, by);
  }
  d += `Q${at(tp, 0)} ${at(tp, 1)} ${at(tp, 2)} ${at(tp, 3)}`;
  for (let k = 4; k < tp.length - 2; k += 6) {
    d += `C${at(tp, k)} ${at(tp, k + 1)} ${at(tp, k + 2)} ${at(tp, k + 3)} ${at(tp, k + 4)} ${at(tp, k + 5)}`;
  }
  return `${d}Q${at(tp, tp.length - 2)} ${at(tp, tp.length - 1)} ${at(p, len - 2)} ${at(p, len - 1)}`;
}

export const drawingUtil: ShapeUtil<Drawing, DrawingDefaults> = {
  ...drawingDefinition,
  defaults: drawingDefaults,
  bounds: boxBounds,
  dependsOn: noDependencies,
  drawnBounds: (s) => {
    const r = DRAWING_STYLE.reach;
    return [{ x: s.x - r, y: s.y - r, w: s.w + r * 2, h: s.h + r * 2 }];
  },
  textField: null,
  textMax: 0,
  multiline: false,
  resize: 'none',
  lowDetailFill: () => LOW_DETAIL_FILL.ink,
  minimapFill: () => MINIMAP_FILL.other,
  toSvg(out, s) {
    out.push(
      `<path d="${strokePath(s)}" fill="none" stroke="${INK[s.color]}" stroke-width="${PEN_WIDTHS[s.width]}" stroke-linecap="round" stroke-linejoin="round"/>`,
    );
  },
};
