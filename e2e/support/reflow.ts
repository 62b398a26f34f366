import type { Page } from 'playwright-core';

/**
 * What fails WCAG 1.4.10 (Reflow) on the page as it is now, one line each: the page scrolling
 * sideways, a visible element reaching past the viewport's left or right edge or cut off by an
 * ancestor that hides its overflow, a picture that means something squeezed to a sliver.
 * Elements inside a container that scrolls sideways on its own (the board's canvas, a wide
 * table) are that container's business, not the page's; so is what is not drawn (`display:
 * none`, `visibility: hidden`, a closed `<details>`, zero size, the visually-hidden pattern for
 * screen readers) and what is inside a picture (`<svg>`).
 */
export async function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = window.innerWidth;
    const doc = document.documentElement;
    if (doc.scrollWidth > width + 1)
      out.push(`the page scrolls sideways: ${doc.scrollWidth} px wide in ${width} px`);
    const name = (el: Element) => {
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '')
        .trim()
        .replace(/\s+/g, ' ');
      const id = el.id ? `#${el.id}` : '';
      const cls =
        typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
      return `${el.tagName.toLowerCase()}${id}${cls} «${text.slice(0, 40)}»`;
    };
    const screenReaderOnly = (el: Element) => {
      const s = getComputedStyle(el);
      return (
        s.position === 'absolute' &&
        (s.clip === 'rect(0px, 0px, 0px, 0px)' || s.clipPath === 'inset(50%)')
      );
    };
    // A picture with a meaning (a QR code) squeezed by its row to a sliver or to nothing.
    for (const pic of Array.from(
      document.body.querySelectorAll('img[alt]:not([alt=""]), [role="img"]'),
    )) {
      if (pic.closest('[aria-hidden="true"]')) continue;
      if (!pic.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      const r = pic.getBoundingClientRect();
      if (r.width < 24 || r.height < 24)
        out.push(`${name(pic)} is squeezed to ${Math.round(r.width)}×${Math.round(r.height)} px`);
    }
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width < 1 || rect.height < 1) continue;
      // A picture's insides (a QR code's squares) are the picture's; it is checked itself.
      if (el.parentElement?.closest('svg')) continue;
      // Not drawn: hidden, in a closed <details>, aria-hidden decoration.
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      if (el.closest('[aria-hidden="true"]')) continue;
      let inScroller = false;
      let clippedBy: Element | null = null;
      let hiddenForEyes = screenReaderOnly(el);
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (screenReaderOnly(p)) hiddenForEyes = true;
        const ps = getComputedStyle(p);
        if (ps.overflowX === 'auto' || ps.overflowX === 'scroll') {
          inScroller = true;
          break;
        }
        if (!clippedBy && (ps.overflowX === 'hidden' || ps.overflowX === 'clip')) {
          const box = p.getBoundingClientRect();
          if (rect.right > box.right + 1 || rect.left < box.left - 1) clippedBy = p;
        }
      }
      if (hiddenForEyes || inScroller) continue;
      // Only leaves of the layout say what is cut off (a wide parent is reported through them).
      const interactive = el.matches('a, button, input, select, textarea, [tabindex], label');
      const leaf =
        interactive || !Array.from(el.children).some((c) => c.getBoundingClientRect().width > 0);
      if (!leaf) continue;
      if (rect.right > width + 1 || rect.left < -1)
        out.push(
          `${name(el)} reaches ${Math.round(rect.left)}–${Math.round(rect.right)} px of ${width}`,
        );
      else if (clippedBy) out.push(`${name(el)} is cut off by ${name(clippedBy)}`);
    }
    return out;
  });
}

/**
 * Controls a sighted keyboard or pointer user cannot reach on the page as it is now: each
 * focusable, visible control is scrolled into view and must then be the element at its own
 * centre (not covered by a bar, a banner or a panel laid over it).
 */
export async function coveredControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    // A checkbox's label is its target too (the box itself may be drawn under it).
    const labelsOf = (el: HTMLElement): HTMLElement[] =>
      'labels' in el && el.labels ? Array.from(el.labels as NodeListOf<HTMLElement>) : [];
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])',
    );
    for (const el of Array.from(controls)) {
      if (el.closest('[aria-hidden="true"], [inert]')) continue;
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      const rect0 = el.getBoundingClientRect();
      if (rect0.width < 1 || rect0.height < 1) continue;
      if (el.matches('canvas') || el.closest('[data-testid="board-canvas"]')) continue;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
      const y = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      if (
        !hit ||
        !(
          el === hit ||
          el.contains(hit) ||
          hit.contains(el) ||
          labelsOf(el).some((l) => l.contains(hit))
        )
      )
        out.push(
          `${el.tagName.toLowerCase()} «${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}» is covered by ${hit ? `${hit.tagName.toLowerCase()}.${String(hit.className).split(' ')[0]}` : 'nothing (off screen)'}`,
        );
    }
    window.scrollTo(0, 0);
    return out;
  });
}

/** WCAG 1.4.12's spacing, as a user's own stylesheet would set it. */
export const TEXT_SPACING_CSS = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;

/**
 * Text cut off on the page as it is now: an element that hides its overflow while its text
 * needs more room than it has (taller or wider than its box), unless it scrolls or it is one
 * line cut on purpose with an ellipsis and the whole text in a title (a name in a header).
 */
export async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      if (el.closest('svg, canvas, [aria-hidden="true"]')) continue;
      const s = getComputedStyle(el);
      const hidesX = s.overflowX === 'hidden' || s.overflowX === 'clip';
      const hidesY = s.overflowY === 'hidden' || s.overflowY === 'clip';
      if (!hidesX && !hidesY) continue;
      // The visually-hidden pattern (1 px, clipped) is for screen readers only.
      if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
      const hasText = Array.from(el.childNodes).some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
      );
      if (!hasText && !el.querySelector('input, button, select, textarea, a')) continue;
      // An ellipsis cuts on purpose only where the whole text is at hand in a title.
      const text = (el.textContent ?? '').trim();
      if (
        s.textOverflow === 'ellipsis' &&
        el.closest('[title]')?.getAttribute('title')?.includes(text)
      )
        continue;
      const tall = hidesY && el.scrollHeight > el.clientHeight + 2;
      const wide = hidesX && el.scrollWidth > el.clientWidth + 2;
      if (tall || wide)
        out.push(
          `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} «${(el.textContent ?? '').trim().slice(0, 40)}» cuts its text (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`,
        );
    }
    return out;
  });
}

/**
 * Words a sighted person cannot read on the page as it is now: each visible line of text is
 * scrolled into view and the element at its middle must be the text's own (not a bar, a banner
 * or a panel laid over it). What lets the pointer through (`pointer-events: none`) is not seen
 * by this check.
 */
export async function coveredText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const screenReaderOnly = (el: Element) => {
      for (let p: Element | null = el; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (
          s.position === 'absolute' &&
          (s.clip === 'rect(0px, 0px, 0px, 0px)' || s.clipPath === 'inset(50%)')
        )
          return true;
      }
      return false;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const el = node.parentElement;
      if (!text || !el) continue;
      if (el.closest('[aria-hidden="true"], [inert], svg, canvas, select, script, style')) continue;
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      if (screenReaderOnly(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const first = range.getBoundingClientRect();
      if (first.width < 1 || first.height < 1) continue;
      // Into view of the page and of any box that scrolls it (a panel, the banners' stack).
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      for (const r of Array.from(range.getClientRects())) {
        if (r.width < 1 || r.height < 1) continue;
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        // Past the edges is the reflow check's business.
        if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) continue;
        const hit = document.elementFromPoint(x, y);
        if (hit && (el === hit || el.contains(hit) || hit.contains(el))) continue;
        const what = hit
          ? `${hit.tagName.toLowerCase()}.${String(hit.className).split(' ')[0]}`
          : 'nothing';
        out.push(`the text «${text.slice(0, 40)}» is covered by ${what}`);
        break;
      }
    }
    window.scrollTo(0, 0);
    return out;
  });
}
