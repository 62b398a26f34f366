// No zod here: the join page (the lightest page of the client) needs these and nothing else.

/**
 * Join and observer codes: 8 characters without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B),
 * shown as 4 + 4. 25^8 ≈ 1.5 × 10^11 codes: with the server's limit on failed lookups per
 * address (README "Security"), guessing a live one takes longer than any workshop lives.
 */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const JOIN_CODE_LENGTH = 8;

/** A code as people read it aloud and type it: two groups of four (`K7M4 QXRT`). */
export function formatJoinCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return code.length === JOIN_CODE_LENGTH ? `${code.slice(0, half)} ${code.slice(half)}` : code;
}

export function isJoinCode(value: string): boolean {
  return (
    value.length === JOIN_CODE_LENGTH && [...value].every((c) => JOIN_CODE_ALPHABET.includes(c))
  );
}

/** Normalises what people type: case, spaces and dashes do not matter. */
export function normaliseJoinCode(value: string): string {
  return value.toUpperCase().replace(/[\s-]/g, '');
}
