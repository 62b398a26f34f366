import { n } from '../render/svg-writer.js';
import { z } from '../zod.js';
import { boxShapeSchema, type ShapeDefinition } from './base.js';
import { IMAGE_STYLE, LOW_DETAIL_FILL, MINIMAP_FILL } from './style.js';
import { boxBounds, noDependencies, type ShapeUtil } from './util.js';

export const IMAGE_MAX_ALT = 1_000;

/** A photo uploaded to the server (`/api/assets/<assetId>`), e.g. a flipchart from the room. */
export const imageSchema = z.extend(boxShapeSchema, {
  type: z.literal('image'),
  assetId: z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/)),
  alt: z.string().check(z.maxLength(IMAGE_MAX_ALT)),
});
export type ImageShape = z.infer<typeof imageSchema>;

export const imageDefinition: ShapeDefinition<ImageShape> = {
  type: 'image',
  version: 1,
  schema: imageSchema,
  migrations: {},
};

/** Longest side of a newly placed image, in board px. */
export const IMAGE_PLACE_MAX = 600;

/** Scales natural pixel dimensions to a sensible size on the board, keeping the aspect. */
export function placedImageSize(width: number, height: number): { w: number; h: number } {
  const scale = Math.min(1, IMAGE_PLACE_MAX / Math.max(width, height, 1));
  return { w: Math.max(1, Math.round(width * scale)), h: Math.max(1, Math.round(height * scale)) };
}

/** An image's fields apart from id, box, z and its asset (which the upload decides). */
export type ImageDefaults = Omit<ImageShape, 'id' | 'x' | 'y' | 'z' | 'w' | 'h' | 'assetId'>;

export function imageDefaults(): ImageDefaults {
  return { type: 'image', v: imageDefinition.version, locked: false, alt: '' };
}

const SAFE_DATA_URL = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]*$/;

/** A dashed box with a mountain and a sun: an image whose picture is not embedded. */
function placeholder(s: ImageShape): string[] {
  const { placeholderFill: fill, placeholderStroke: stroke, placeholderDash } = IMAGE_STYLE;
  const size = Math.min(s.w, s.h) * 0.4;
  const l = s.x + s.w / 2 - size / 2;
  const t = s.y + s.h / 2 - size / 2;
  return [
    `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="${fill}" stroke="${stroke}" stroke-dasharray="${placeholderDash.join(' ')}"/>`,
    `<path d="M${n(l)} ${n(t + size)}L${n(l + size * 0.35)} ${n(t + size * 0.45)}L${n(l + size * 0.6)} ${n(t + size * 0.8)}L${n(l + size * 0.75)} ${n(t + size * 0.6)}L${n(l + size)} ${n(t + size)}Z" fill="${stroke}"/>`,
    `<circle cx="${n(l + size * 0.78)}" cy="${n(t + size * 0.22)}" r="${n(size * 0.12)}" fill="${stroke}"/>`,
  ];
}

export const imageUtil: ShapeUtil<ImageShape, ImageDefaults> = {
  ...imageDefinition,
  defaults: imageDefaults,
  bounds: boxBounds,
  dependsOn: noDependencies,
  drawnBounds: (s) => [boxBounds(s)],
  textField: 'alt',
  textMax: IMAGE_MAX_ALT,
  multiline: false,
  resize: 'aspect',
  lowDetailFill: () => LOW_DETAIL_FILL.image,
  minimapFill: () => MINIMAP_FILL.other,
  // The picture when `images` gives one (stretched to the box, as on the canvas), else a placeholder.
  toSvg(out, s, ctx) {
    const href = ctx.images?.(s.assetId) ?? null;
    if (href && SAFE_DATA_URL.test(href)) {
      out.push(
        `<image x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" preserveAspectRatio="none" xlink:href="${href}"/>`,
      );
      return;
    }
    for (const part of placeholder(s)) out.push(part);
  },
};
