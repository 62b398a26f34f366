import { describe, expect, it } from 'vitest';
import { AwarenessOwners } from './awareness-owners.js';

const person = (participantId: string | null) => ({ participantId });

describe('AwarenessOwners', () => {
  it('binds an id to the first connection; another participant is refused, live or gone', () => {
    const owners = new AwarenessOwners();
    const vera = person('vera');
    expect(owners.claim(7, vera, false)).toBe(true);
    expect(owners.claim(7, vera, true)).toBe(true);
    expect(owners.claim(7, person('arne'), true)).toBe(false);
    expect(owners.claim(7, person(null), true)).toBe(false);
    expect(owners.release(vera, [7])).toEqual([7]);
    // Vera is away: her id stays hers.
    expect(owners.claim(7, person('arne'), false)).toBe(false);
    expect(owners.claim(7, person(null), false)).toBe(false);
  });

  it('the same participant reconnecting takes the id over; the old connection no longer removes it', () => {
    const owners = new AwarenessOwners();
    const before = person('vera');
    const after = person('vera');
    owners.claim(7, before, false);
    expect(owners.claim(7, after, true)).toBe(true);
    expect(owners.release(before, [7])).toEqual([]);
    expect(owners.release(after, [7])).toEqual([7]);
  });

  it('an anonymous id is refused while its connection lives, free once it ended', () => {
    const owners = new AwarenessOwners();
    const first = person(null);
    owners.claim(9, first, false);
    expect(owners.claim(9, person(null), true)).toBe(false);
    owners.release(first, [9]);
    const next = person(null);
    expect(owners.claim(9, next, false)).toBe(true);
    expect(owners.claim(9, person(null), false)).toBe(false);
  });

  it('an id another server relays belongs to the participant its stamp names', () => {
    const owners = new AwarenessOwners();
    owners.noteRemote({ clientId: 5, clock: 3, state: '{"user":{"participantId":"vera"}}' });
    expect(owners.claim(5, person('arne'), true)).toBe(false);
    expect(owners.claim(5, person(null), true)).toBe(false);
    expect(owners.claim(5, person('vera'), true)).toBe(true);

    // Anonymous elsewhere: refused while present there.
    owners.noteRemote({ clientId: 6, clock: 1, state: '{"cursor":{"x":1}}' });
    expect(owners.claim(6, person(null), true)).toBe(false);
    expect(owners.claim(6, person(null), false)).toBe(true);
  });
});
