import type * as Y from 'yjs';
import { z } from './zod.js';

/**
 * Who made and last changed each object of a workshop board, as the server saw it: the
 * server records it from the identity of the connection whose update added or changed the
 * object, so it cannot be forged by a client. It lives in a server-only document per board
 * (`attributionDocId`; its prefix is no syncable kind), map `shapes`: shapeId → `Attribution`.
 * Exports read it (author, created, updated).
 */
export const ATTRIBUTION_DOC = { shapes: 'shapes' } as const;

export function attributionDocId(boardId: string): string {
  if (!/^[A-Za-z0-9_-]{4,64}$/.test(boardId)) throw new Error(`invalid board id: ${boardId}`);
  return `a.${boardId}`;
}

const who = z.nullable(z.string().check(z.regex(/^[A-Za-z0-9_-]{4,64}$/)));
export const attributionSchema = z.object({
  /** Participant id; null when the server made it (templates, accepted suggestions). */
  createdBy: who,
  /** Null when the object is older than the record (e.g. made before it was kept). */
  createdAt: z.nullable(z.number()),
  updatedBy: who,
  updatedAt: z.number(),
});
export type Attribution = z.infer<typeof attributionSchema>;

/** A board's attributions by shape id (invalid entries skipped). */
export function readAttribution(doc: Y.Doc): Map<string, Attribution> {
  const out = new Map<string, Attribution>();
  for (const [id, v] of doc.getMap(ATTRIBUTION_DOC.shapes).entries()) {
    const r = attributionSchema.safeParse(v);
    if (r.success) out.set(id, r.data);
  }
  return out;
}
