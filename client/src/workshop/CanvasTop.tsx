import type { ReactNode } from 'react';

/**
 * What is said over the top of a board's canvas (the presentation's banner, the vote's),
 * stacked one under the other and centred over the canvas, not under a side panel. Each drawn
 * on its own at the top, the presentation's covered the vote's words on a phone.
 */
export function CanvasTop({ width, children }: { width: number; children: ReactNode }) {
  return (
    <div
      className="canvas-top"
      style={width > 0 ? { left: width / 2, width: Math.min(736, width - 16) } : undefined}
    >
      {children}
    </div>
  );
}
