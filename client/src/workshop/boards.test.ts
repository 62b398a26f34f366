import { describe, expect, it } from 'vitest';
import { authorText } from './authors/author-text.js';
import { boardRules, boardsByPhase, currentBoardFor, readOnlyReason } from './boards.js';
import { localToday } from './dates.js';
import { board, state } from './test-fixtures.js';

describe('currentBoardFor', () => {
  it("picks the newest open board of the person's group", () => {
    const s = state([
      board('old1', 'grp1', 10),
      board('new1', 'grp1', 20),
      board('arch', 'grp1', 30, { archived: true }),
      board('oth2', 'grp2', 40),
      board('plen', null, 50),
    ]);
    expect(currentBoardFor(s, 'anne')?.id).toBe('new1');
  });

  it('falls back to the newest plenary board, then to none', () => {
    expect(
      currentBoardFor(state([board('oth2', 'grp2', 1), board('plen', null, 2)]), 'anne')?.id,
    ).toBe('plen');
    expect(currentBoardFor(state([board('plen', null, 2)]), 'ola1')?.id).toBe('plen');
    expect(currentBoardFor(state([board('oth2', 'grp2', 1)]), 'anne')).toBeNull();
    expect(currentBoardFor(state([]), 'anne')).toBeNull();
  });
});

describe('readOnlyReason', () => {
  const own = board('own1', 'grp1', 1);
  const anne = { role: 'participant' as const, participantId: 'anne' };
  it('is null when the person may write', () => {
    expect(readOnlyReason(state([own]), own, anne)).toBeNull();
    expect(
      readOnlyReason(state([own]), own, { role: 'facilitator', participantId: 'f' }),
    ).toBeNull();
  });
  it('names the reason', () => {
    expect(readOnlyReason(state([own]), own, { role: 'observer', participantId: 'obs1' })).toBe(
      'readonly.observer',
    );
    expect(readOnlyReason(state([own]), board('oth2', 'grp2', 1), anne)).toBe(
      'readonly.otherGroup',
    );
    expect(readOnlyReason(state([own]), { ...own, locked: true }, anne)).toBe('readonly.locked');
    const s = state([own]);
    expect(
      readOnlyReason({ ...s, meta: s.meta && { ...s.meta, allLocked: true } }, own, anne),
    ).toBe('readonly.locked');
    expect(readOnlyReason({ ...s, meta: s.meta && { ...s.meta, ended: true } }, own, anne)).toBe(
      'readonly.ended',
    );
    expect(readOnlyReason(s, { ...own, archived: true }, anne)).toBe('readonly.archived');
  });
});

describe('dates and lists', () => {
  it('gives today as YYYY-MM-DD in local time', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
  it('lists boards by phase, newest phase first, plenary before groups', () => {
    const s = state(
      [
        board('b2p1', 'grp2', 1, { phaseId: 'ph1' }),
        board('b1p1', 'grp1', 1, { phaseId: 'ph1' }),
        board('b1p2', 'grp1', 2, { phaseId: 'ph2' }),
        board('plp2', null, 2, { phaseId: 'ph2' }),
        board('free', null, 3),
      ],
      {
        phases: [
          { id: 'ph1', name: 'Innsikt', template: 'blank', order: 0 },
          { id: 'ph2', name: 'Fremtid', template: 'blank', order: 1 },
        ],
      },
    );
    expect(boardsByPhase(s).map((x) => [x.phaseId, x.boards.map((b) => b.id)])).toEqual([
      ['ph2', ['plp2', 'b1p2']],
      ['ph1', ['b1p1', 'b2p1']],
      [null, ['free']],
    ]);
  });
});

describe('boardRules and authorText', () => {
  const s = state([]);
  const who = (participantId: string, role: 'participant' | 'facilitator' = 'participant') => ({
    role,
    participantId,
  });
  const me = (id: string) => s.participants.find((p) => p.id === id);
  it('gives each group its own note colour, yellow to the ungrouped and the facilitator', () => {
    const groupTwo = {
      ...s,
      participants: [
        ...s.participants,
        { id: 'kari', name: 'Kari', role: 'participant' as const, groupId: 'grp2', joinedAt: 4 },
      ],
    };
    const first = boardRules(s, who('anne'), me('anne')).stickyColor;
    const second = boardRules(groupTwo, who('kari'), groupTwo.participants.at(-1)).stickyColor;
    expect(first).not.toBe(second);
    expect(first).not.toBe('yellow');
    expect(boardRules(s, who('ola1'), me('ola1')).stickyColor).toBe('yellow');
    expect(boardRules(s, who('f', 'facilitator'), undefined)).toEqual({
      stickyColor: 'yellow',
      mayUnlockFurniture: true,
    });
    expect(boardRules(s, who('anne'), me('anne')).mayUnlockFurniture).toBe(false);
  });
  it('names the author with the group', () => {
    const t = (key: string, p: Record<string, string | number> = {}) =>
      `${key}:${Object.values(p).join('|')}`;
    expect(authorText(s, 'anne', t)).toBe('author.label:Anne|Gruppe 1');
    expect(authorText(s, 'ola1', t)).toBe('author.noGroup:Ola');
    expect(authorText(s, 'nobody', t)).toBeNull();
  });
});
