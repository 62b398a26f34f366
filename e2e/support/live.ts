import type { Page } from 'playwright-core';

const LIVE = '[role="status"], [role="alert"], [role="log"], [aria-live]:not([aria-live="off"])';

/**
 * Watches the page's live regions from now on: a region that comes into the page already
 * holding words is marked (`data-live-born-full`): screen readers announce changes inside a
 * region they know, not the words of a new one.
 */
export async function markLiveRegions(page: Page): Promise<void> {
  await page.evaluate((live) => {
    for (const el of Array.from(document.querySelectorAll(live)))
      el.setAttribute('data-live-before', '');
    new MutationObserver((records) => {
      for (const r of records)
        for (const node of Array.from(r.addedNodes)) {
          if (!(node instanceof Element)) continue;
          const regions = [
            ...(node.matches(live) ? [node] : []),
            ...Array.from(node.querySelectorAll(live)),
          ];
          for (const region of regions)
            if ((region.textContent ?? '').trim()) region.setAttribute('data-live-born-full', '');
        }
    }).observe(document.body, { childList: true, subtree: true });
  }, LIVE);
}

/**
 * How a status message that says `text` reaches a screen reader (WCAG 4.1.3): null when it is
 * inside a live region that was in the page before its words (see `markLiveRegions`), else why
 * not; and whether it took the focus (on the same page: a move to another board is a new page).
 */
export async function announced(
  page: Page,
  text: RegExp,
  focusBefore: string,
): Promise<string | null> {
  return page.evaluate(
    ({ live, source, flags, focusBefore }) => {
      const re = new RegExp(source, flags);
      const holders = Array.from(document.body.querySelectorAll('*')).filter(
        (el) =>
          re.test(el.textContent ?? '') &&
          !Array.from(el.children).some((c) => re.test(c.textContent ?? '')),
      );
      if (holders.length === 0) return `«${source}» is not on the page`;
      const focus = `${location.pathname} ${document.activeElement?.outerHTML.slice(0, 80) ?? ''}`;
      if (focus !== focusBefore && focusBefore.startsWith(`${location.pathname} `))
        return `«${source}» moved the focus to ${focus}`;
      const ok = holders.some((el) => {
        const region = el.closest(live);
        return !!region && !region.hasAttribute('data-live-born-full');
      });
      if (ok) return null;
      const regions = holders.map(
        (el) => el.closest(live)?.outerHTML.slice(0, 80) ?? 'no live region',
      );
      return `«${source}» came with its live region, or without one: ${regions.join(' | ')}`;
    },
    { live: LIVE, source: text.source, flags: text.flags, focusBefore },
  );
}

export async function focusNow(page: Page): Promise<string> {
  return page.evaluate(
    () => `${location.pathname} ${document.activeElement?.outerHTML.slice(0, 80) ?? ''}`,
  );
}
