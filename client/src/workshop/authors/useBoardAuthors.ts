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
  // What this board's questions have learnt; a new one per board, so a late answer about the
  // board before is dropped instead of mixed in.
  const session = useRef(newSession());

  const refresh = useCallback(() => {
    const s = session.current;
    const now = performance.now();
    if (s.inFlight || now - s.last < REFRESH_MS) return;
    s.last = now;
    s.inFlight = true;
    authorsApi.get(workshopId, token, boardId, s.since).then(
      (r) => {
        s.inFlight = false;
        if (session.current !== s) return;
        s.answeredAsOf = now;
        s.since = r.asOf;
        setAuthors((known) => ({ ...known, ...r.authors }));
      },
      () => {
        // Unknown authors just show no label; the next question asks again.
        s.inFlight = false;
      },
    );
  }, [workshopId, token, boardId]);

  useEffect(() => {
    session.current = newSession();
    setAuthors({});
    refresh();
  }, [refresh]);

  return useCallback<AuthorOf>(
    (shapeId) => {
      const participantId = authors[shapeId];
      if (participantId === undefined) {
        const s = session.current;
        const asked = s.firstAsked.get(shapeId);
        if (asked === undefined) s.firstAsked.set(shapeId, performance.now());
        // Not known yet (made since the last answer): ask again — after this render, not in it.
        else if (asked < s.answeredAsOf - RECORD_GRACE_MS) return null;
        queueMicrotask(refresh);
        return null;
      }
      return authorText(state, participantId, t);
    },
    [authors, state, t, refresh],
  );
}

function newSession() {
  return {
    /** When the last question was sent (performance.now), and whether one is out. */
    last: Number.NEGATIVE_INFINITY,
    inFlight: false,
    /** When the last answer was asked for: objects asked about well before it and not in it
     * have no author (the template's, the server's) and are not asked about again. */
    answeredAsOf: Number.NEGATIVE_INFINITY,
    firstAsked: new Map<string, number>(),
    /** The server's `asOf` of its last answer: later questions ask only for what is new. */
    since: null as number | null,
  };
}
