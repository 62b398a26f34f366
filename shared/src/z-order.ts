import { generateKeyBetween } from 'fractional-indexing';

/** A z-index above every given one (for a new object on top). */
export function zAbove(existing: Iterable<string>): string {
  let max: string | null = null;
  for (const z of existing) if (max === null || z > max) max = z;
  return generateKeyBetween(max, null);
}

export function compareZ(a: { z: string; id: string }, b: { z: string; id: string }): number {
  // Two clients can pick the same key concurrently; the id breaks the tie the same way everywhere.
  if (a.z !== b.z) return a.z < b.z ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A z-index below the given one (or the first one, for an empty board). */
export function generateZBelow(bottom: string | null): string {
  return generateKeyBetween(null, bottom);
}
