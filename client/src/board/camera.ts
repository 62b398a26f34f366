/** Session state: where the viewer looks. Never synced or stored. */
export interface Camera {
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 4;

export function screenToWorld(cam: Camera, p: { x: number; y: number }): { x: number; y: number } {
  return { x: (p.x - cam.x) / cam.scale, y: (p.y - cam.y) / cam.scale };
}

export function worldToScreen(cam: Camera, p: { x: number; y: number }): { x: number; y: number } {
  return { x: p.x * cam.scale + cam.x, y: p.y * cam.scale + cam.y };
}

/** Zooms by `factor` keeping the world point under `anchor` (screen coords) in place. */
export function zoomAt(cam: Camera, anchor: { x: number; y: number }, factor: number): Camera {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, cam.scale * factor));
  const world = screenToWorld(cam, anchor);
  return { scale, x: anchor.x - world.x * scale, y: anchor.y - world.y * scale };
}

/** The camera at `scale` that shows `r` in the middle of a viewport of this size. */
export function cameraCentredOn(
  r: { x: number; y: number; w: number; h: number },
  scale: number,
  viewport: { width: number; height: number },
): Camera {
  return {
    scale,
    x: viewport.width / 2 - (r.x + r.w / 2) * scale,
    y: viewport.height / 2 - (r.y + r.h / 2) * scale,
  };
}

/**
 * The camera that shows all of `r` in a viewport of this size with `padding` screen px
 * around it, at no more than `maxScale` (and within the zoom limits). With a `corner` (what
 * floats over the viewport's bottom-right corner), it stays clear of it: beside it or above
 * it, whichever shows `r` larger.
 */
export function cameraFitting(
  r: { x: number; y: number; w: number; h: number },
  viewport: { width: number; height: number },
  padding: number,
  maxScale = MAX_SCALE,
  corner?: { width: number; height: number } | null,
): Camera {
  const areas = corner
    ? [
        { width: viewport.width - corner.width, height: viewport.height },
        { width: viewport.width, height: viewport.height - corner.height },
      ]
    : [viewport];
  const fits = areas.map((area) => ({
    area,
    fit: Math.min(
      (area.width - padding * 2) / Math.max(r.w, 1),
      (area.height - padding * 2) / Math.max(r.h, 1),
    ),
  }));
  const best = fits.reduce((a, b) => (b.fit > a.fit ? b : a));
  const scale = Math.min(maxScale, MAX_SCALE, Math.max(MIN_SCALE, best.fit));
  return cameraCentredOn(r, scale, best.area);
}
