import type { Page } from 'playwright-core';

/**
 * The page's structure as a screen reader lists it: its landmarks (role and name) and its
 * headings (level and text), in document order, as shown (hidden parts left out).
 */
export async function pageOutline(
  page: Page,
): Promise<{ landmarks: string[]; headings: [number, string][] }> {
  return page.evaluate(() => {
    const shown = (el: Element) =>
      el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }) ||
      // A visually hidden heading is still in the outline.
      getComputedStyle(el).position === 'absolute';
    const nameOf = (el: Element) => {
      const label = el.getAttribute('aria-label');
      if (label) return label;
      const by = el.getAttribute('aria-labelledby');
      if (by)
        return by
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
          .join(' ');
      return '';
    };
    const roleOf = (el: Element): string | null => {
      const role = el.getAttribute('role');
      if (role)
        return [
          'banner',
          'navigation',
          'main',
          'complementary',
          'contentinfo',
          'region',
          'search',
          'form',
        ].includes(role)
          ? role
          : null;
      const tag = el.tagName.toLowerCase();
      const inSection = el.parentElement?.closest('article, aside, main, nav, section');
      if (tag === 'header') return inSection ? null : 'banner';
      if (tag === 'footer') return inSection ? null : 'contentinfo';
      if (tag === 'nav') return 'navigation';
      if (tag === 'main') return 'main';
      if (tag === 'aside') return 'complementary';
      if (tag === 'section') return nameOf(el) ? 'region' : null;
      if (tag === 'form') return nameOf(el) ? 'form' : null;
      return null;
    };
    const landmarks: string[] = [];
    const headings: [number, string][] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (el.closest('[aria-hidden="true"], [hidden]') || !shown(el)) continue;
      const role = roleOf(el);
      if (role) landmarks.push(`${role}${nameOf(el) ? ` «${nameOf(el).trim()}»` : ''}`);
      const h = /^h([1-6])$/i.exec(el.tagName);
      const level = h
        ? Number(h[1])
        : el.getAttribute('role') === 'heading'
          ? Number(el.getAttribute('aria-level') ?? 2)
          : 0;
      if (level)
        headings.push([level, (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60)]);
    }
    return { landmarks, headings };
  });
}

/**
 * What is wrong with an outline (WCAG 1.3.1, 2.4.6, as a screen reader user moves by
 * landmark and heading): not exactly one main landmark, not exactly one level-1 heading, a
 * heading level skipped on the way down, two landmarks of a kind without telling names.
 */
export function outlineProblems(outline: {
  landmarks: string[];
  headings: [number, string][];
}): string[] {
  const out: string[] = [];
  const mains = outline.landmarks.filter((l) => l.startsWith('main')).length;
  if (mains !== 1) out.push(`${mains} main landmarks`);
  const h1 = outline.headings.filter(([level]) => level === 1).length;
  if (h1 !== 1) out.push(`${h1} level-1 headings`);
  let previous = 0;
  for (const [level, text] of outline.headings) {
    if (level > previous + 1) out.push(`heading «${text}» is h${level} after h${previous}`);
    previous = level;
  }
  const seen = new Map<string, number>();
  for (const l of outline.landmarks) seen.set(l, (seen.get(l) ?? 0) + 1);
  for (const [l, n] of seen)
    if (n > 1 && !l.startsWith('region') && !l.startsWith('form'))
      out.push(`${n} × ${l} with the same name`);
    else if (n > 1) out.push(`${n} × ${l}: the same name`);
  return out;
}
