/**
 * Document ids name every synced Y.Doc. A board's document is `b.<boardId>`; later
 * kinds (the workshop control document `w.`, a board's comments `c.<boardId>`) get their own prefix. The id is the last path
 * segment of the sync URL, so it is restricted to URL-safe characters.
 */
export const DOC_KINDS = { board: 'b', workshop: 'w', comments: 'c' } as const;
export type DocKind = keyof typeof DOC_KINDS;

const ID_PATTERN = /^[A-Za-z0-9_-]{4,64}$/;
const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}

// Web Crypto is global in browsers and Node ≥ 19; shared/ is typed without DOM or Node libs.
function webCrypto(): { getRandomValues(array: Uint8Array): Uint8Array } {
  return (globalThis as unknown as { crypto: { getRandomValues(a: Uint8Array): Uint8Array } })
    .crypto;
}

/** A random id from an alphabet without look-alike characters. */
export function newId(length = 12): string {
  const bytes = new Uint8Array(length);
  webCrypto().getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ID_ALPHABET[b % ID_ALPHABET.length];
  return out;
}

export function boardDocId(boardId: string): string {
  if (!isValidId(boardId)) throw new Error(`invalid board id: ${boardId}`);
  return `${DOC_KINDS.board}.${boardId}`;
}

export function workshopDocId(workshopId: string): string {
  if (!isValidId(workshopId)) throw new Error(`invalid workshop id: ${workshopId}`);
  return `${DOC_KINDS.workshop}.${workshopId}`;
}

/** The comments and suggestions of a board (see `comments.ts`). */
export function commentsDocId(boardId: string): string {
  if (!isValidId(boardId)) throw new Error(`invalid board id: ${boardId}`);
  return `${DOC_KINDS.comments}.${boardId}`;
}

/**
 * The dots of a board's votes, as the server keeps them: no connection may open it (its
 * prefix is no `DOC_KINDS` kind, so the sync route refuses it). What participants may see of
 * it, the server copies into the comments document (see `votes.ts`).
 */
export function ballotsDocId(boardId: string): string {
  if (!isValidId(boardId)) throw new Error(`invalid board id: ${boardId}`);
  return `v.${boardId}`;
}

export interface ParsedDocId {
  kind: DocKind;
  id: string;
}

/** Parses a document id; returns null for anything that is not a well-formed id. */
export function parseDocId(docId: string): ParsedDocId | null {
  const dot = docId.indexOf('.');
  if (dot < 0) return null;
  const prefix = docId.slice(0, dot);
  const id = docId.slice(dot + 1);
  const kind = (Object.keys(DOC_KINDS) as DocKind[]).find((k) => DOC_KINDS[k] === prefix);
  if (!kind || !isValidId(id)) return null;
  return { kind, id };
}
