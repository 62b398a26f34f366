import type { Page } from 'playwright-core';

/** One stop of the keyboard's focus: what it is called and where it is on the page. */
export interface TabStop {
  name: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** Drawn and inside the viewport once the browser has scrolled to it. */
  seen: boolean;
}

/**
 * The page's tab order as a keyboard user meets it: Tab pressed from the top of the page until
 * the focus comes round to an element it has been on, each stop's place in page coordinates
 * (its box as the browser scrolled it into view, plus the scroll). At most `max` presses.
 */
export async function tabStops(page: Page, max = 200): Promise<TabStop[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur?.();
    window.scrollTo(0, 0);
    // The next Tab starts from the top of the document.
    const start = document.createElement('span');
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
    start.remove();
  });
  const stops: TabStop[] = [];
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((n) => {
      const el = document.activeElement;
      // Past the last control the focus leaves the page for the browser's own.
      if (!el || el === document.body) return 'left';
      // A date or time field is one element with a stop for each of its parts.
      if (el.getAttribute('data-tab-stop') === String(n - 1)) return 'same';
      if (el.hasAttribute('data-tab-stop')) return 'again';
      el.setAttribute('data-tab-stop', String(n));
      const r = el.getBoundingClientRect();
      const labels = 'labels' in el ? Array.from((el as HTMLInputElement).labels ?? []) : [];
      const name = (
        el.getAttribute('aria-label') ??
        (labels.map((l) => l.textContent).join(' ') || el.textContent) ??
        ''
      )
        .trim()
        .replace(/\s+/g, ' ')
        .slice(0, 40);
      const seen =
        el.checkVisibility({ visibilityProperty: true }) &&
        r.width >= 1 &&
        r.height >= 1 &&
        r.bottom > 0 &&
        r.right > 0 &&
        r.top < window.innerHeight &&
        r.left < window.innerWidth;
      return {
        name: `${el.tagName.toLowerCase()}${el.getAttribute('type') === 'checkbox' ? '[checkbox]' : ''} «${name}»`,
        left: r.left + window.scrollX,
        top: r.top + window.scrollY,
        right: r.right + window.scrollX,
        bottom: r.bottom + window.scrollY,
        seen,
      };
    }, stops.length);
    if (stop === 'left' || stop === 'again') break;
    if (stop !== 'same') stops.push(stop);
  }
  await page.evaluate(() => {
    for (const el of Array.from(document.querySelectorAll('[data-tab-stop]')))
      el.removeAttribute('data-tab-stop');
  });
  return stops;
}

/**
 * Where the tab order leaves the visual order (WCAG 2.4.3), one line each: a stop that cannot
 * be seen, a step back up the page within the same column (the next stop wholly above the one
 * before, their boxes side by side), or a step back to the left on the same line. A step up
 * into another column (a sidebar, then the main part beside it) is reading order.
 */
export function orderProblems(stops: TabStop[]): string[] {
  const out: string[] = [];
  const overlap = (a0: number, a1: number, b0: number, b1: number) =>
    Math.min(a1, b1) - Math.max(a0, b0) > 1;
  for (const [i, b] of stops.entries()) {
    if (!b.seen) out.push(`${b.name} takes the focus but is not seen`);
    const a = stops[i - 1];
    if (!a?.seen || !b.seen) continue;
    const sameColumn = overlap(a.left, a.right, b.left, b.right);
    const sameLine = overlap(a.top, a.bottom, b.top, b.bottom);
    if (sameColumn && b.bottom <= a.top + 1)
      out.push(`${a.name} → ${b.name} goes back up the page`);
    else if (sameLine && !sameColumn && b.right <= a.left + 1)
      out.push(`${a.name} → ${b.name} goes back to the left on the same line`);
  }
  return out;
}

/** The stops as lines for a person to read: `name  (x, y)`. */
export function stopLines(stops: TabStop[]): string {
  return stops
    .map(
      (s, i) =>
        `${i + 1}. ${s.name}  (${Math.round(s.left)}, ${Math.round(s.top)})${s.seen ? '' : ' not seen'}`,
    )
    .join('\n');
}
