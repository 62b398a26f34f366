// Apart from the template definitions (index.ts): the board's outline needs this and none of them.
import { frameMembership, lookupFrom, readingOrder, shapeBounds } from '../geometry.js';
import { type Shape, shapeText } from '../schema.js';
import { isFurniture } from '../shapes/base.js';

export interface SectionContent {
  key: string;
  title: string;
  items: { id: string; type: Shape['type']; text: string }[];
}

/**
 * A board's content by template section: for every sectioned frame (frames with the same key
 * merge), the objects inside it in reading order (top to bottom, then left to right). Guide
 * texts and other furniture are the template's, not content, and are left out.
 */
/**
 * The sections that hold what a group concluded (the future picture, what must be done, goals
 * and measures, "how might we", opportunities), in the order a reader wants them: a report's
 * summary lists their content first.
 */
export const CONCLUSION_SECTIONS: readonly string[] = [
  'future.vision',
  'future.actions',
  'goals.goal',
  'goals.measure',
  'insights.howMightWe',
  'journey.opportunities',
];

export function contentBySection(shapes: readonly Shape[]): SectionContent[] {
  const lookup = lookupFrom(shapes);
  const parent = frameMembership(shapes);
  const sectionOf = (id: string): string | null => {
    let p = parent.get(id) ?? null;
    for (let guard = 0; p !== null && guard < 100; guard++) {
      const f = lookup(p);
      if (f?.type === 'frame' && f.section) return p;
      p = parent.get(p) ?? null;
    }
    return null;
  };
  const sections = new Map<string, SectionContent & { top: number; left: number }>();
  const frames = shapes.filter(
    (s): s is Extract<Shape, { type: 'frame' }> => s.type === 'frame' && !!s.section,
  );
  for (const f of frames) {
    const key = f.section ?? '';
    const existing = sections.get(key);
    if (existing) {
      existing.top = Math.min(existing.top, f.y);
      existing.left = Math.min(existing.left, f.x);
    } else sections.set(key, { key, title: f.name, items: [], top: f.y, left: f.x });
  }
  const positioned: { s: Shape; section: string; y: number; x: number }[] = [];
  for (const s of shapes) {
    if (s.type === 'frame' || (s.type === 'text' && s.guide) || isFurniture(s)) continue;
    const frameId = sectionOf(s.id);
    const frame = frameId ? lookup(frameId) : undefined;
    if (frame?.type !== 'frame' || !frame.section) continue;
    const b = shapeBounds(s, lookup);
    positioned.push({ s, section: frame.section, y: b?.y ?? 0, x: b?.x ?? 0 });
  }
  positioned.sort(readingOrder);
  for (const p of positioned)
    sections.get(p.section)?.items.push({ id: p.s.id, type: p.s.type, text: shapeText(p.s) });
  return [...sections.values()]
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map(({ key, title, items }) => ({ key, title, items }));
}
