import { type AnchorHTMLAttributes, useEffect, useState } from 'react';

/** State a page can be opened with (kept in the history entry). */
export interface NavState {
  /** The person chose to come here: do not send them on automatically. */
  stay?: boolean;
}

/** Client-side navigation: one page, many addresses. */
export function navigate(
  path: string,
  options: { replace?: boolean; state?: NavState } = {},
): void {
  if (options.replace) window.history.replaceState(options.state ?? null, '', path);
  else window.history.pushState(options.state ?? null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function navState(): NavState {
  const s = window.history.state as NavState | null;
  return s && typeof s === 'object' ? s : {};
}

export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const on = () => setPath(window.location.pathname);
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return path;
}

/** A real link (opens in a new tab, shows its address) that navigates inside the app. */
export function Link({
  href,
  state,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; state?: NavState }) {
  return (
    <a
      href={href}
      onClick={(e) => {
        onClick?.(e);
        if (
          e.defaultPrevented ||
          e.button !== 0 ||
          e.metaKey ||
          e.ctrlKey ||
          e.shiftKey ||
          e.altKey
        )
          return;
        e.preventDefault();
        navigate(href, { state });
      }}
      {...rest}
    />
  );
}
