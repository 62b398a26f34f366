import type { WorkshopState } from '@torg/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuthorOf } from '../../board/AuthorLabel.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { authorText } from './author-text.js';
import { authorsApi } from './authors-api.js';

/** At most one request per board this often: new objects get their author within it. */
const REFRESH_MS = 3000;

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

  const refresh = useCallback(() => {
    const now = performance.now();
    if (inFlight.current || now - last.current < REFRESH_MS) return;
    last.current = now;
    inFlight.current = true;
    authorsApi.get(workshopId, token, boardId).then(
      (r) => {
        inFlight.current = false;
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
    refresh();
  }, [refresh]);

  return useCallback<AuthorOf>(
    (shapeId) => {
      const participantId = authors[shapeId];
      if (participantId === undefined) {
        // Asked from a render: fetch after it, not during it.
        queueMicrotask(refresh);
        return null;
      }
      return authorText(state, participantId, t);
    },
    [authors, state, t, refresh],
  );
}
