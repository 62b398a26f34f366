import { type Comment, cutAtWord } from '@torg/shared';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { serverNow } from '../timer/useServerClock.js';
import { loadSeen, storeSeen, unreadCount } from './comments-logic.js';

/**
 * What is new in a board's feedback for this person: how many comments are unread, and a
 * polite announcement (for screen readers) when someone else adds one while the board is open.
 */
export function useFeedbackNews(
  comments: readonly Comment[],
  boardId: string,
  panelOpen: boolean,
  participantId: string,
) {
  const t = useT();
  const [seen, setSeen] = useState(() => loadSeen(boardId));
  const [announcement, setAnnouncement] = useState('');

  // Unread: newer than what this browser last saw in the open panel (kept per board).
  const newest = comments.reduce((m, c) => Math.max(m, c.createdAt), 0);
  useEffect(() => setSeen(loadSeen(boardId)), [boardId]);
  useEffect(() => {
    if (!panelOpen || newest <= seen) return;
    storeSeen(boardId, newest);
    setSeen(newest);
  }, [panelOpen, newest, seen, boardId]);
  const unread = unreadCount(comments, seen, participantId);

  // Politely say when someone else adds feedback while the board is open.
  const openedAt = useRef(serverNow());
  const announced = useRef(new Set<string>());
  useEffect(() => {
    const fresh = comments.filter(
      (c) =>
        c.createdAt > openedAt.current &&
        c.authorId !== participantId &&
        !announced.current.has(c.id),
    );
    for (const c of fresh) announced.current.add(c.id);
    const last = fresh.at(-1);
    if (last)
      setAnnouncement(
        t('comments.announce', { name: last.authorName, text: cutAtWord(last.text, 120) }),
      );
  }, [comments, participantId, t]);

  return { unread, announcement, setAnnouncement };
}
