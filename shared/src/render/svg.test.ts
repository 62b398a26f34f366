import { describe, expect, it } from 'vitest';
import type { Shape } from '../schema.js';
import { connectorDefaults } from '../shapes/connector.js';
import { frameDefaults } from '../shapes/frame.js';
import { geoDefaults } from '../shapes/geo.js';
import { stickyDefaults } from '../shapes/sticky.js';
import { textDefaults } from '../shapes/text.js';
import {
  boardContentBounds,
  ellipsize,
  escapeXml,
  measureText,
  renderBoardSvg,
  svgDataUrl,
  wrapText,
} from './svg.js';

const sticky = (id: string, x: number, y: number, text = '', z = 'a1'): Shape => ({
  ...stickyDefaults(),
  id,
  x,
  y,
  z,
  text,
});

/** A small well-formedness check: tags balance, attributes are quoted, text has no raw markup. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const re = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g;
  let consumed = 0;
  for (const m of svg.matchAll(re)) {
    expect(m.index, `unparsed markup at ${consumed}: ${svg.slice(consumed, consumed + 40)}`).toBe(
      consumed,
    );
    consumed = m.index + m[0].length;
    const [, closing, name, , selfClosing, text] = m;
    if (text !== undefined) {
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
      continue;
    }
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name ?? '');
  }
  expect(consumed).toBe(svg.length);
  expect(stack).toEqual([]);
}

function transformOf(svg: string): { tx: number; ty: number; scale: number } {
  const m = /translate\(([-\d.]+) ([-\d.]+)\) scale\(([-\d.e]+)\)/.exec(svg);
  if (!m) throw new Error('no transform');
  return { tx: Number(m[1]), ty: Number(m[2]), scale: Number(m[3]) };
}

describe('renderBoardSvg', () => {
  it('draws an empty board as just the background, at the requested size', () => {
    const svg = renderBoardSvg([], { width: 320, height: 200 });
    assertWellFormed(svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="320" height="200"/);
    expect(svg).toContain('fill="#fbfbfc"');
    expect(svg).not.toContain('<g ');
    expect(renderBoardSvg([], { width: 10, height: 10, background: null })).not.toContain('<rect');
  });

  it('scales a large board down to fit and centres it', () => {
    const shapes = [sticky('aaaa', 0, 0), sticky('bbbb', 3800, 1800)];
    const svg = renderBoardSvg(shapes, { width: 400, height: 200, padding: 0 });
    assertWellFormed(svg);
    const b = boardContentBounds(shapes);
    expect(b).toEqual({ x: 0, y: 0, w: 4000, h: 2000 });
    const { tx, ty, scale } = transformOf(svg);
    expect(scale).toBeCloseTo(0.1, 5);
    expect(tx).toBeCloseTo(0);
    expect(ty).toBeCloseTo(0);
  });

  it('does not blow a small board up beyond 1:1 unless asked', () => {
    const shapes = [sticky('aaaa', 100, 100)];
    expect(transformOf(renderBoardSvg(shapes, { width: 800, height: 800 })).scale).toBe(1);
    const big = transformOf(renderBoardSvg(shapes, { width: 800, height: 800, maxScale: 4 }));
    expect(big.scale).toBeGreaterThan(3);
    // Centred: the sticky's centre (200, 200) lands in the middle of the picture.
    expect(big.tx + 200 * big.scale).toBeCloseTo(400, 0);
  });

  it('draws every object type in z-order', () => {
    const shapes: Shape[] = [
      { ...frameDefaults(), id: 'frame1', x: 0, y: 0, z: 'a0', name: 'Fremtidsbildet 2035' },
      sticky('stk1', 40, 40, 'Flere eldre', 'a2'),
      { ...textDefaults(), id: 'txt1', x: 300, y: 40, z: 'a3', text: 'Overskrift', bold: true },
      { ...geoDefaults('ellipse'), id: 'geo1', x: 300, y: 200, z: 'a4', text: 'Mål' },
      { ...geoDefaults('diamond'), id: 'geo2', x: 520, y: 200, z: 'a5' },
      {
        ...connectorDefaults(),
        id: 'con1',
        z: 'a6',
        start: { kind: 'shape', shapeId: 'stk1' },
        end: { kind: 'shape', shapeId: 'geo1' },
        label: 'fører til',
        arrowStart: true,
      },
      {
        type: 'drawing',
        v: 1,
        locked: false,
        id: 'drw1',
        x: 10,
        y: 400,
        w: 100,
        h: 50,
        z: 'a7',
        points: [0, 0, 50, 50, 100, 0],
        color: 'red',
        width: 'm',
      },
      {
        type: 'image',
        v: 1,
        locked: false,
        id: 'img1',
        assetId: 'asset1',
        alt: 'Flippover',
        x: 600,
        y: 0,
        w: 120,
        h: 90,
        z: 'a8',
      },
    ];
    // Shuffled input: the output order follows z, not the array.
    const svg = renderBoardSvg([...shapes].reverse(), { width: 1600, height: 1000 });
    assertWellFormed(svg);
    expect(svg).toContain('Fremtidsbildet 2035');
    expect(svg).toContain('Flere eldre');
    expect(svg).toContain('font-weight="bold"');
    expect(svg).toContain('<ellipse');
    expect(svg).toContain('<polygon points="620,200');
    expect(svg).toContain('<polyline');
    expect(svg).toContain('fører til');
    // Smoothed like Konva's tension 0.4: a curve that passes through the middle sample.
    expect(svg).toMatch(/<path d="M10 400Q[\d.]+ [\d.]+ 60 450Q[\d.]+ [\d.]+ 110 400"/);
    expect(svg).toContain('stroke="#a4262c"');
    // Two arrowheads (start and end) on the connector.
    expect(svg.match(/<polygon points="[^"]+" fill="#1b1b1b" stroke="#1b1b1b"/g)).toHaveLength(2);
    // The image is a placeholder: its asset is never referenced.
    expect(svg).not.toContain('asset1');
    expect(svg).not.toContain('<image');
    const order = [
      'Fremtidsbildet',
      'Flere eldre',
      'Overskrift',
      'Mål',
      '<polyline',
      '<path d="M10',
    ];
    const positions = order.map((s) => svg.indexOf(s));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('escapes text, so nothing in a note can become markup', () => {
    const evil = '</text><script>alert(1)</script> & "quotes" \'apos\' <b>';
    const svg = renderBoardSvg([sticky('aaaa', 0, 0, evil)], {
      width: 800,
      height: 800,
      title: 'Gruppe <1>',
    });
    assertWellFormed(svg);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;/text&gt;');
    expect(svg).toContain('&amp;');
    expect(svg).toContain('<title>Gruppe &lt;1&gt;</title>');
  });

  it('keeps æøå and drops characters XML does not allow', () => {
    expect(escapeXml('Blåbær\u0000\u0007 og \uD800 østers')).toBe('Blåbær og  østers');
    const svg = renderBoardSvg([sticky('aaaa', 0, 0, 'Økt\u0001 tillit')], {
      width: 400,
      height: 400,
    });
    assertWellFormed(svg);
    expect(svg).toContain('Økt tillit');
  });

  it('follows a connector attached to a moved object', () => {
    const con: Shape = {
      ...connectorDefaults(),
      id: 'con1',
      z: 'a3',
      start: { kind: 'shape', shapeId: 'aaaa' },
      end: { kind: 'point', x: 1000, y: 100 },
    };
    const before = renderBoardSvg([sticky('aaaa', 0, 0), con], { width: 2000, height: 2000 });
    const after = renderBoardSvg([sticky('aaaa', 0, 300), con], { width: 2000, height: 2000 });
    const line = (svg: string) => /<polyline points="([^"]+)"/.exec(svg)?.[1];
    expect(line(before)).not.toBe(line(after));
  });

  it('leaves out text too small to read', () => {
    const shapes = [sticky('aaaa', 0, 0, 'Liten'), sticky('bbbb', 100_000, 0, 'Tekst')];
    const svg = renderBoardSvg(shapes, { width: 200, height: 100 });
    assertWellFormed(svg);
    expect(svg).not.toContain('Liten');
    expect(renderBoardSvg(shapes, { width: 200, height: 100, minTextPx: 0 })).toContain('Liten');
  });

  it('is a data URL an <img> can show', () => {
    const url = svgDataUrl(
      renderBoardSvg([sticky('aaaa', 0, 0, 'Hei #1 & 50%')], {
        width: 50,
        height: 50,
        minTextPx: 0,
      }),
    );
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(url).not.toMatch(/[#<>"% ](?![0-9A-F]{2})/);
    expect(decodeURIComponent(url.split(',')[1] ?? '')).toContain('Hei #1 &amp; 50%');
  });
});

describe('wrapText', () => {
  it('wraps at spaces with Inter widths, keeps line breaks, and breaks only overlong words', () => {
    const w = measureText('en to', 10);
    expect(wrapText('en to tre fire', w + 0.1, 10)).toEqual(['en to', 'tre', 'fire']);
    expect(wrapText('a\nb', 100, 10)).toEqual(['a', 'b']);
    const four = measureText('abcd', 10);
    expect(wrapText('abcdefghij', four + 0.1, 10)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('measures real glyph widths: wide letters take more room than narrow ones, bold more than regular', () => {
    expect(measureText('WWWW', 20)).toBeGreaterThan(measureText('iiii', 20) * 2.5);
    expect(measureText('Blåbærsyltetøy', 20, true)).toBeGreaterThan(
      measureText('Blåbærsyltetøy', 20),
    );
    // æøå are measured like their letters, not with a fallback guess.
    expect(measureText('å', 20)).toBeCloseTo(measureText('a', 20), 5);
    expect(measureText('ø', 20)).toBeCloseTo(measureText('o', 20), 1);
  });

  it('breaks after a hyphen like the canvas does', () => {
    const w = measureText('medvirkning', 16) + 1;
    expect(wrapText('bruker-medvirkning', w, 16)).toEqual(['bruker-', 'medvirkning']);
  });

  it('cuts a long title with an ellipsis', () => {
    const t = ellipsize('Fremtidsbildet for helse og omsorg i kommunen 2035', 200, 20, true);
    expect(t.endsWith('…')).toBe(true);
    expect(measureText(t, 20, true)).toBeLessThanOrEqual(200);
  });
});

describe('renderBoardSvg options', () => {
  it('embeds an image given as a data URL, and draws a placeholder without one', () => {
    const img: Shape = {
      type: 'image',
      v: 1,
      locked: false,
      id: 'img1',
      assetId: 'asset1',
      alt: 'Flippover',
      x: 0,
      y: 0,
      w: 120,
      h: 90,
      z: 'a1',
    };
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const withImage = renderBoardSvg([img], { width: 200, height: 200, images: () => png });
    assertWellFormed(withImage);
    expect(withImage).toContain(`xlink:href="${png}"`);
    const missing = renderBoardSvg([img], { width: 200, height: 200, images: () => null });
    expect(missing).not.toContain('<image');
    expect(missing).toContain('stroke-dasharray');
    // Anything but an image data URL is refused (no fetching, no script).
    const evil = renderBoardSvg([img], { width: 200, height: 200, images: () => 'javascript:x"' });
    expect(evil).not.toContain('<image');
  });

  it('draws numbered comment pins on top', () => {
    const svg = renderBoardSvg([sticky('aaaa', 0, 0, 'Hei')], {
      width: 400,
      height: 400,
      pins: [{ x: 10, y: 10, label: '1' }],
    });
    assertWellFormed(svg);
    expect(svg).toMatch(/<circle [^>]*fill="#1d4e89"[^>]*\/><text [^>]*>1<\/text><\/g><\/svg>$/);
  });

  it('uses Inter first', () => {
    expect(renderBoardSvg([], { width: 10, height: 10 })).toContain('font-family="Inter,');
  });
});
