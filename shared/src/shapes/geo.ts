import { FILL, FILL_COLORS, INK, INK_COLORS } from '../palette.js';
import { n } from '../render/svg-writer.js';
import { z } from '../zod.js';
import { boxShapeSchema, type ShapeDefinition } from './base.js';
import { GEO_STYLE, geoPadding, LOW_DETAIL_FILL, MINIMAP_FILL } from './style.js';
import { boxBounds, noDependencies, type ShapeUtil } from './util.js';

export const GEO_KINDS = ['rectangle', 'ellipse', 'diamond'] as const;
export type GeoKind = (typeof GEO_KINDS)[number];

export const GEO_MAX_TEXT = 2_000;

/** Rectangles, ellipses and diamonds with a fill, a stroke and a text label. */
export const geoSchema = z.extend(boxShapeSchema, {
  type: z.literal('geo'),
  kind: z.enum(GEO_KINDS),
  fill: z.enum(FILL_COLORS),
  stroke: z.enum(INK_COLORS),
  text: z.string().check(z.maxLength(GEO_MAX_TEXT)),
});
export type GeoShape = z.infer<typeof geoSchema>;

export const geoDefinition: ShapeDefinition<GeoShape> = {
  type: 'geo',
  version: 1,
  schema: geoSchema,
  migrations: {},
};

export type GeoDefaults = Omit<GeoShape, 'id' | 'x' | 'y' | 'z'>;

export function geoDefaults(kind: GeoKind = 'rectangle'): GeoDefaults {
  return {
    type: 'geo',
    v: geoDefinition.version,
    locked: false,
    w: 200,
    h: 140,
    kind,
    fill: 'white',
    stroke: 'black',
    text: '',
  };
}

function outline(s: GeoShape, paint: string): string {
  const { x, y, w, h } = s;
  if (s.kind === 'rectangle')
    return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${GEO_STYLE.cornerRadius}" ${paint}/>`;
  if (s.kind === 'ellipse')
    return `<ellipse cx="${n(x + w / 2)}" cy="${n(y + h / 2)}" rx="${n(w / 2)}" ry="${n(h / 2)}" ${paint}/>`;
  return `<polygon points="${n(x + w / 2)},${n(y)} ${n(x + w)},${n(y + h / 2)} ${n(x + w / 2)},${n(y + h)} ${n(x)},${n(y + h / 2)}" ${paint}/>`;
}

export const geoUtil: ShapeUtil<GeoShape, GeoDefaults> = {
  ...geoDefinition,
  defaults: geoDefaults,
  bounds: boxBounds,
  dependsOn: noDependencies,
  drawnBounds: (s) => [boxBounds(s)],
  textField: 'text',
  textMax: GEO_MAX_TEXT,
  multiline: true,
  resize: 'free',
  lowDetailFill: () => LOW_DETAIL_FILL.geo,
  minimapFill: () => MINIMAP_FILL.other,
  toSvg(out, s) {
    const stroke = INK[s.stroke];
    const paint = `fill="${FILL[s.fill] ?? 'none'}" stroke="${stroke}" stroke-width="${GEO_STYLE.strokeWidth}"`;
    out.push(outline(s, paint));
    const pad = geoPadding(s.kind, s.w, s.h);
    out.text({
      text: s.text,
      x: s.x + pad,
      y: s.y + pad,
      w: s.w - pad * 2,
      h: s.h - pad * 2,
      fontSize: GEO_STYLE.fontSize,
      lineHeight: 1,
      color: stroke,
      align: 'center',
      valign: 'middle',
    });
  },
};
