/** Ramer–Douglas–Peucker on a flat [x0, y0, x1, y1, …] polyline: fewer points, same stroke. */
export function simplify(points: readonly number[], tolerance: number): number[] {
  const n = points.length / 2;
  if (n <= 2) return [...points];
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: [number, number][] = [[0, n - 1]];
  while (stack.length) {
    const [a, b] = stack.pop() as [number, number];
    const ax = points[a * 2] ?? 0;
    const ay = points[a * 2 + 1] ?? 0;
    const bx = points[b * 2] ?? 0;
    const by = points[b * 2 + 1] ?? 0;
    const len = Math.hypot(bx - ax, by - ay) || 1;
    let worst = -1;
    let worstD = tolerance;
    for (let i = a + 1; i < b; i++) {
      const px = points[i * 2] ?? 0;
      const py = points[i * 2 + 1] ?? 0;
      const d = Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / len;
      if (d > worstD) {
        worst = i;
        worstD = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(points[i * 2] ?? 0, points[i * 2 + 1] ?? 0);
  return out;
}
