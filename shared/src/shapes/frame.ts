import { FILL, FILL_COLORS, FRAME_TITLE_TEXT } from '../palette.js';
import type { Rect } from '../rect.js';
import { n } from '../render/svg-writer.js';
import { ellipsize } from '../render/text.js';
import { z } from '../zod.js';
import { boxShapeSchema, type ShapeDefinition } from './base.js';
import { FRAME_STYLE, LOW_DETAIL_FILL, MINIMAP_FILL } from './style.js';
import { boxBounds, noDependencies, type ShapeUtil } from './util.js';

export const FRAME_MAX_NAME = 200;

/** A named, coloured area. What lies inside it moves with it and is listed under it. */
export const frameSchema = z.extend(boxShapeSchema, {
  type: z.literal('frame'),
  name: z.string().check(z.maxLength(FRAME_MAX_NAME)),
  color: z.enum(FILL_COLORS),
  /** A template region's stable key (e.g. `future.trends`): exports list content by it. */
  section: z.optional(z.string().check(z.regex(/^[a-z]+(\.[A-Za-z]+)+$/))),
});
export type Frame = z.infer<typeof frameSchema>;

export const frameDefinition: ShapeDefinition<Frame> = {
  type: 'frame',
  version: 1,
  schema: frameSchema,
  migrations: {},
};

export type FrameDefaults = Omit<Frame, 'id' | 'x' | 'y' | 'z'>;

export function frameDefaults(): FrameDefaults {
  return {
    type: 'frame',
    v: frameDefinition.version,
    locked: false,
    w: 800,
    h: 500,
    name: '',
    color: 'grey',
  };
}

/** The frame's title strip above its top-left corner (where it is grabbed and renamed). */
export function frameTitleBox(s: Rect): Rect {
  const h = FRAME_STYLE.title.height;
  return { x: s.x, y: s.y - h, w: s.w, h };
}

export const frameUtil: ShapeUtil<Frame, FrameDefaults> = {
  ...frameDefinition,
  defaults: frameDefaults,
  bounds: boxBounds,
  dependsOn: noDependencies,
  drawnBounds: (s) => {
    const b = boxBounds(s);
    return s.name.trim() ? [{ ...frameTitleBox(b), h: b.h + FRAME_STYLE.title.height }] : [b];
  },
  textField: 'name',
  textMax: FRAME_MAX_NAME,
  multiline: false,
  resize: 'free',
  lowDetailFill: () => LOW_DETAIL_FILL.frame,
  minimapFill: () => MINIMAP_FILL.frame,
  toSvg(out, s) {
    out.push(
      `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" rx="${FRAME_STYLE.cornerRadius}" fill="${FILL[s.color] ?? 'none'}" stroke="${FRAME_STYLE.stroke}" stroke-width="${FRAME_STYLE.strokeWidth}"/>`,
    );
    if (!s.name.trim()) return;
    const fontSize = FRAME_STYLE.title.fontSize;
    const title = ellipsize(s.name.replace(/\n/g, ' '), s.w, fontSize, true);
    out.text({
      text: title,
      lines: [title],
      ...frameTitleBox(s),
      fontSize,
      lineHeight: 1,
      color: FRAME_TITLE_TEXT,
      bold: true,
      valign: 'middle',
    });
  },
};
