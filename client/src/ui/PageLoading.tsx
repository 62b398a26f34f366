import type { ReactNode } from 'react';

/**
 * A whole page still on its way (its code, or the workshop it shows): what is awaited, under
 * index.html's splash (the name, large), which stays while this is the page (styles.css). From
 * the first paint until the page comes the screen looks the same, and the largest thing on it
 * is painted once, first: when React replaced the splash with a small "Laster …", a phone's
 * largest paint came 0.3-0.9 s later (Lighthouse on a phone, issue 18).
 */
export function PageLoading({ status, children }: { status: string; children?: ReactNode }) {
  return (
    <main className="page-loading">
      <div className="page-loading-status">
        <p role="status" className="muted">
          {status}
        </p>
        {children}
      </div>
    </main>
  );
}
