import type { WorkshopState } from '@torg/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuthorOf } from '../../board/AuthorLabel.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { authorText } from './author-text.js';
import { authorsApi } from './authors-api.js';

/** At most one request per board this often: new objects get their author within it. */
const REFRESH_MS = 3000;
/** The server records authors in batches (200 ms) after the change arrives: an object first
 * asked about this shortly before an answer may simply not be recorded yet. */
const RECORD_GRACE_MS = 2000;

/**
 * Who made the objects of a board, for its hover label and announcements: fetched when the
 * board opens, and again (at most every few seconds) when someone asks about an object not
 * known yet — a note made since. Names and groups come from the workshop state.
 */
export function useBoardAuthors(ctx: {
  workshopId: string;
  token: string;
  boardId: string;
  state: WorkshopState;
}): AuthorOf {
  const t = useT();
  const { workshopId, token, boardId, state } = ctx;
  const [authors, setAuthors] = useState<Record<string, string>>({});
  const last = useRef(Number.NEGATIVE_INFINITY);
  const inFlight = useRef(false);
  // When the last answer was asked for: objects asked about well before it and not in it have
  // no author (the template's, the server's) and are not asked about again.
  const answeredAsOf = useRef(Number.NEGATIVE_INFINITY);
  const firstAsked = useRef(new Map<string, number>());

  const refresh = useCallback(() => {
    const now = performance.now();
    if (inFlight.current || now - last.current < REFRESH_MS) return;
    last.current = now;
    inFlight.current = true;
    authorsApi.get(workshopId, token, boardId).then(
      (r) => {
        inFlight.current = false;
        answeredAsOf.current = now;
        setAuthors(r.authors);
      },
      () => {
        // Unknown authors just show no label; the next question asks again.
        inFlight.current = false;
      },
    );
  }, [workshopId, token, boardId]);

  useEffect(() => {
    setAuthors({});
    last.current = Number.NEGATIVE_INFINITY;
    answeredAsOf.current = Number.NEGATIVE_INFINITY;
    firstAsked.current.clear();
    refresh();
  }, [refresh]);

  return useCallback<AuthorOf>(
    (shapeId) => {
      const participantId = authors[shapeId];
      if (participantId === undefined) {
        const asked = firstAsked.current.get(shapeId);
        if (asked === undefined) firstAsked.current.set(shapeId, performance.now());
        // Not known yet (made since the last answer): ask again — after this render, not in it.
        else if (asked < answeredAsOf.current - RECORD_GRACE_MS) return null;
        queueMicrotask(refresh);
        return null;
      }
      return authorText(state, participantId, t);
    },
    [authors, state, t, refresh],
  );
}
