import type { Presentation } from '@torg/shared';
import { useEffect, useState } from 'react';

/** What a board page needs to follow a presentation of it. */
export interface PresentationFollow {
  /** The presentation of this board, or null (none, or another board's). */
  here: Presentation | null;
  /** Whether this person's view follows the presenter's sections (until they look around). */
  following: boolean;
  /** The view to show while following: the section's frame, or the whole board. */
  focus: { key: string; rect: null; frameId: string | null } | null;
  /** The person moved the view themselves: stop following. */
  lookAround(): void;
  /** "Tilbake til presentasjonen": follow again, from the section shown now. */
  back(): void;
}

/**
 * Following a presentation on the board page: each new section is shown (its frame fitted to
 * the screen) until the person moves the view themselves; "back" shows the current one again.
 * A presentation that begins on this board is followed from its start.
 */
export function usePresentationFollow(
  presentation: Presentation | null | undefined,
  boardId: string,
): PresentationFollow {
  const here = presentation?.boardId === boardId ? presentation : null;
  const [following, setFollowing] = useState(true);
  // Counts the jumps back, so the same section is shown again after looking around.
  const [returns, setReturns] = useState(0);
  const active = here !== null;
  useEffect(() => {
    if (active) setFollowing(true);
  }, [active]);
  return {
    here,
    following,
    focus:
      here && following
        ? { key: `present:${here.seq}:${returns}`, rect: null, frameId: here.frameId }
        : null,
    lookAround: () => setFollowing(false),
    back: () => {
      setFollowing(true);
      setReturns((n) => n + 1);
    },
  };
}
