import { useEffect } from 'react';

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
