/**
 * Mulberry32: small, seeded, deterministic random numbers in [0, 1), so a test or a benchmark
 * that draws at random does the same every run (and a failure can be replayed from its seed).
 */
export function seededRandom(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
