import { type KeyboardEvent, type RefObject, useEffect, useRef } from 'react';

/**
 * For a panel, form or menu that opens on a control and goes away again: when it unmounts
 * and the focus was inside it (or is lost to the page), focus goes back to what had it when
 * the panel opened, so a keyboard user goes on from where they were.
 */
export function useReturnFocus(container: { current: HTMLElement | null }): void {
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const node = container.current;
    return () => {
      const active = document.activeElement;
      const lost = !active || active === document.body || !!node?.contains(active);
      if (!lost || !opener) return;
      requestAnimationFrame(() => {
        const now = document.activeElement;
        if (now && now !== document.body) return;
        if (opener.isConnected && !opener.matches(':disabled')) opener.focus();
      });
    };
  }, [container]);
}

/**
 * A side panel (outline, feedback, my dots): Escape closes it, and focus goes back to what
 * opened it. Spread the result on the panel's element.
 */
export function useClosablePanel(onClose: () => void): {
  ref: RefObject<HTMLElement | null>;
  onKeyDown: (e: KeyboardEvent) => void;
} {
  const ref = useRef<HTMLElement>(null);
  useReturnFocus(ref);
  return {
    ref,
    onKeyDown: (e) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      onClose();
    },
  };
}
